// RegistryClient: the OCI distribution calls tagpilot makes (ping, tags/list, manifest HEAD/GET),
// through the host's shared budget, with auth challenges answered and transient failures retried.

import type { Dispatcher } from 'undici';
import { fetch } from 'undici';
import { sleep } from './budget.ts';
import { parseChallenges, pickChallenge } from './challenge.ts';
import type { Credential } from './credentials.ts';
import { errorFromStatus, networkError, RegistryError } from './errors.ts';
import type { HostState } from './host-state.ts';

type Response = Awaited<ReturnType<typeof fetch>>;

/** RetryOptions: attempts per request and the first back-off (tripled each time, like ggcr). */
export interface RetryOptions {
  attempts: number;
  baseMs: number;
}

/** ClientOptions configures one client of a shared host. */
export interface ClientOptions {
  registry: string;
  /**
   * scheme: `http` (spec.insecure), `https`, or `auto` for local/private hosts: HTTPS first, then
   * plain HTTP if the TLS connection fails (go-containerregistry's fallback), remembered per host.
   */
  scheme: 'http' | 'https' | 'auto';
  credential?: Credential | undefined;
  host: HostState;
  dispatcher: Dispatcher;
  retry?: RetryOptions;
  /** maxWaitMs is the longest a request waits for a host cool-down before giving up (retry later). */
  maxWaitMs?: number;
}

/** SendOptions are per-request settings. */
export interface SendOptions {
  accept?: string;
  scope: string;
  signal?: AbortSignal | undefined;
  ifNoneMatch?: string;
}

const RETRY_STATUS = new Set([408, 429, 499, 500, 502, 503, 504, 522]);
const RETRY_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function isCertificateError(code: string | undefined): boolean {
  return (
    !!code &&
    (/CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)/.test(code) ||
      code === 'ERR_TLS_CERT_ALTNAME_INVALID')
  );
}

/** apiHost maps Docker Hub's canonical name to the host that serves its API. */
export function apiHost(registry: string): string {
  return registry === 'index.docker.io' || registry === 'docker.io'
    ? 'registry-1.docker.io'
    : registry;
}

/** RegistryClient talks to one registry on behalf of one credential. */
export class RegistryClient {
  readonly registry: string;
  readonly host: HostState;
  readonly #opts: ClientOptions;
  readonly #retry: RetryOptions;

  constructor(opts: ClientOptions) {
    this.#opts = opts;
    this.registry = opts.registry;
    this.host = opts.host;
    this.#retry = opts.retry ?? { attempts: 3, baseMs: 1000 };
  }

  /** baseUrl is `<scheme>://<api host>`, with the scheme learned for `auto` hosts. */
  get baseUrl(): string {
    return `${this.#scheme()}://${apiHost(this.registry)}`;
  }

