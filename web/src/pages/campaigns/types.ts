import type { z } from 'zod';
import type {
  Campaign,
  CampaignResults,
  campaignInputSchema,
  campaignStatusSchema,
} from '../../../../src/campaigns/schemas.js';

export type { Campaign, CampaignResults };
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;
export type CampaignInput = z.input<typeof campaignInputSchema>;
export type Schedule = NonNullable<CampaignInput['schedule']>;
export type GroupFigures = CampaignResults['target'];
export type Interval = CampaignResults['uplift']['responseRate'];
