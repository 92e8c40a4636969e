import {
  BarChartOutlined,
  CrownOutlined,
  DashboardOutlined,
  FireOutlined,
  PieChartOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

// The dashboard's sections, in menu order. A section that is not built yet shows what will come.
export const sectionKeys = [
  'overview',
  'customers',
  'segments',
  'campaigns',
  'promotions',
  'loyalty',
  'reports',
  'settings',
] as const;
export type SectionKey = (typeof sectionKeys)[number];

export const comingSoonSections = [
  'customers',
  'segments',
  'campaigns',
  'promotions',
  'loyalty',
  'reports',
] as const;
export type ComingSoonSection = (typeof comingSoonSections)[number];

export const sectionIcons: Record<SectionKey, ReactNode> = {
  overview: <DashboardOutlined />,
  customers: <TeamOutlined />,
  segments: <PieChartOutlined />,
  campaigns: <SendOutlined />,
  promotions: <FireOutlined />,
  loyalty: <CrownOutlined />,
  reports: <BarChartOutlined />,
  settings: <SettingOutlined />,
};

export const storePath = (storeId: number, section: SectionKey = 'overview') =>
  `/stores/${storeId}/${section}`;
