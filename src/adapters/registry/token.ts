// Bearer token service: GET (Basic or anonymous) and OAuth2 POST (identity tokens), with a cache
// keyed by realm/service/scope/credential and single-flight refresh.

import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { fetch } from 'undici';
import { type HostBudget, sleep } from './budget.ts';
import type { Credential } from './credentials.ts';
import { errorFromStatus, networkError, RegistryError, safeUrl } from './errors.ts';

/** TokenContext is how a token request is sent. */
export interface TokenContext {
  dispatcher: Dispatcher;
  budget: HostBudget;
  signal?: AbortSignal;
  maxWaitMs: number;
  allowHttpRealm: boolean;
  retry?: { attempts: number; baseMs: number };
}

/** TokenRequest names what a token is for. */
export interface TokenRequest {
  realm: string;
  service: string | undefined;
  scope: string;
  credential: Credential | undefined;
}

interface Cached {
  token: string;
  expiresAt: number;
}

const MARGIN_MS = 10_000;

/** TokenCache holds bearer tokens of one registry host. */
export class TokenCache {
  readonly #tokens = new Map<string, Cached>();
  readonly #inflight = new Map<string, Promise<string>>();

  /** get returns a cached, unexpired token or fetches one (one fetch per key at a time). */
  async get(req: TokenRequest, ctx: TokenContext): Promise<string> {
    const key = cacheKey(req);
    const hit = this.#tokens.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.token;
    let pending = this.#inflight.get(key);
    if (!pending) {
      pending = fetchTokenWithRetry(req, ctx).then(
        (c) => {
          if (this.#tokens.size >= 1000) this.#sweep();
          this.#tokens.set(key, c);
          this.#inflight.delete(key);
          return c.token;
        },
        (err: unknown) => {
          this.#inflight.delete(key);
          throw err;
        },
      );
      this.#inflight.set(key, pending);
    }
    return pending;
  }

  /** #sweep forgets expired tokens, so a long-running process does not collect them forever. */
  #sweep(): void {
    const now = Date.now();
    for (const [k, v] of this.#tokens) if (v.expiresAt <= now) this.#tokens.delete(k);
  }

  /** invalidate drops a token the registry rejected (invalid_token / insufficient_scope). */
  invalidate(req: TokenRequest): void {
    this.#tokens.delete(cacheKey(req));
  }
}

function cacheKey(req: TokenRequest): string {
  const who = req.credential
    ? createHash('sha256').update(JSON.stringify(req.credential)).digest('hex')
    : 'anon';
  return `${req.realm}|${req.service ?? ''}|${req.scope}|${who}`;
}

async function fetchTokenWithRetry(req: TokenRequest, ctx: TokenContext): Promise<Cached> {
  const attempts = ctx.retry?.attempts ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchToken(req, ctx);
    } catch (err) {
      const kind = (err as RegistryError).kind;
      const transient = kind === 'server' || kind === 'network' || kind === 'rate-limited';
      if (!transient || attempt + 1 >= attempts || ctx.signal?.aborted) throw err;
      ctx.budget.counters.retries++;
      const base = (ctx.retry?.baseMs ?? 1000) * 3 ** attempt;
      await sleep(base, ctx.signal);
    }
  }
}

async function fetchToken(req: TokenRequest, ctx: TokenContext): Promise<Cached> {
  const host = ctx.budget.host;
  let realm: URL;
  try {
    realm = new URL(req.realm);
  } catch (err) {
    throw new RegistryError(`registry ${host} sent an unreadable token realm "${req.realm}"`, {
      kind: 'protocol',
      host,
      cause: err,
    });
  }
  if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && ctx.allowHttpRealm)) {
    throw new RegistryError(
      `registry ${host} asked for credentials at ${safeUrl(realm)}; refusing a non-https token realm for a TLS registry`,
      { kind: 'protocol', host },
    );
  }
  const cred = req.credential;
  const usePost = cred?.kind === 'identity-token';
  const url = new URL(realm);
  // Messages show the realm without our query (account name, scopes).
  const shown = new URL(realm);
  shown.search = '';
  const init: { method: string; headers: Record<string, string>; body?: string } = {
    method: 'GET',
    headers: {},
  };
  if (usePost) {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: cred.token,
      client_id: 'tagpilot',
    });
    if (req.scope) form.set('scope', req.scope);
    if (req.service) form.set('service', req.service);
    init.method = 'POST';
    init.headers['content-type'] = 'application/x-www-form-urlencoded';
    init.body = form.toString();
  } else {
    if (req.service) url.searchParams.set('service', req.service);
    for (const s of req.scope.split(' ').filter(Boolean)) url.searchParams.append('scope', s);
    if (cred?.kind === 'basic') {
      url.searchParams.set('account', cred.username);
      init.headers.authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
    }
  }
  const release = await ctx.budget.acquire(ctx.signal, ctx.maxWaitMs);
  let res: Awaited<ReturnType<typeof fetch>>;
  let text: string;
  try {
    res = await fetch(url, {
      ...init,
      dispatcher: ctx.dispatcher,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    text = await res.text();
  } catch (err) {
    ctx.budget.noteNetworkError();
    throw networkError(init.method, shown, host, err);
  } finally {
    release();
  }
  ctx.budget.counters.tokenRequests++;
  const after = ctx.budget.noteResponse(res.status, res.headers);
  ctx.budget.counters.bytes += Buffer.byteLength(text);
  if (res.status !== 200) {
    const e = errorFromStatus(init.method, shown, res.status, text, host, after);
    if (res.status === 401 || res.status === 403) {
      throw new RegistryError(`token service of ${host} rejected the credentials: ${e.message}`, {
        kind: 'unauthorized',
        host,
        status: res.status,
        cause: e,
      });
    }
    throw e;
  }
  let body: { token?: unknown; access_token?: unknown; expires_in?: unknown; issued_at?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch (err) {
    throw new RegistryError(`token service of ${host} answered with a body that is not JSON`, {
      kind: 'protocol',
      host,
      cause: err,
    });
  }
  const token = typeof body.token === 'string' && body.token ? body.token : body.access_token;
  if (typeof token !== 'string' || !token) {
    throw new RegistryError(`token service of ${host} answered without "token" or "access_token"`, {
      kind: 'protocol',
      host,
    });
  }
  const expiresIn =
    typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60;
  const issued = typeof body.issued_at === 'string' ? Date.parse(body.issued_at) : Number.NaN;
  const start = Number.isNaN(issued) || issued > Date.now() ? Date.now() : issued;
  // Refresh a little early: 10 s before expiry, or at 80 % of a short lifetime.
  return { token, expiresAt: start + Math.max(expiresIn * 800, expiresIn * 1000 - MARGIN_MS) };
}
