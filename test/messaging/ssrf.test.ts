import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, refusedAddress } from '../../src/messaging/ssrf.js';

// The SSRF guard on webhook URLs: what a store's webhook may call.

const publicOnly =
  'expected a public address (a store owner may allow private addresses to call a server in their own network)';

describe('the webhook URL check', () => {
  describe('without private addresses allowed', () => {
    it.each([
      ['https://127.0.0.1/hook', `127.0.0.1 is a loopback address: ${publicOnly}`],
      [
        'https://10.0.0.1/hook',
        `10.0.0.1 is a private network address (10/8, 172.16/12, 192.168/16): ${publicOnly}`,
      ],
      [
        'https://172.20.1.1/hook',
        `172.20.1.1 is a private network address (10/8, 172.16/12, 192.168/16): ${publicOnly}`,
      ],
      [
        'https://192.168.1.1/hook',
        `192.168.1.1 is a private network address (10/8, 172.16/12, 192.168/16): ${publicOnly}`,
      ],
      [
        'https://169.254.169.254/latest/meta-data/',
        `169.254.169.254 is a link-local address (169.254/16, fe80::/10; cloud metadata lives there): ${publicOnly}`,
      ],
      ['https://100.64.0.1/', `100.64.0.1 is a carrier-grade NAT address (100.64/10): ${publicOnly}`],
      ['https://0.0.0.0/', `0.0.0.0 is an unspecified address (0.0.0.0/8, ::): ${publicOnly}`],
      ['https://224.0.0.1/', `224.0.0.1 is a multicast address: ${publicOnly}`],
      ['https://240.0.0.1/', `240.0.0.1 is a reserved address (reserved): ${publicOnly}`],
      ['https://[::1]/hook', `::1 is a loopback address: ${publicOnly}`],
      ['https://[fd00::1]/hook', `fd00::1 is a unique local IPv6 address (fc00::/7): ${publicOnly}`],
      [
        'https://[fe80::1]/hook',
        `fe80::1 is a link-local address (169.254/16, fe80::/10; cloud metadata lives there): ${publicOnly}`,
      ],
      // URL writes an IPv4-mapped address in hex; it is still 127.0.0.1
      [
        'https://[::ffff:127.0.0.1]/hook',
        `::ffff:7f00:1 is a loopback address (IPv4-mapped 127.0.0.1): ${publicOnly}`,
      ],
      // A decimal or hex spelling of 127.0.0.1 is the same address to URL
      ['https://2130706433/hook', `127.0.0.1 is a loopback address: ${publicOnly}`],
      ['https://0x7f.1/hook', `127.0.0.1 is a loopback address: ${publicOnly}`],
      [
        'https://localhost/hook',
        `localhost resolves to 127.0.0.1, which is a loopback address: ${publicOnly}`,
      ],
      ['http://93.184.216.34/hook', 'http:// is not allowed: expected an https:// URL'],
      ['ftp://93.184.216.34/hook', 'ftp:// is not allowed: expected an https:// URL'],
      [
        'https://user:pass@93.184.216.34/hook',
        'credentials in the URL are not allowed: the request is signed with the webhook secret instead',
      ],
      ['hooks.example.com/laoke', 'not a URL: expected e.g. https://hooks.example.com/laoke'],
    ])('refuses %s', async (url, reason) => {
      // localhost may resolve to ::1 first on some systems; pin it so the message is exact
      const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
      expect(await checkWebhookUrl(url, { resolve })).toEqual({ ok: false, kind: 'refused', reason });
    });

    it('refuses a host when any of its addresses is private, not only the first', async () => {
      const resolve = async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '10.1.2.3', family: 4 },
      ];
      expect(await checkWebhookUrl('https://hooks.example.com/x', { resolve })).toMatchObject({
        ok: false,
        reason: expect.stringMatching(
          /^hooks\.example\.com resolves to 10\.1\.2\.3, which is a private network/,
        ),
      });
    });

    it('refuses a real resolution of localhost', async () => {
      expect(await checkWebhookUrl('https://localhost:8443/hook')).toMatchObject({
        ok: false,
        kind: 'refused',
        reason: expect.stringMatching(
          /^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/,
        ),
      });
    });

    it('accepts a public address, and pins the resolved one', async () => {
      expect(await checkWebhookUrl('https://93.184.216.34/hook')).toMatchObject({
        ok: true,
        target: { address: '93.184.216.34', family: 4 },
      });
      const resolve = async () => [{ address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 }];
      expect(await checkWebhookUrl('https://hooks.example.com/x', { resolve })).toMatchObject({
        ok: true,
        target: { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
      });
    });

    it('calls a host that does not resolve unresolved, not refused (DNS may come back)', async () => {
      const resolve = async () => {
        throw new Error('getaddrinfo ENOTFOUND hooks.example.invalid');
      };
      expect(await checkWebhookUrl('https://hooks.example.invalid/x', { resolve })).toEqual({
        ok: false,
        kind: 'unresolved',
        reason: 'hooks.example.invalid does not resolve: getaddrinfo ENOTFOUND hooks.example.invalid',
      });
    });
  });

  describe('with private addresses allowed by the store owner', () => {
    it('accepts a loopback address over http, but still no credentials', async () => {
      expect(await checkWebhookUrl('http://127.0.0.1:8080/hook', { allowPrivate: true })).toMatchObject({
        ok: true,
        target: { address: '127.0.0.1', family: 4 },
      });
      expect(await checkWebhookUrl('http://a:b@127.0.0.1/', { allowPrivate: true })).toMatchObject({
        ok: false,
      });
      expect(await checkWebhookUrl('ftp://127.0.0.1/', { allowPrivate: true })).toMatchObject({
        reason: 'ftp:// is not allowed: expected an https:// URL (or http://)',
      });
    });
  });
});

describe('refusedAddress', () => {
  it('passes public unicast and refuses NAT64, 6to4 and documentation ranges', () => {
    expect(refusedAddress('8.8.8.8')).toBeNull();
    expect(refusedAddress('2606:4700::1111')).toBeNull();
    expect(refusedAddress('64:ff9b::7f00:1')).toBe('a reserved address (rfc6052)');
    expect(refusedAddress('2002:7f00:1::1')).toBe('a reserved address (6to4)');
    expect(refusedAddress('2001:db8::1')).toBe('a reserved address (reserved)');
    expect(refusedAddress('4000::1')).toBe('an IPv6 address outside global unicast (2000::/3)');
  });
});
