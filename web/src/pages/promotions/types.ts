import type { z } from 'zod';
import type {
  calendarSchema,
  eventSchema,
  Plan,
  phasesInputSchema,
  planCampaignInputSchema,
  planCampaignSchema,
  progressSchema,
  targetInputSchema,
  targetsSchema,
  taskInputSchema,
  taskPatchSchema,
  taskSchema,
} from '../../../../src/promotions/schemas';

// The promotions API's shapes, from the server's own schemas.

export type { Plan };
export type Calendar = z.infer<typeof calendarSchema>;
export type CalendarEvent = Calendar['events'][number];
export type CalendarMemberDay = Calendar['memberDays'][number];
export type OwnEvent = z.infer<typeof eventSchema>;
export type PhasesInput = z.input<typeof phasesInputSchema>;
export type Task = z.infer<typeof taskSchema>;
export type TaskInput = z.input<typeof taskInputSchema>;
export type TaskPatch = z.input<typeof taskPatchSchema>;
export type Targets = z.infer<typeof targetsSchema>;
export type TargetInput = z.input<typeof targetInputSchema>;
export type Progress = z.infer<typeof progressSchema>;
export type PlanCampaignInput = z.input<typeof planCampaignInputSchema>;
export type PlanCampaign = z.infer<typeof planCampaignSchema>;
export type Phase = Plan['phases'][number]['phase'];
export type PlanSummary = { id: number; event: string; year: number };

export const phaseKeys = ['buildup', 'warmup', 'day', 'afterglow'] as const satisfies readonly Phase[];
export const taskKinds = [
  'campaign',
  'coupon_batch',
  'gift',
  'flash_sale',
  'group_buy',
  'red_envelope',
  'quiz',
  'vote',
  'topic',
  'buyer_show',
  'other',
] as const satisfies readonly Task['kind'][];
export const taskStatuses = ['todo', 'doing', 'done'] as const satisfies readonly Task['status'][];
