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
              ...comingSoonSections.map((section) => ({
                path: section,
                element: <ComingSoonPage section={section} />,
              })),
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
