// A fault-injecting HTTP proxy in front of a real registry: 429 with Retry-After, 500/503,
// connection resets, slow or truncated bodies, rewritten Link headers; and a synthetic tags/list
// for scale tests (a million tags streamed without storing them anywhere).

import { createHash } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** Fault is what the proxy does instead of (or to) the upstream answer. */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset' }
  | { kind: 'truncate'; keepBytes?: number }
  | { kind: 'slow'; chunkBytes: number; delayMs: number }
  | { kind: 'link'; link: string }
  /** etag adds a strong ETag (hash of the body) and answers a matching If-None-Match with 304. */
  | { kind: 'etag' };

/** FaultRule applies a fault to matching requests, `times` times (default: forever). */
export interface FaultRule {
  match: (method: string, path: string) => boolean;
  fault: Fault;
  times?: number;
}

/** ProxyLogEntry is one request the proxy saw, and whether a fault answered it. */
export interface ProxyLogEntry {
  method: string;
  path: string;
  fault: Fault['kind'] | undefined;
}

/** FaultProxy is a running proxy. */
export interface FaultProxy {
  host: string;
  url: string;
  log: ProxyLogEntry[];
  rules: FaultRule[];
  stop(): Promise<void>;
}

/** SyntheticTags serves `GET /v2/<repository>/tags/list` itself, paginated with Link. */
export interface SyntheticTags {
  repository: string;
  count: number;
  /** tagAt names the i-th tag (in lexical order of i when zero-padded). */
  tagAt?: (i: number) => string;
}

const defaultTag = (i: number): string =>
  `v1.${Math.floor(i / 1000)}.${i % 1000}-build.${String(i).padStart(7, '0')}`;

function serveSynthetic(s: SyntheticTags, url: URL, res: ServerResponse): void {
  const tagAt = s.tagAt ?? defaultTag;
  const n = Math.max(1, Math.min(Number(url.searchParams.get('n') ?? 1000) || 1000, 10_000));
  const start = Number(url.searchParams.get('last') ?? -1) + 1;
  const end = Math.min(s.count, start + n);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (end < s.count)
    headers.link = `</v2/${s.repository}/tags/list?n=${n}&last=${end - 1}>; rel="next"`;
  res.writeHead(200, headers);
  let body = `{"name":${JSON.stringify(s.repository)},"tags":[`;
  for (let i = start; i < end; i++) {
    body += `${i > start ? ',' : ''}${JSON.stringify(tagAt(i))}`;
    if (body.length > 64 * 1024) {
      res.write(body);
      body = '';
    }
  }
  res.end(`${body}]}`);
}

/** startFaultProxy listens on 127.0.0.1 (free port) and forwards to upstream (`http://host:port`). */
export async function startFaultProxy(
  upstream: string | undefined,
  opts: { synthetic?: SyntheticTags } = {},
): Promise<FaultProxy> {
  const rules: FaultRule[] = [];
  const log: ProxyLogEntry[] = [];
  const up = upstream ? new URL(upstream) : undefined;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const rule = rules.find((r) => (r.times === undefined || r.times > 0) && r.match(method, path));
    if (rule && rule.times !== undefined) rule.times--;
    const fault = rule?.fault;
    log.push({ method, path, fault: fault?.kind });
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(
        fault.body ??
          JSON.stringify({
            errors: [
              {
                code: fault.status === 429 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE',
                message: 'injected',
              },
            ],
          }),
      );
      return;
    }
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const syn = opts.synthetic;
    const url = new URL(path, 'http://proxy');
    if (syn && url.pathname === `/v2/${syn.repository}/tags/list` && !fault) {
      serveSynthetic(syn, url, res);
      return;
    }
    if (!up) {
      res.writeHead(404).end();
      return;
    }
    const headers = { ...req.headers, host: up.host };
    const upReq = request({ host: up.hostname, port: up.port, method, path, headers }, (upRes) => {
      const h = { ...upRes.headers };
      if (fault?.kind === 'link') h.link = fault.link;
      if (fault?.kind === 'truncate' || fault?.kind === 'slow') delete h['content-length'];
      if (fault?.kind === 'etag') {
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('end', () => {
          const all = Buffer.concat(chunks);
          const etag = `"${createHash('sha256').update(all).digest('hex').slice(0, 32)}"`;
          if (req.headers['if-none-match'] === etag) {
            res.writeHead(304, { etag }).end();
            return;
          }
          res.writeHead(upRes.statusCode ?? 502, { ...upRes.headers, etag }).end(all);
        });
        return;
      }
      res.writeHead(upRes.statusCode ?? 502, h);
      if (fault?.kind === 'truncate') {
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('end', () => {
          const all = Buffer.concat(chunks);
          res.end(all.subarray(0, fault.keepBytes ?? Math.floor(all.length / 2)));
        });
        return;
      }
      if (fault?.kind === 'slow') {
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('end', () => {
          const all = Buffer.concat(chunks);
          let at = 0;
          const tick = (): void => {
            if (res.destroyed) return;
            if (at >= all.length) {
              res.end();
              return;
            }
            res.write(all.subarray(at, at + fault.chunkBytes));
            at += fault.chunkBytes;
            setTimeout(tick, fault.delayMs);
          };
          tick();
        });
        return;
      }
      upRes.pipe(res);
    });
    upReq.on('error', () => res.destroy());
    req.pipe(upReq);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    log,
    rules,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** tagsListPath matches tags/list requests of one repository. */
export function tagsListPath(repository: string): FaultRule['match'] {
  return (method, path) => method === 'GET' && path.startsWith(`/v2/${repository}/tags/list`);
}
