import type { z } from 'zod';
import type {
  ChannelInput,
  ChannelView,
  channelSchema,
  MessageTemplate,
  messageClassSchema,
  messageSchema,
  messageStatusSchema,
  messagingSummarySchema,
  Provider,
  previewInputSchema,
  previewSchema,
  suppressionInputSchema,
  suppressionSchema,
  TemplateInput,
  taskKindSchema,
  taskOutcomeSchema,
  taskSchema,
  taskUpdateSchema,
  testSendInputSchema,
} from '../../../../src/messaging/schemas.js';

export type { ChannelInput, ChannelView, MessageTemplate, Provider, TemplateInput };
export type Channel = z.infer<typeof channelSchema>;
export type MessageClass = z.infer<typeof messageClassSchema>;
export type MessageStatus = z.infer<typeof messageStatusSchema>;
export type Message = z.infer<typeof messageSchema>;
export type MessagingSummary = z.infer<typeof messagingSummarySchema>;
export type PreviewInput = z.input<typeof previewInputSchema>;
export type Preview = z.infer<typeof previewSchema>;
export type Suppression = z.infer<typeof suppressionSchema>;
export type SuppressionInput = z.infer<typeof suppressionInputSchema>;
export type TaskKind = z.infer<typeof taskKindSchema>;
export type TaskOutcome = z.infer<typeof taskOutcomeSchema>;
export type Task = z.infer<typeof taskSchema>;
export type TaskUpdate = z.infer<typeof taskUpdateSchema>;
export type TestSendInput = z.infer<typeof testSendInputSchema>;
