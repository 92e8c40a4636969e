import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { storePath } from '../../app/sections';
import { useStore } from '../../session/use-session';

// The 会员 section's pages as tabs, each its own address under /loyalty. A new page (coupons,
// gifts) adds one entry here, one route in app/router.tsx and its label under loyalty.nav.
export const loyaltyViews = [
  { key: 'tiers', path: 'tiers', label: 'loyalty.nav.tiers' },
  { key: 'member-days', path: 'member-days', label: 'loyalty.nav.memberDays' },
] as const;
export type LoyaltyView = (typeof loyaltyViews)[number]['key'];

export function LoyaltyNav({ active }: { readonly active: LoyaltyView }) {
  const { t } = useTranslation();
  const store = useStore();
  const navigate = useNavigate();
  return (
    <Tabs
      activeKey={active}
      items={loyaltyViews.map((view) => ({ key: view.key, label: t(view.label) }))}
      onChange={(key) => {
        const view = loyaltyViews.find((v) => v.key === key);
        if (view) navigate(`${storePath(store.id, 'loyalty')}/${view.path}`);
      }}
      style={{ marginTop: -8, marginBottom: 8 }}
    />
  );
}
