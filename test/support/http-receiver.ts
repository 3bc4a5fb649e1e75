// A real HTTP server on 127.0.0.1 (free port) that records every request exactly as received,
// for provider tests. It can answer with chosen statuses and go down and come back on the same
// port to simulate an outage.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** ReceivedRequest is one request as it arrived. */
export interface ReceivedRequest {
  method: string;
  /** url is the path and query. */
  url: string;
  /** headers are lower-cased, as node:http reports them. */
  headers: http.IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** Responder picks the status and body for a request (default 200, empty body). */
export type Responder = (req: ReceivedRequest) => {
  status: number;
  body?: string;
  headers?: Record<string, string>;
};

/** HttpReceiver is a running receiver. */
export interface HttpReceiver {
  /** url is `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly requests: ReceivedRequest[];
  respond(responder: Responder): void;
  /** waitFor resolves when at least n requests arrived, rejecting after timeoutMs. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** down stops listening (connections are refused) until up() is called. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

/** ReceiverOptions turn on HTTPS with the given PEM key and certificate. */
export interface ReceiverOptions {
  tls?: { key: string; cert: string };
}

/** startReceiver listens on 127.0.0.1 with an OS-chosen port. */
export async function startReceiver(
  responder?: Responder,
  options: ReceiverOptions = {},
): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  let respond: Responder = responder ?? (() => ({ status: 200 }));
  let waiters: { n: number; resolve: () => void }[] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: ReceivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      requests.push(r);
      const out = respond(r);
      res.writeHead(out.status, { 'Content-Type': 'application/json', ...(out.headers ?? {}) });
      res.end(out.body ?? '');
      waiters = waiters.filter((w) => {
        if (requests.length >= w.n) w.resolve();
        return requests.length < w.n;
      });
    });
  };
  const server = options.tls
    ? https.createServer(options.tls, handler)
    : http.createServer(handler);
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const port = await listen(0);
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    respond(r) {
      respond = r;
    },
    waitFor(n, timeoutMs = 10_000) {
      if (requests.length >= n) return Promise.resolve(requests.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`receiver got ${requests.length} of ${n} requests in ${timeoutMs}ms`)),
          timeoutMs,
        );
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(requests.slice());
          },
        });
      });
    },
    down: close,
    async up() {
      await listen(port);
    },
    stop: close,
  };
}
