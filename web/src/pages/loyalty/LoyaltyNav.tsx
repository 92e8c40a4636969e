import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { storePath } from '../../app/sections';
import { can, type Permission } from '../../session/permissions';
import { useStore } from '../../session/use-session';

// The 会员 section's pages as tabs, each its own address under /loyalty. A new page adds one entry
// here (with the permission it needs, if any), one route in app/router.tsx and its label.
export const loyaltyViews = [
  { key: 'tiers', path: 'tiers', label: 'loyalty.nav.tiers' },
  { key: 'member-days', path: 'member-days', label: 'loyalty.nav.memberDays' },
  // Coupons are campaign material: the API shows them to the roles that may manage them.
  { key: 'coupons', path: 'coupons', label: 'coupons.tab', needs: 'coupons.manage' },
  { key: 'gifts', path: 'gifts', label: 'gifts.tab' },
] as const satisfies readonly { key: string; path: string; label: string; needs?: Permission }[];
export type LoyaltyView = (typeof loyaltyViews)[number]['key'];

export function LoyaltyNav({ active }: { readonly active: LoyaltyView }) {
  const { t } = useTranslation();
  const store = useStore();
  const navigate = useNavigate();
  const views = loyaltyViews.filter((view) => !('needs' in view) || can(store.role, view.needs));
  return (
    <Tabs
      activeKey={active}
      items={views.map((view) => ({ key: view.key, label: t(view.label) }))}
      onChange={(key) => {
        const view = views.find((v) => v.key === key);
        if (view) navigate(`${storePath(store.id, 'loyalty')}/${view.path}`);
      }}
      style={{ marginTop: -8, marginBottom: 8 }}
    />
  );
}
