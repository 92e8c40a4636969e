import { describe, expect, it } from 'vitest';
import { toInput, toPreviewInput } from '../../../web/src/pages/messaging/templates/template-values.js';

describe('the template form', () => {
  it('keeps a subject for email and drops it for SMS', () => {
    const base = { name: ' 券到账 ', class: 'marketing' as const, subject: '老客专享', body: '{姓名}' };
    expect(toInput({ ...base, channel: 'email' })).toMatchObject({ name: '券到账', subject: '老客专享' });
    expect(toInput({ ...base, channel: 'sms' })).toMatchObject({ subject: null, providerTemplate: null });
  });

  it('keeps the provider template code only for SMS', () => {
    const values = { name: 'a', class: 'marketing' as const, body: 'b', providerTemplate: ' SMS_1 ' };
    expect(toInput({ ...values, channel: 'sms' }).providerTemplate).toBe('SMS_1');
    expect(toInput({ ...values, channel: 'wecom' }).providerTemplate).toBeNull();
  });

  it('asks for no preview while the body is empty', () => {
    expect(toPreviewInput({ channel: 'sms', body: '' })).toBeUndefined();
    expect(toPreviewInput({ channel: 'sms', body: '您好' })).toEqual({
      channel: 'sms',
      class: 'marketing',
      subject: null,
      body: '您好',
    });
  });
});
