import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { storePath } from '../../app/sections';
import { can } from '../../session/permissions';
import { useStore } from '../../session/use-session';

export type LoyaltyView = 'coupons' | 'gifts';

/** The loyalty section's views as tabs; each is its own address under /loyalty. */
export function LoyaltyNav({ active }: { readonly active: LoyaltyView }) {
  const { t } = useTranslation();
  const store = useStore();
  const navigate = useNavigate();
  const items: { key: LoyaltyView; label: string }[] = [];
  // Coupons are campaign material: the API shows them to the roles that may manage them.
  if (can(store.role, 'coupons.manage')) items.push({ key: 'coupons', label: t('coupons.tab') });
  items.push({ key: 'gifts', label: t('gifts.tab') });
  return (
    <Tabs
      activeKey={active}
      items={items}
      onChange={(key) => navigate(`${storePath(store.id, 'loyalty')}/${key}`)}
      style={{ marginTop: -8, marginBottom: 8 }}
    />
  );
}

/** /loyalty opens the first view the role may use. */
export function LoyaltyIndex() {
  const store = useStore();
  return <Navigate to={can(store.role, 'coupons.manage') ? 'coupons' : 'gifts'} replace />;
}
