import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { storePath } from '../../app/sections';
import { useStore } from '../../session/use-session';

export type LoyaltyView = 'coupons' | 'gifts';

/** The loyalty section's views as tabs; each is its own address under /loyalty. */
export function LoyaltyNav({ active }: { readonly active: LoyaltyView }) {
  const { t } = useTranslation();
  const store = useStore();
  const navigate = useNavigate();
  const items: { key: LoyaltyView; label: string }[] = [
    { key: 'coupons', label: t('coupons.tab') },
    { key: 'gifts', label: t('gifts.tab') },
  ];
  return (
    <Tabs
      activeKey={active}
      items={items}
      onChange={(key) => navigate(`${storePath(store.id, 'loyalty')}/${key}`)}
      style={{ marginTop: -8, marginBottom: 8 }}
    />
  );
}
