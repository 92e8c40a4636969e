import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyRpc } from '../../src/messaging/providers/aliyun-signature.js';

// A stand-in for Aliyun's SMS API at its HTTP boundary: it checks every request's signature with
// Aliyun's algorithm, records each SendSms it accepts, does NOT deduplicate (like the real one, a
// retried request sends again), and answers QuerySendDetails from its records by phone and day.
// Faults can be queued for the next requests.

export type Fault = 'http500' | 'http429' | 'drop-after-accept' | 'hang' | 'business-limit';

export interface FakeSms {
  readonly phone: string;
  readonly outId: string;
  readonly templateCode: string;
  readonly signName: string;
  readonly params: Record<string, string>;
  readonly day: string;
}

export interface FakeAliyunSms {
  readonly url: string;
  readonly sent: FakeSms[];
  readonly faults: Fault[];
  /** Requests refused for a bad signature. */
  readonly badSignatures: number;
  close(): Promise<void>;
}

export async function startFakeAliyunSms(
  secret: string,
  today = '20261111',
  /** Besides queued faults, each request draws one at this rate (seeded). */
  random?: { readonly rate: number; readonly next: () => number },
): Promise<FakeAliyunSms> {
  const sent: FakeSms[] = [];
  const faults: Fault[] = [];
  const drawn: Fault[] = ['http500', 'http429', 'drop-after-accept', 'business-limit'];
  let badSignatures = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const answer = (status: number, json: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      };
      if (!verifyRpc('POST', params, secret)) {
        badSignatures += 1;
        return answer(400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched' });
      }
      const fault =
        faults.shift() ??
        (random && random.next() < random.rate ? drawn[Math.floor(random.next() * drawn.length)] : undefined);
      if (fault === 'http500') return answer(500, { Code: 'InternalError' });
      if (fault === 'http429') return answer(429, { Code: 'Throttling' });
      if (fault === 'hang') return; // never answers
      if (fault === 'business-limit')
        return answer(200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控' });
      if (params.Action === 'SendSms') {
        if (!/^1\d{10}$/.test(params.PhoneNumbers ?? ''))
          return answer(200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
        sent.push({
          phone: params.PhoneNumbers!,
          outId: params.OutId ?? '',
          templateCode: params.TemplateCode ?? '',
          signName: params.SignName ?? '',
          params: JSON.parse(params.TemplateParam ?? '{}'),
          day: today,
        });
        if (fault === 'drop-after-accept') {
          request.socket.destroy();
          return;
        }
        return answer(200, {
          Code: 'OK',
          Message: 'OK',
          BizId: `biz-${sent.length}`,
          RequestId: `req-${sent.length}`,
        });
      }
      if (params.Action === 'QuerySendDetails') {
        const mine = sent.filter((s) => s.phone === params.PhoneNumber && s.day === params.SendDate);
        return answer(200, {
          Code: 'OK',
          TotalCount: mine.length,
          SmsSendDetailDTOs: {
            SmsSendDetailDTO: mine.map((s) => ({ OutId: s.outId, PhoneNum: s.phone, SendStatus: 3 })),
          },
        });
      }
      return answer(400, { Code: 'InvalidAction.NotFound' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    faults,
    get badSignatures() {
      return badSignatures;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
