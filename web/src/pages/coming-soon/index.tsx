import { Button, Card, Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ComingSoonSection, sectionIcons, storePath } from '../../app/sections';
import { PageHeader } from '../../components/PageHeader';
import { useStore } from '../../session/use-session';

/** A section that is not built yet: its name and one sentence on what it will hold. */
export function ComingSoonPage({ section }: { readonly section: ComingSoonSection }) {
  const { t } = useTranslation();
  const store = useStore();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t(`nav.${section}`)} />
      <Card>
        <Result
          icon={<span style={{ fontSize: 56, color: '#91b4f0' }}>{sectionIcons[section]}</span>}
          title={
            <>
              {t(`nav.${section}`)} <Tag color="blue">{t('comingSoon.badge')}</Tag>
            </>
          }
          subTitle={t(`comingSoon.${section}`)}
          extra={<Button onClick={() => navigate(storePath(store.id))}>{t('comingSoon.back')}</Button>}
        />
      </Card>
    </>
  );
}
