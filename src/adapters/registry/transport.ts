// Dispatchers (connection pools) per TLS/proxy configuration: plain, custom CA/mTLS, proxy.

import { createHash } from 'node:crypto';
import { Agent, type Dispatcher, EnvHttpProxyAgent, ProxyAgent, Socks5ProxyAgent } from 'undici';
import { RegistryError } from './errors.ts';
import type { TlsOptions } from './tls.ts';

/** ProxyOptions is a proxySecretRef resolved to an address and optional credentials. */
export interface ProxyOptions {
  address: string;
  username?: string;
  password?: string;
}

/** TransportOptions selects the connection behaviour for one registry. */
export interface TransportOptions {
  tls?: TlsOptions;
  proxy?: ProxyOptions;
  /** env supplies HTTPS_PROXY/HTTP_PROXY/NO_PROXY when no explicit proxy is set. */
  env?: Readonly<Record<string, string | undefined>>;
  connectTimeoutMs?: number;
}

/** proxyFromSecret validates proxySecretRef data like Flux (address required; http/https/socks5). */
export function proxyFromSecret(
  name: string,
  data: Readonly<Record<string, string>>,
): ProxyOptions {
  const fail = (msg: string): RegistryError => new RegistryError(msg, { kind: 'config', host: '' });
  const address = data.address;
  if (address === undefined) throw fail(`secret '${name}': key 'address' not found`);
  if (address === '') throw fail(`secret '${name}': proxy address is empty`);
  if (address.length > 2048)
    throw fail(`secret '${name}': proxy address is longer than 2048 characters`);
  let u: URL;
  try {
    u = new URL(address);
  } catch {
    throw fail(`secret '${name}': proxy address is not a URL`);
  }
  const scheme = u.protocol.replace(/:$/, '');
  if (!['http', 'https', 'socks5'].includes(scheme)) {
    throw fail(
      `proxy URL must use one of the supported schemes (http, https, socks5), got '${scheme}'`,
    );
  }
  const out: ProxyOptions = { address };
  if (data.username) out.username = data.username;
  if (data.username && data.password) out.password = data.password;
  return out;
}

/** transportKey identifies a configuration, so equal configurations share one connection pool. */
export function transportKey(opts: TransportOptions): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([opts.tls?.ca?.at(-1) ?? '', opts.tls?.cert ?? '', opts.tls?.key ?? '']));
  h.update(JSON.stringify(opts.proxy ?? null));
  const env = opts.env ?? {};
  h.update(JSON.stringify([envProxy(env, 'https'), envProxy(env, 'http'), envProxy(env, 'no')]));
  return h.digest('hex').slice(0, 16);
}

function envProxy(
  env: Readonly<Record<string, string | undefined>>,
  kind: 'https' | 'http' | 'no',
): string | undefined {
  return env[`${kind}_proxy`] ?? env[`${kind.toUpperCase()}_PROXY`];
}

/** createDispatcher builds the undici dispatcher for one configuration. */
export function createDispatcher(opts: TransportOptions): Dispatcher {
  const connect = {
    ...(opts.tls?.ca ? { ca: opts.tls.ca } : {}),
    ...(opts.tls?.cert ? { cert: opts.tls.cert, key: opts.tls.key } : {}),
    timeout: opts.connectTimeoutMs ?? 30_000,
  };
  const base = { connect, keepAliveTimeout: 30_000, allowH2: false };
  if (opts.proxy?.address.startsWith('socks5:')) {
    const u = new URL(opts.proxy.address);
    u.username = '';
    u.password = '';
    // undici applies requestTls to the tunnelled TLS connection; its type definitions lag behind.
    const socks: Socks5ProxyAgent.Options & { requestTls?: typeof connect } = {
      ...(opts.proxy.username !== undefined ? { username: opts.proxy.username } : {}),
      ...(opts.proxy.password !== undefined ? { password: opts.proxy.password } : {}),
      requestTls: connect,
    };
    return new Socks5ProxyAgent(u.toString(), socks);
  }
  if (opts.proxy) {
    const u = new URL(opts.proxy.address);
    u.username = '';
    u.password = '';
    const token =
      opts.proxy.username !== undefined
        ? `Basic ${Buffer.from(`${opts.proxy.username}:${opts.proxy.password ?? ''}`).toString('base64')}`
        : undefined;
    return new ProxyAgent({ uri: u.toString(), ...(token ? { token } : {}), requestTls: connect });
  }
  const env = opts.env ?? {};
  const https = envProxy(env, 'https');
  const http = envProxy(env, 'http');
  if (https || http) {
    const no = envProxy(env, 'no');
    return new EnvHttpProxyAgent({
      ...base,
      ...(http ? { httpProxy: http } : {}),
      ...(https ? { httpsProxy: https } : {}),
      ...(no ? { noProxy: no } : {}),
      requestTls: connect,
    });
  }
  return new Agent(base);
}
