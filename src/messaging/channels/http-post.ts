import http from 'node:http';
import https from 'node:https';

// A form POST to a provider's API over kept-alive connections, on node:http rather than the
// global fetch: fetch (undici) builds WHATWG streams, headers and an AbortSignal per request and
// cost about twice the CPU per SendSms in the dispatcher benchmark (bench/README.md, "Messaging
// dispatch"). Connections are reused the same way (one agent per protocol, keep-alive).

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

export interface PostAnswer {
  readonly status: number;
  readonly text: string;
}

/** POSTs a form body; rejects when no complete answer arrives within `timeoutMs`. */
export function postForm(endpoint: URL, body: string, timeoutMs: number): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const secure = endpoint.protocol === 'https:';
    const request = (secure ? https : http).request(endpoint, {
      method: 'POST',
      agent: secure ? agents['https:'] : agents['http:'],
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
      },
    });
    let done = false;
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('error', fail);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('aborted', () => fail(new Error('the connection closed mid-answer')));
      response.on('end', () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.end(body);
  });
}
