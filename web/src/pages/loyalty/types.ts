import type { z } from 'zod';
import type {
  ApplySummary,
  CustomerTier,
  MemberDay,
  MemberDayCalendar,
  memberDayInputSchema,
  Tier,
  TierChange,
  TierPreview,
  TierScheme,
  tierMovementSchema,
  tierSchemeInputSchema,
} from '../../../../src/loyalty/schemas.js';

export type {
  ApplySummary,
  CustomerTier,
  MemberDay,
  MemberDayCalendar,
  Tier,
  TierChange,
  TierPreview,
  TierScheme,
};
export type TierSchemeInput = z.input<typeof tierSchemeInputSchema>;
export type TierInput = TierSchemeInput['tiers'][number];
export type MemberDayInput = z.input<typeof memberDayInputSchema>;
export type TierMovement = z.infer<typeof tierMovementSchema>;
export type TierBasis = TierScheme['basis'];
export type TierPeriod = TierScheme['period'];