  #scheme(): 'http' | 'https' {
    const s = this.#opts.scheme;
    if (s !== 'auto') return s;
    return this.host.scheme ?? 'https';
  }

  /** retry is the per-request retry policy (also used for page bodies). */
  get retry(): RetryOptions {
    return this.#retry;
  }

  /** ping checks `/v2/` answers (with auth applied), returning the status seen first. */
  async ping(signal?: AbortSignal): Promise<void> {
    const res = await this.send('GET', new URL(`${this.baseUrl}/v2/`), { scope: '', signal });
    await res.body?.cancel();
  }

  /**
   * send performs one logical request: waits for the host budget, answers a 401 challenge once,
   * retries transient failures (honouring Retry-After through the host cool-down), and returns a
   * 2xx/304 response whose body the caller must consume or cancel.
   */
  async send(method: string, url: URL, opts: SendOptions): Promise<Response> {
    // The first request to a new host discovers its auth scheme; concurrent ones wait for that
    // answer instead of each collecting the same 401.
    let discovered: (() => void) | undefined;
    if (!this.host.auth && this.#opts.credential?.kind !== 'registry-token') {
      if (this.host.discovering) await this.host.discovering;
      else this.host.discovering = new Promise<void>((r) => (discovered = r));
    }
    try {
      return await this.#send(method, url, opts);
    } finally {
      discovered?.();
    }
  }

  async #send(method: string, url: URL, opts: SendOptions): Promise<Response> {
    const { budget } = this.host;
    const maxWait = this.#opts.maxWaitMs ?? 60_000;
    let authRetried = false;
    let fellBack = false;
    let attempt = 0;
    for (;;) {
      if (
        this.#opts.scheme === 'auto' &&
        this.host.scheme === 'http' &&
        url.protocol === 'https:'
      ) {
        url.protocol = 'http:'; // callers keep this URL object, so later pages follow the fallback
      }
      const authorization = await this.#authorization(opts.scope, opts.signal);
      const headers: Record<string, string> = { 'user-agent': 'tagpilot' };
      if (opts.accept) headers.accept = opts.accept;
      if (authorization) headers.authorization = authorization;
      if (opts.ifNoneMatch) headers['if-none-match'] = opts.ifNoneMatch;
      const release = await budget.acquire(opts.signal, maxWait);
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers,
          dispatcher: this.#opts.dispatcher,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } catch (err) {
        release();
        budget.noteNetworkError();
        const code = (err as { cause?: { code?: string } }).cause?.code;
        // Fall back to HTTP only when the host does not speak TLS, never past a certificate error.
        if (
          this.#opts.scheme === 'auto' &&
          !this.host.scheme &&
          url.protocol === 'https:' &&
          !opts.signal?.aborted &&
          !isCertificateError(code)
        ) {
          this.host.scheme = 'http';
          fellBack = true;
          continue;
        }
        // Plain HTTP failed too (registry down?): forget the guess so the next scan tries TLS again.
        if (fellBack && this.host.scheme === 'http') this.host.scheme = undefined;
        if (
          code &&
          RETRY_CODES.has(code) &&
          attempt + 1 < this.#retry.attempts &&
          !opts.signal?.aborted
        ) {
          await this.#backoff(attempt++, opts.signal);
          continue;
        }
        throw networkError(method, url, this.host.host, err);
      }
      release();
      if (this.#opts.scheme === 'auto' && !this.host.scheme)
        this.host.scheme = url.protocol === 'http:' ? 'http' : 'https';
      const after = budget.noteResponse(res.status, res.headers);
      if ((res.status >= 200 && res.status < 300) || res.status === 304) return res;
      const text = await res.text().catch(() => '');
      budget.counters.bytes += Buffer.byteLength(text);
      if (
        res.status === 401 &&
        !authRetried &&
        this.#learnChallenge(res, opts.scope, authorization)
      ) {
        authRetried = true;
        continue;
      }
      if (RETRY_STATUS.has(res.status) && attempt + 1 < this.#retry.attempts) {
        const wait = after ?? 0;
        if (wait <= maxWait) {
          // With Retry-After the host cool-down does the waiting (in acquire); else back off here.
          if (after) budget.counters.retries++;
          else await this.#backoff(attempt, opts.signal);
          attempt++;
          continue;
        }
      }
      const err = errorFromStatus(
        method,
        url,
        res.status,
        text,
        this.host.host,
        after ?? (budget.cooldownMs() || undefined),
      );
      if (res.status === 401) throw this.#unauthorized(err);
      throw err;
    }
  }

  async #backoff(attempt: number, signal: AbortSignal | undefined): Promise<void> {
    this.host.budget.counters.retries++;
    const base = this.#retry.baseMs * 3 ** attempt;
    await sleep(base + Math.random() * base * 0.1, signal);
  }

  /** #learnChallenge records the host's auth scheme; true when a retry may now succeed. */
  #learnChallenge(res: Response, scope: string, sent: string | undefined): boolean {
    const challenge = pickChallenge(parseChallenges(res.headers.get('www-authenticate') ?? ''));
    if (!challenge) return false;
    const cred = this.#opts.credential;
    if (challenge.scheme === 'basic') {
      this.host.auth = { scheme: 'basic' };
      return cred?.kind === 'basic' && !sent?.startsWith('Basic ');
    }
    const realm = challenge.params.realm as string;
    const service = challenge.params.service;
    const previous = this.host.auth;
    this.host.auth = { scheme: 'bearer', realm, service };
    if (sent?.startsWith('Bearer ') && previous?.scheme === 'bearer') {
      this.host.tokens.invalidate({
        realm: previous.realm,
        service: previous.service,
        scope,
        credential: cred,
      });
    }
    return cred?.kind !== 'registry-token';
  }

  async #authorization(
    scope: string,
    signal: AbortSignal | undefined,
  ): Promise<string | undefined> {
    const cred = this.#opts.credential;
    if (cred?.kind === 'registry-token') return `Bearer ${cred.token}`;
    const auth = this.host.auth;
    if (!auth) return undefined;
    if (auth.scheme === 'basic') {
      return cred?.kind === 'basic'
        ? `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`
        : undefined;
    }
    const token = await this.host.tokens.get(
      { realm: auth.realm, service: auth.service, scope, credential: cred },
      {
        dispatcher: this.#opts.dispatcher,
        budget: this.host.budget,
        ...(signal ? { signal } : {}),
        maxWaitMs: this.#opts.maxWaitMs ?? 60_000,
        allowHttpRealm: this.#scheme() === 'http',
        retry: this.#retry,
      },
    );
    return `Bearer ${token}`;
  }

  #unauthorized(err: RegistryError): RegistryError {
    const hint = this.#opts.credential
      ? ' (the credentials were sent and refused, or lack pull access)'
      : ' (no credentials matched this image in the pull secrets; anonymous access was refused)';
    return new RegistryError(`${err.message}${hint}`, {
      kind: 'unauthorized',
      host: err.host,
      ...(err.status !== undefined ? { status: err.status } : {}),
      ...(err.code !== undefined ? { code: err.code } : {}),
      cause: err,
    });
  }
}
