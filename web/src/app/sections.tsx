import {
  BarChartOutlined,
  CloudUploadOutlined,
  CrownOutlined,
  DashboardOutlined,
  FireOutlined,
  MessageOutlined,
  PieChartOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../api/types';
import { can, type Permission } from '../session/permissions';

// The dashboard's sections, in menu order. A section that is not built yet shows what will come.
export const sectionKeys = [
  'overview',
  'customers',
  'segments',
  'campaigns',
  'messages',
  'promotions',
  'loyalty',
  'reports',
  'import',
  'settings',
] as const;
export type SectionKey = (typeof sectionKeys)[number];

// Every section is built now; a new one can sit here until it is (its text: comingSoon.<section>).
export type ComingSoonSection = Extract<SectionKey, 'segments' | 'campaigns' | 'promotions' | 'loyalty'>;
export const comingSoonSections: readonly ComingSoonSection[] = [];

export const sectionIcons: Record<SectionKey, ReactNode> = {
  overview: <DashboardOutlined />,
  customers: <TeamOutlined />,
  segments: <PieChartOutlined />,
  campaigns: <SendOutlined />,
  messages: <MessageOutlined />,
  promotions: <FireOutlined />,
  loyalty: <CrownOutlined />,
  reports: <BarChartOutlined />,
  import: <CloudUploadOutlined />,
  settings: <SettingOutlined />,
};

// Sections a role needs a right for; the menu leaves them out for the others, and the page itself
// says why when opened by its address.
const sectionPermissions: Partial<Record<SectionKey, Permission>> = {
  import: 'data.import',
  campaigns: 'campaigns.manage',
};

/** Whether the menu offers the section to this role. */
export function sectionVisible(section: SectionKey, role: Role): boolean {
  const permission = sectionPermissions[section];
  return permission === undefined || can(role, permission);
}

export const storePath = (storeId: number, section: SectionKey = 'overview') =>
  `/stores/${storeId}/${section}`;
