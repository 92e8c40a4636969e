import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// Stand-ins for the WeCom and DingTalk group robot APIs at their HTTP boundary, on one server:
// WeCom's /cgi-bin/webhook/send checks the key; DingTalk's /robot/send checks the access token and
// recomputes the 加签 signature (and, like DingTalk, refuses a timestamp over an hour off). Each
// records the markdown it accepts; faults can be queued for the next requests.

export type RobotFault = 'rate-limit' | 'busy' | 'http502' | 'hang';

export interface FakeRobotPost {
  readonly robot: 'wecom' | 'dingtalk';
  /** The request's path and query as sent. */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body: unknown;
}

export interface FakeGroupRobots {
  readonly url: string;
  readonly posts: FakeRobotPost[];
  readonly faults: RobotFault[];
  close(): Promise<void>;
}

export async function startFakeGroupRobots(
  robots: { readonly wecomKey: string; readonly dingtalkToken: string; readonly dingtalkSecret: string },
  now: () => number = Date.now,
): Promise<FakeGroupRobots> {
  const posts: FakeRobotPost[] = [];
  const faults: RobotFault[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const answer = (json: unknown, status = 200) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      };
      const url = new URL(request.url ?? '/', 'http://fake');
      const query = Object.fromEntries(url.searchParams);
      const wecom = url.pathname === '/cgi-bin/webhook/send';
      if (wecom && query.key !== robots.wecomKey)
        return answer({
          errcode: 93000,
          errmsg: 'invalid webhook url, hint: [1732000000_1], from ip: 127.0.0.1',
        });
      if (!wecom) {
        if (url.pathname !== '/robot/send') return answer({ errcode: 404 }, 404);
        if (query.access_token !== robots.dingtalkToken)
          return answer({ errcode: 300001, errmsg: 'token is not exist' });
        const timestamp = Number(query.timestamp);
        const expected = createHmac('sha256', robots.dingtalkSecret)
          .update(`${timestamp}\n${robots.dingtalkSecret}`)
          .digest('base64');
        if (Math.abs(now() - timestamp) > 3_600_000 || query.sign !== expected)
          return answer({
            errcode: 310000,
            errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc]',
          });
      }
      const fault = faults.shift();
      if (fault === 'hang') return;
      if (fault === 'http502') return answer({}, 502);
      if (fault === 'busy') return answer({ errcode: -1, errmsg: 'system busy' });
      if (fault === 'rate-limit')
        return answer(
          wecom
            ? { errcode: 45009, errmsg: 'api freq out of limit' }
            : { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' },
        );
      posts.push({
        robot: wecom ? 'wecom' : 'dingtalk',
        path: request.url ?? '',
        query,
        body: JSON.parse(body),
      });
      return answer({ errcode: 0, errmsg: 'ok' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
