import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tc3Authorization } from '../../src/messaging/providers/tencent-signature.js';

// A stand-in for Tencent Cloud SMS at its HTTP boundary: it recomputes each request's TC3
// signature from the body, host and timestamp it received, records each SendSms it accepts (no
// deduplication, like the real one), and answers PullSmsSendStatusByPhoneNumber from its records.

export interface FakeTencentSent {
  readonly phone: string;
  readonly sessionContext: string;
  readonly templateId: string;
  readonly signName: string;
  readonly params: string[];
}

export async function startFakeTencentSms(secretId: string, secretKey: string) {
  const sent: FakeTencentSent[] = [];
  const faults: ('http500' | 'drop-after-accept' | 'limit')[] = [];
  let badSignatures = 0;
  const server: Server = createServer((request, response) => {
    let payload = '';
    request.on('data', (chunk) => (payload += chunk));
    request.on('end', () => {
      const answer = (status: number, json: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      };
      const expected = tc3Authorization({
        secretId,
        secretKey,
        service: 'sms',
        host: String(request.headers.host),
        payload,
        timestamp: Number(request.headers['x-tc-timestamp']),
      });
      if (request.headers.authorization !== expected) {
        badSignatures += 1;
        return answer(200, {
          Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad signature' } },
        });
      }
      const body = JSON.parse(payload) as Record<string, unknown>;
      const fault = faults.shift();
      if (fault === 'http500') return answer(502, {});
      if (fault === 'limit')
        return answer(200, {
          Response: { Error: { Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: 'limit' } },
        });
      const action = request.headers['x-tc-action'];
      if (action === 'SendSms') {
        const phone = (body.PhoneNumberSet as string[])[0]!;
        if (!/^\+861\d{10}$/.test(phone))
          return answer(200, {
            Response: {
              SendStatusSet: [{ Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'bad number' }],
            },
          });
        sent.push({
          phone,
          sessionContext: String(body.SessionContext ?? ''),
          templateId: String(body.TemplateId),
          signName: String(body.SignName),
          params: body.TemplateParamSet as string[],
        });
        if (fault === 'drop-after-accept') {
          request.socket.destroy();
          return;
        }
        return answer(200, {
          Response: {
            SendStatusSet: [{ SerialNo: `serial-${sent.length}`, Code: 'Ok', Message: 'send success' }],
          },
        });
      }
      if (action === 'PullSmsSendStatusByPhoneNumber') {
        const mine = sent.filter((s) => s.phone === body.PhoneNumber);
        return answer(200, {
          Response: {
            PullSmsSendStatusSet: mine.map((s) => ({
              SessionContext: s.sessionContext,
              ReportStatus: 'SUCCESS',
            })),
          },
        });
      }
      return answer(200, { Response: { Error: { Code: 'InvalidAction', Message: String(action) } } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    faults,
    badSignatures: () => badSignatures,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
