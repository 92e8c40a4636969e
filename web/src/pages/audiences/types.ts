import type { z } from 'zod';
import type {
  AudienceDefinition,
  AudienceNode,
  Condition,
  ConditionType,
  DateBound,
} from '../../../../src/audiences/definition.js';
import type {
  audienceInputSchema,
  countResultSchema,
  readyMadeListSchema,
  savedAudienceSchema,
} from '../../../../src/audiences/schemas.js';
import type { CustomerList } from '../../../../src/customers/schemas.js';

export type { AudienceDefinition, AudienceNode, Condition, ConditionType, CustomerList, DateBound };
export type SavedAudience = z.infer<typeof savedAudienceSchema>;
export type AudienceInput = z.input<typeof audienceInputSchema>;
export type CountResult = z.infer<typeof countResultSchema>;
export type ReadyMadeAudience = z.infer<typeof readyMadeListSchema>['audiences'][number];
/** A group node of the tree: AND / OR over children. */
export type GroupNode = Extract<AudienceNode, { type: 'and' | 'or' }>;
