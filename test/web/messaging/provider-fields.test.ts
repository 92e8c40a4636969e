import { describe, expect, it } from 'vitest';
import type { ChannelView } from '../../../src/messaging/schemas.js';
import {
  initialValues,
  toChannelInput,
} from '../../../web/src/pages/settings/components/channels/provider-fields.js';

const aliyun: ChannelView = {
  channel: 'sms',
  provider: 'aliyun',
  enabled: true,
  settings: {
    provider: 'aliyun',
    signName: '【老客母婴】',
    accessKeyId: 'LTAI5t',
    optOutLine: '拒收请回复R',
  },
  secrets: { accessKeySecret: '****abcd' },
  hooks: { report: null, reply: null },
  updatedAt: 0,
  updatedBy: 'demo',
};

describe('the channel settings form', () => {
  describe('starting values', () => {
    it('fills the stored settings and never a secret', () => {
      const values = initialValues('sms', 'aliyun', aliyun);
      expect(values).toMatchObject({ provider: 'aliyun', signName: '【老客母婴】', accessKeyId: 'LTAI5t' });
      expect(values.accessKeySecret).toBeUndefined();
    });

    it('takes the defaults of another provider rather than the stored one’s values', () => {
      expect(initialValues('sms', 'tencent', aliyun)).toMatchObject({
        provider: 'tencent',
        region: 'ap-guangzhou',
        optOutLine: '回T退订',
      });
    });
  });

  describe('what is sent', () => {
    it('leaves out an empty secret, so the stored one stays', () => {
      const input = toChannelInput('sms', { ...initialValues('sms', 'aliyun', aliyun), accessKeySecret: '' });
      expect(input).toEqual({
        provider: 'aliyun',
        signName: '【老客母婴】',
        accessKeyId: 'LTAI5t',
        optOutLine: '拒收请回复R',
      });
    });

    it('sends a typed secret, trimmed', () => {
      const input = toChannelInput('sms', {
        ...initialValues('sms', 'aliyun', aliyun),
        accessKeySecret: ' s3cret ',
      });
      expect(input).toMatchObject({ accessKeySecret: 's3cret' });
    });

    it('sends only the chosen provider’s fields', () => {
      const values = { ...initialValues('sms', 'aliyun', aliyun), provider: 'local' as const };
      expect(toChannelInput('email', values)).toEqual({ provider: 'local' });
      expect(toChannelInput('sms', values)).toEqual({
        provider: 'local',
        signName: '【老客母婴】',
        optOutLine: '拒收请回复R',
      });
    });

    it('sends no default assignee as null', () => {
      expect(toChannelInput('task', initialValues('task', 'task', undefined))).toEqual({
        provider: 'task',
        defaultAssigneeId: null,
      });
    });
  });
});
