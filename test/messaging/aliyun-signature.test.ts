import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  percentEncode,
  sendSmsParams,
  signRpc,
  stringToSign,
  verifyRpc,
} from '../../src/messaging/providers/aliyun-signature.js';

// The worked example of Aliyun's "RPC signature" documentation: DescribeRegions signed with the
// secret "testsecret", parameters given out of order.
const documented = {
  Timestamp: '2016-02-23T12:46:24Z',
  Format: 'XML',
  AccessKeyId: 'testid',
  Action: 'DescribeRegions',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
  Version: '2014-05-26',
  SignatureVersion: '1.0',
};

describe('Aliyun RPC signature', () => {
  it('reproduces the documented string to sign and signature', () => {
    expect(stringToSign('GET', documented)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
        '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(signRpc('GET', documented, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('encodes as RFC 3986 says, including what encodeURIComponent leaves alone', () => {
    expect(percentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
    expect(percentEncode('【老客母婴】')).toBe('%E3%80%90%E8%80%81%E5%AE%A2%E6%AF%8D%E5%A9%B4%E3%80%91');
    expect(canonicalQuery({ b: '2', a: '1', B: '3' })).toBe('B=3&a=1&b=2');
  });

  it('signs a SendSms request carrying our message id, and the gateway check accepts only that', () => {
    const params = sendSmsParams(
      {
        phoneNumbers: '13800138000',
        signName: '老客母婴',
        templateCode: 'SMS_123456',
        templateParam: { name: '王芳', coupon: 'A1B2' },
        outId: 'msg-42',
      },
      { accessKeyId: 'testid', accessKeySecret: 'testsecret' },
      new Date('2026-11-11T01:02:03.456Z'),
      'nonce-1',
    );
    expect(params).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      OutId: 'msg-42',
      Timestamp: '2026-11-11T01:02:03Z',
      TemplateParam: '{"name":"王芳","coupon":"A1B2"}',
    });
    expect(verifyRpc('POST', params, 'testsecret')).toBe(true);
    expect(verifyRpc('POST', params, 'othersecret')).toBe(false);
    expect(verifyRpc('POST', { ...params, PhoneNumbers: '13900139000' }, 'testsecret')).toBe(false);
    expect(verifyRpc('GET', params, 'testsecret')).toBe(false);
  });
});
