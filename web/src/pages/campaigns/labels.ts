import type { Permission } from '../../session/permissions';
import type { CampaignAction } from './api';
import type { CampaignStatus } from './types';

export const campaignStatusColours: Record<CampaignStatus, string> = {
  draft: 'default',
  awaiting_approval: 'gold',
  scheduled: 'cyan',
  sending: 'processing',
  completed: 'green',
  paused: 'purple',
  cancelled: 'default',
};

/** What may be done to a campaign in each status, and the right each action needs. */
export const actionsByStatus: Record<CampaignStatus, readonly CampaignAction[]> = {
  draft: ['send', 'cancel'],
  awaiting_approval: ['approve', 'cancel'],
  scheduled: ['pause', 'cancel'],
  sending: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
  completed: [],
  cancelled: [],
};

export const actionPermission: Record<CampaignAction, Permission> = {
  send: 'campaigns.manage',
  approve: 'campaigns.approve',
  pause: 'campaigns.manage',
  resume: 'campaigns.manage',
  cancel: 'campaigns.manage',
};
