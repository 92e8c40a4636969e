import type { Channel, MessageClass, MessageTemplate, PreviewInput, TemplateInput } from '../types.js';

// The template form's values and how they become what the API takes. Pure: no React.

export interface TemplateValues {
  name: string;
  channel: Channel;
  class: MessageClass;
  subject?: string | undefined;
  body: string;
  providerTemplate?: string | undefined;
}

/** Email has a subject, and the group robots a title; the other channels none. */
export const hasSubject = (channel: Channel) =>
  channel === 'email' || channel === 'wecom' || channel === 'dingtalk';

export const emptyTemplate: TemplateValues = { name: '', channel: 'sms', class: 'marketing', body: '' };

export function toValues(template: MessageTemplate): TemplateValues {
  return {
    name: template.name,
    channel: template.channel,
    class: template.class,
    subject: template.subject ?? undefined,
    body: template.body,
    providerTemplate: template.providerTemplate ?? undefined,
  };
}

export function toInput(values: TemplateValues): TemplateInput {
  return {
    name: values.name.trim(),
    channel: values.channel,
    class: values.class,
    subject: hasSubject(values.channel) ? values.subject?.trim() || null : null,
    body: values.body,
    providerTemplate: values.channel === 'sms' ? values.providerTemplate?.trim() || null : null,
  };
}

/** What the live preview asks for; nothing while the body is empty. */
export function toPreviewInput(values: Partial<TemplateValues> | undefined): PreviewInput | undefined {
  if (!values?.body || !values.channel) return undefined;
  return {
    channel: values.channel,
    class: values.class ?? 'marketing',
    subject: hasSubject(values.channel) ? (values.subject ?? null) : null,
    body: values.body,
  };
}
