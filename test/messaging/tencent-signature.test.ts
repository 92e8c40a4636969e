import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  tc3Authorization,
  tc3Signature,
  tc3StringToSign,
} from '../../src/messaging/providers/tencent-signature.js';

// Tencent Cloud's worked example of the TC3-HMAC-SHA256 signature (API 3.0, "Signature v3"): a CVM
// DescribeInstances call signed with the documentation's example key.
const example = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  timestamp: 1551113065,
};

describe('Tencent Cloud TC3-HMAC-SHA256', () => {
  it('reproduces every step of the documented example', () => {
    expect(canonicalRequest(example)).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n' +
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    // 2019-02-26 00:44 in Beijing is still the 25th in UTC: the scope takes the UTC day
    expect(tc3StringToSign(example)).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(tc3Signature(example)).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(tc3Authorization(example)).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('changes with any byte of the body, the key or the day', () => {
    const base = tc3Signature(example);
    expect(tc3Signature({ ...example, payload: example.payload.replace('1', '2') })).not.toBe(base);
    expect(tc3Signature({ ...example, secretKey: `${example.secretKey}x` })).not.toBe(base);
    expect(tc3Signature({ ...example, timestamp: example.timestamp + 86_400 })).not.toBe(base);
  });
});
