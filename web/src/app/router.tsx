import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from '../layout/AppLayout';
import { ComingSoonPage } from '../pages/coming-soon';
import { LoginPage } from '../pages/login';
import { NotFoundPage } from '../pages/not-found';
import { SessionGate } from './SessionGate';
import { StartPage } from './StartPage';
import { StoreGate } from './StoreGate';
import { comingSoonSections } from './sections';

// Pages with heavy dependencies (ECharts, big forms) load when first opened.
const OverviewPage = lazy(() => import('../pages/overview'));
const SettingsPage = lazy(() => import('../pages/settings'));
const ImportPage = lazy(() => import('../pages/import'));
const CustomerListPage = lazy(() => import('../pages/customers/list'));
const CustomerProfilePage = lazy(() => import('../pages/customers/profile'));
const FollowUpsPage = lazy(() => import('../pages/customers/follow-ups'));
const DuplicatesPage = lazy(() => import('../pages/customers/duplicates'));
const AnalyticsPage = lazy(() => import('../pages/analytics'));
const PredictionsPage = lazy(() => import('../pages/predictions'));
const MessageLogPage = lazy(() => import('../pages/messaging/log'));
const TemplatesPage = lazy(() => import('../pages/messaging/templates'));
const OptOutsPage = lazy(() => import('../pages/messaging/opt-outs'));
const TasksPage = lazy(() => import('../pages/messaging/tasks'));
const AudienceListPage = lazy(() => import('../pages/audiences/list'));
const AudienceBuilderPage = lazy(() => import('../pages/audiences/builder'));
const CampaignListPage = lazy(() => import('../pages/campaigns/list'));
const CampaignWizardPage = lazy(() => import('../pages/campaigns/wizard'));
const CampaignResultsPage = lazy(() => import('../pages/campaigns/results'));
const CouponListPage = lazy(() => import('../pages/loyalty/coupons'));
const CouponReportPage = lazy(() => import('../pages/loyalty/coupons/report'));
const GiftListPage = lazy(() => import('../pages/loyalty/gifts'));
const GiftPlanPage = lazy(() => import('../pages/loyalty/gifts/plan'));
const TiersPage = lazy(() => import('../pages/loyalty/tiers'));
const MemberDaysPage = lazy(() => import('../pages/loyalty/member-days'));
const PromotionCalendarPage = lazy(() => import('../pages/promotions/calendar'));
const PromotionPlanPage = lazy(() => import('../pages/promotions/plan'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <SessionGate />,
    children: [
      { index: true, element: <StartPage /> },
      {
        path: 'stores/:storeId',
        element: <StoreGate />,
        children: [
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <Navigate to="overview" replace /> },
              { path: 'overview', element: <OverviewPage /> },
              {
                path: 'customers',
                children: [
                  { index: true, element: <CustomerListPage /> },
                  // Static segments rank above :customerId, so these two never read as an id.
                  { path: 'follow-ups', element: <FollowUpsPage /> },
                  { path: 'duplicates', element: <DuplicatesPage /> },
                  { path: ':customerId', element: <CustomerProfilePage /> },
                ],
              },
              {
                path: 'messages',
                children: [
                  { index: true, element: <MessageLogPage /> },
                  { path: 'templates', element: <TemplatesPage /> },
                  { path: 'opt-outs', element: <OptOutsPage /> },
                  { path: 'tasks', element: <TasksPage /> },
                ],
              },
              {
                path: 'segments',
                children: [
                  { index: true, element: <AudienceListPage /> },
                  { path: 'new', element: <AudienceBuilderPage /> },
                  { path: ':audienceId', element: <AudienceBuilderPage /> },
                ],
              },
              {
                path: 'campaigns',
                children: [
                  { index: true, element: <CampaignListPage /> },
                  { path: 'new', element: <CampaignWizardPage /> },
                  { path: ':campaignId', element: <CampaignResultsPage /> },
                ],
              },
              {
                // 会员: each page is a tab (pages/loyalty/LoyaltyNav.tsx); the section opens on the first.
                path: 'loyalty',
                children: [
                  { index: true, element: <Navigate to="tiers" replace /> },
                  { path: 'tiers', element: <TiersPage /> },
                  { path: 'member-days', element: <MemberDaysPage /> },
                  { path: 'coupons', element: <CouponListPage /> },
                  { path: 'coupons/:batchId', element: <CouponReportPage /> },
                  { path: 'gifts', element: <GiftListPage /> },
                  { path: 'gifts/:planId', element: <GiftPlanPage /> },
                ],
              },
              {
                // 大促: the calendar, then a plan's pages as tabs (pages/promotions/plan/PlanNav.tsx).
                path: 'promotions',
                children: [
                  { index: true, element: <PromotionCalendarPage /> },
                  {
                    path: 'plans/:planId',
                    children: [
                      { index: true, element: <Navigate to="phases" replace /> },
                      { path: 'phases', element: <PromotionPlanPage view="phases" /> },
                      { path: 'targets', element: <PromotionPlanPage view="targets" /> },
                      { path: 'progress', element: <PromotionPlanPage view="progress" /> },
                      { path: 'review', element: <PromotionPlanPage view="review" /> },
                    ],
                  },
                ],
              },
              ...comingSoonSections.map((section) => ({
                path: section,
                element: <ComingSoonPage section={section} />,
              })),
              {
                path: 'reports',
                children: [
                  { index: true, element: <AnalyticsPage /> },
                  { path: 'predictions', element: <PredictionsPage /> },
                ],
              },
              { path: 'import', element: <ImportPage /> },
              { path: 'settings', element: <SettingsPage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
