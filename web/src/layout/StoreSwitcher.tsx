import { ShopOutlined } from '@ant-design/icons';
import { Flex, Select, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { type SectionKey, sectionKeys, storePath } from '../app/sections';
import { useSession, useStore } from '../session/use-session';

/** Picks the store the dashboard shows; the URL carries it, so links and reloads keep it. */
export function StoreSwitcher() {
  const { t } = useTranslation();
  const { stores } = useSession();
  const store = useStore();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // Stay in the same section when switching: Settings of one store → Settings of the other.
  const section: SectionKey =
    sectionKeys.find((key) => pathname.startsWith(storePath(store.id, key))) ?? 'overview';

  return (
    <Flex align="center" gap={8}>
      <Select
        aria-label={t('header.store')}
        value={store.id}
        onChange={(id: number) => navigate(storePath(id, section))}
        prefix={<ShopOutlined style={{ color: '#8c8c8c' }} />}
        style={{ width: 280 }}
        popupMatchSelectWidth={320}
        showSearch={stores.length > 6 ? { optionFilterProp: 'searchText' } : false}
        options={stores.map((s) => ({
          value: s.id,
          searchText: s.name,
          label: (
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text ellipsis>{s.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                {t(`platforms.${s.platform}`)}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
      {store.isDemo && (
        <Tooltip title={t('header.demoHint')}>
          <Tag color="gold" style={{ marginInlineEnd: 0 }}>
            {t('header.demo')}
          </Tag>
        </Tooltip>
      )}
    </Flex>
  );
}
