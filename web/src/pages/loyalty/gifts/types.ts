import type { z } from 'zod';
import type {
  GiftPlan,
  GiftPreview,
  giftPlanInputSchema,
  giftRecipientSchema,
  occasions,
} from '../../../../../src/loyalty/gifts-schemas.js';

export type { GiftPlan, GiftPreview };
export type GiftPlanInput = z.input<typeof giftPlanInputSchema>;
export type GiftRecipient = z.infer<typeof giftRecipientSchema>;
export type Occasion = (typeof occasions)[number];
export type RecipientStatus = GiftRecipient['status'];
export interface RecipientsPage {
  readonly recipients: GiftRecipient[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly masked: boolean;
}
