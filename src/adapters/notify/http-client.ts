// One HTTP request over node:http/https with Flux's transport options: CA and client certs,
// an HTTP proxy (CONNECT tunnel for https targets) and a timeout. Messages name only the
// scheme and host: webhook paths and queries often embed credentials.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { DeliveryError, type TLSMaterial } from './notifier.ts';

/** HttpRequest is one outgoing request. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body?: string;
}

/** HttpOptions are the transport settings from the Provider. */
export interface HttpOptions {
  proxy?: string;
  tls?: TLSMaterial | undefined;
  timeoutMs: number;
  signal: AbortSignal;
}

/** HttpResponse is the status and body text of a response. */
export interface HttpResponse {
  status: number;
  body: string;
}

/** safeTarget renders a URL as scheme://host for messages. */
export function safeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '<invalid URL>';
  }
}

/** sendHttp performs the request; network failures become retryable DeliveryErrors. */
export async function sendHttp(req: HttpRequest, opts: HttpOptions): Promise<HttpResponse> {
  const target = new URL(req.url);
  const signal = AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]);
  const where = `${req.method} ${safeTarget(req.url)}`;
  let socket: Socket | undefined;
  try {
    socket =
      opts.proxy && target.protocol === 'https:'
        ? await tunnel(target, opts.proxy, signal)
        : undefined;
    return await new Promise<HttpResponse>((resolve, reject) => {
      const headers: Record<string, string | number> = { ...req.headers };
      if (req.body !== undefined) headers['Content-Length'] = Buffer.byteLength(req.body);
      const viaProxy = opts.proxy !== undefined && opts.proxy !== '' && target.protocol === 'http:';
      const proxyURL = viaProxy ? new URL(opts.proxy as string) : undefined;
      if (proxyURL?.username) headers['Proxy-Authorization'] = basic(proxyURL);
      const common = {
        method: req.method,
        headers,
        signal,
        host: proxyURL ? proxyURL.hostname : target.hostname,
        port: proxyURL
          ? proxyURL.port || 80
          : target.port || (target.protocol === 'https:' ? 443 : 80),
        path: proxyURL ? target.href : `${target.pathname}${target.search}`,
      };
      const onResponse = (res: http.IncomingMessage): void => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => socket?.destroy());
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      };
      const r =
        target.protocol === 'https:'
          ? https.request(
              {
                ...common,
                ...tlsOptions(opts.tls),
                servername: target.hostname,
                // createConnection is only honoured without an agent (agent: undefined).
                ...(socket
                  ? {
                      createConnection: () =>
                        tls.connect({
                          socket,
                          servername: target.hostname,
                          ...tlsOptions(opts.tls),
                        }),
                    }
                  : { agent: false }),
              },
              onResponse,
            )
          : http.request({ ...common, agent: false }, onResponse);
      r.on('error', reject);
      r.end(req.body);
    });
  } catch (err) {
    socket?.destroy();
    if (err instanceof DeliveryError) throw err;
    const why = opts.signal.aborted
      ? 'aborted'
      : signal.aborted
        ? `timed out after ${opts.timeoutMs}ms`
        : errorCode(err);
    // Like go-retryablehttp, an untrusted certificate is final: retrying cannot fix it.
    const retryable = !opts.signal.aborted && !certificateCodes.has(why);
    throw new DeliveryError(`${where}: failed to execute request: ${why}`, retryable, undefined, {
      cause: err,
    });
  }
}

const certificateCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function tlsOptions(m: TLSMaterial | undefined): tls.ConnectionOptions {
  if (m === undefined) return {};
  return {
    ...(m.ca ? { ca: m.ca } : {}),
    ...(m.cert ? { cert: m.cert } : {}),
    ...(m.key ? { key: m.key } : {}),
  };
}

function basic(u: URL): string {
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

async function tunnel(target: URL, proxy: string, signal: AbortSignal): Promise<Socket> {
  const p = new URL(proxy);
  const authority = `${target.hostname}:${target.port || 443}`;
  return await new Promise<Socket>((resolve, reject) => {
    const headers: Record<string, string> = { Host: authority };
    if (p.username) headers['Proxy-Authorization'] = basic(p);
    const r = http.request({
      host: p.hostname,
      port: p.port || 80,
      method: 'CONNECT',
      path: authority,
      headers,
      signal,
      agent: false,
    });
    r.on('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(
          new DeliveryError(
            `CONNECT ${authority} via proxy ${safeTarget(proxy)}: status ${res.statusCode}`,
            true,
            res.statusCode,
          ),
        );
      }
    });
    r.on('error', reject);
    r.end();
  });
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string')
    return err.code;
  return err instanceof Error ? err.name : 'unknown error';
}
