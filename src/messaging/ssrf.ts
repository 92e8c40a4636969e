import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

// Webhook URLs are typed in by store owners, and the server then calls them: without a guard a URL
// could reach the server's own network (a database port, an admin page, the cloud metadata service
// at 169.254.169.254, which hands out credentials). A URL is checked when it is saved and again at
// each send: https only, no credentials in it, and every address its host resolves to must be a
// public unicast address. The send then connects to the address that was checked (the request's
// `lookup` returns it), never resolving again, so a DNS answer that changes between the check and
// the connection (DNS rebinding) cannot move the request inside. A store owner who means to call a
// server in their own network allows private addresses for the store; http is then accepted too.

export interface UrlPolicy {
  /** The store owner allows private and local addresses (and plain http). */
  readonly allowPrivate?: boolean;
  /** How a host name is resolved (tests); dns.lookup with all addresses by default. */
  readonly resolve?: (host: string) => Promise<readonly { address: string; family: number }[]>;
}

export interface WebhookTarget {
  readonly url: URL;
  /** The vetted address the request connects to. */
  readonly address: string;
  readonly family: 4 | 6;
}

export type UrlCheck =
  | { readonly ok: true; readonly target: WebhookTarget }
  /** `refused`: the URL or its addresses are not allowed; `unresolved`: DNS did not answer (may pass later). */
  | { readonly ok: false; readonly kind: 'refused' | 'unresolved'; readonly reason: string };

const RANGE_NAMES: Readonly<Record<string, string>> = {
  loopback: 'a loopback address',
  private: 'a private network address (10/8, 172.16/12, 192.168/16)',
  linkLocal: 'a link-local address (169.254/16, fe80::/10; cloud metadata lives there)',
  carrierGradeNat: 'a carrier-grade NAT address (100.64/10)',
  unspecified: 'an unspecified address (0.0.0.0/8, ::)',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  uniqueLocal: 'a unique local IPv6 address (fc00::/7)',
};

/** Why an address may not be called without allowing private addresses; null when it is public. */
export function refusedAddress(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  // process() turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) into the IPv4 address it is
  const ip = ipaddr.process(address);
  const range = ip.range();
  const mapped = ip.kind() === 'ipv4' && !ipaddr.IPv4.isValid(address) ? ` (IPv4-mapped ${ip})` : '';
  if (range !== 'unicast') return `${RANGE_NAMES[range] ?? `a reserved address (${range})`}${mapped}`;
  // Of IPv6, only global unicast (2000::/3) is routed on the internet
  if (ip.kind() === 'ipv6' && !ip.match(ipaddr.parseCIDR('2000::/3')))
    return 'an IPv6 address outside global unicast (2000::/3)';
  return null;
}

const defaultResolve = (host: string) => lookup(host, { all: true, verbatim: true });

/** Checks a webhook URL and resolves it to the address a request may connect to. */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy = {}): Promise<UrlCheck> {
  const refuse = (reason: string): UrlCheck => ({ ok: false, kind: 'refused', reason });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(`not a URL: expected e.g. https://hooks.example.com/laoke`);
  }
  const schemes = policy.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol))
    return refuse(
      `${url.protocol}// is not allowed: expected an https:// URL${policy.allowPrivate ? ' (or http://)' : ''}`,
    );
  if (url.username || url.password)
    return refuse(
      'credentials in the URL are not allowed: the request is signed with the webhook secret instead',
    );
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: readonly { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await (policy.resolve ?? defaultResolve)(host);
    } catch (error) {
      return {
        ok: false,
        kind: 'unresolved',
        reason: `${host} does not resolve: ${(error as Error).message}`,
      };
    }
    if (addresses.length === 0) return { ok: false, kind: 'unresolved', reason: `${host} has no address` };
  }
  if (!policy.allowPrivate) {
    for (const { address } of addresses) {
      const why = refusedAddress(address);
      if (why === null) continue;
      const where = address === host ? address : `${host} resolves to ${address}, which`;
      return refuse(
        `${where} is ${why}: expected a public address (a store owner may allow private addresses to call a server in their own network)`,
      );
    }
  }
  const first = addresses[0]!;
  return { ok: true, target: { url, address: first.address, family: first.family === 6 ? 6 : 4 } };
}
