import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { storePath } from '../../../app/sections';
import { useStore } from '../../../session/use-session';

// A plan's pages as tabs, each its own address under /promotions/plans/:planId. A new page (the
// review) adds one entry here, one route in app/router.tsx and its label.
export const planViews = [
  { key: 'phases', label: 'promotions.plan.nav.phases' },
  { key: 'targets', label: 'promotions.plan.nav.targets' },
  { key: 'progress', label: 'promotions.plan.nav.progress' },
  { key: 'review', label: 'promotionReview.tab' },
] as const;
export type PlanView = (typeof planViews)[number]['key'];

export function PlanNav({ planId, active }: { readonly planId: number; readonly active: PlanView }) {
  const { t } = useTranslation();
  const store = useStore();
  const navigate = useNavigate();
  return (
    <Tabs
      activeKey={active}
      items={planViews.map((view) => ({ key: view.key, label: t(view.label) }))}
      onChange={(key) => navigate(`${storePath(store.id, 'promotions')}/plans/${planId}/${key}`)}
      style={{ marginTop: -8, marginBottom: 8 }}
    />
  );
}
