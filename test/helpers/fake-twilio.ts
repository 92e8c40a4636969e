import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for Twilio's Messages API at its HTTP boundary: it checks HTTP Basic auth against the
// account, records each message it accepts, does NOT deduplicate (like Twilio, a retried request
// sends again), and answers the list query by recipient, newest first. Faults can be queued for
// the next requests.

export type TwilioFault = 'http500' | 'http429' | 'hang' | 'drop-after-accept';

export interface FakeTwilioMessage {
  readonly sid: string;
  readonly to: string;
  readonly from: string | undefined;
  readonly messagingServiceSid: string | undefined;
  readonly body: string;
  readonly statusCallback: string | undefined;
  /** Epoch ms, whole seconds, as Twilio reports it. */
  readonly createdAt: number;
}

export interface FakeTwilio {
  readonly url: string;
  readonly sent: FakeTwilioMessage[];
  readonly faults: TwilioFault[];
  /** Numbers that replied STOP: Twilio refuses them with 21610. */
  readonly optedOut: Set<string>;
  /** Requests refused for bad credentials. */
  readonly unauthorised: number;
  /** The list queries received, as query strings. */
  readonly listQueries: string[];
  close(): Promise<void>;
}

export async function startFakeTwilio(
  accountSid: string,
  authToken: string,
  now: () => number = Date.now,
): Promise<FakeTwilio> {
  const sent: FakeTwilioMessage[] = [];
  const faults: TwilioFault[] = [];
  const optedOut = new Set<string>();
  const listQueries: string[] = [];
  let unauthorised = 0;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const resource = (m: FakeTwilioMessage) => ({
    sid: m.sid,
    account_sid: accountSid,
    to: m.to,
    from: m.from ?? '+15005550006',
    messaging_service_sid: m.messagingServiceSid ?? null,
    body: m.body,
    status: 'queued',
    direction: 'outbound-api',
    date_created: new Date(m.createdAt).toUTCString().replace('GMT', '+0000'),
    date_sent: null,
  });

  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const answer = (status: number, json: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      };
      const url = new URL(request.url ?? '/', 'http://fake');
      if (request.headers.authorization !== expectedAuth) {
        unauthorised += 1;
        return answer(401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      if (url.pathname !== path) return answer(404, { code: 20404, message: 'Not found', status: 404 });
      const fault = faults.shift();
      if (fault === 'http500')
        return answer(500, { code: 20500, message: 'Internal Server Error', status: 500 });
      if (fault === 'http429') return answer(429, { code: 20429, message: 'Too Many Requests', status: 429 });
      if (fault === 'hang') return;
      if (request.method === 'GET') {
        listQueries.push(url.search);
        const to = url.searchParams.get('To');
        const mine = sent.filter((m) => m.to === to).reverse();
        return answer(200, { messages: mine.map(resource), next_page_uri: null, page: 0 });
      }
      const form = new URLSearchParams(body);
      const to = form.get('To') ?? '';
      if (!/^\+[1-9]\d{6,14}$/.test(to))
        return answer(400, {
          code: 21211,
          message: `The 'To' number ${to} is not a valid phone number.`,
          status: 400,
        });
      if (optedOut.has(to))
        return answer(400, {
          code: 21610,
          message: 'Attempt to send to unsubscribed recipient',
          status: 400,
        });
      if (!form.get('From') && !form.get('MessagingServiceSid'))
        return answer(400, {
          code: 21603,
          message: "A 'From' or 'MessagingServiceSid' parameter is required",
          status: 400,
        });
      const message: FakeTwilioMessage = {
        sid: `SM${String(sent.length + 1).padStart(32, '0')}`,
        to,
        from: form.get('From') ?? undefined,
        messagingServiceSid: form.get('MessagingServiceSid') ?? undefined,
        body: form.get('Body') ?? '',
        statusCallback: form.get('StatusCallback') ?? undefined,
        createdAt: Math.floor(now() / 1000) * 1000,
      };
      sent.push(message);
      if (fault === 'drop-after-accept') {
        request.socket.destroy();
        return;
      }
      return answer(201, resource(message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    faults,
    optedOut,
    listQueries,
    get unauthorised() {
      return unauthorised;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
