// The request budget of one registry host, shared by every object that scans it: a concurrency
// limit, a token bucket, whole-host cool-down after 429/503 (honouring Retry-After), and counters.

import { RegistryError } from './errors.ts';

/** BudgetOptions tunes one host's budget; defaults are gentle enough for Docker Hub. */
export interface BudgetOptions {
  /** concurrency is the most requests in flight to the host at once. */
  concurrency: number;
  /** ratePerSecond refills the token bucket; burst is its size. */
  ratePerSecond: number;
  burst: number;
  /** maxRetryAfterMs caps a Retry-After we honour (a registry asking for hours is capped). */
  maxRetryAfterMs: number;
  /** backoffBaseMs/backoffMaxMs: whole-host back-off when a 429/503 carries no Retry-After. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** defaultBudget is used for hosts without explicit settings. */
export const defaultBudget: BudgetOptions = {
  concurrency: 6,
  ratePerSecond: 20,
  burst: 40,
  maxRetryAfterMs: 15 * 60_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 5 * 60_000,
};

/** HostCounters are the per-host numbers exported as metrics. */
export interface HostCounters {
  requests: number;
  tokenRequests: number;
  notModified: number;
  rateLimited: number;
  serverErrors: number;
  networkErrors: number;
  retries: number;
  /** refused counts requests we did not send because the host was cooling down. */
  refused: number;
  bytes: number;
  /** rateLimitRemaining is the last `RateLimit-Remaining` seen (Docker Hub pulls), if any. */
  rateLimitRemaining: number | undefined;
}

/** HostBudget gates every request to one registry host. */
export class HostBudget {
  readonly host: string;
  readonly options: BudgetOptions;
  readonly counters: HostCounters = {
    requests: 0,
    tokenRequests: 0,
    notModified: 0,
    rateLimited: 0,
    serverErrors: 0,
    networkErrors: 0,
    retries: 0,
    refused: 0,
    bytes: 0,
    rateLimitRemaining: undefined,
  };
  #tokens: number;
  #refilledAt = Date.now();
  #active = 0;
  #slotWaiters: Array<() => void> = [];
  #cooldownUntil = 0;
  #strikes = 0;

  constructor(host: string, options: Partial<BudgetOptions> = {}) {
    this.host = host;
    this.options = { ...defaultBudget, ...options };
    this.#tokens = this.options.burst;
  }

  /** cooldownMs is how long the whole host is still paused (0 when it is not). */
  cooldownMs(now = Date.now()): number {
    return Math.max(0, this.#cooldownUntil - now);
  }

  /**
   * acquire waits for a cool-down to end, a bucket token and a free slot, and returns the release
   * function. It refuses (RegistryError rate-limited, with retryAfterMs) instead of waiting longer
   * than maxWaitMs for a cool-down, so callers can requeue rather than hold a worker.
   */
  async acquire(signal: AbortSignal | undefined, maxWaitMs: number): Promise<() => void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      const cool = this.cooldownMs(now);
      if (cool > 0) {
        if (cool > maxWaitMs) {
          this.counters.refused++;
          throw new RegistryError(
            `registry ${this.host} is rate limiting us; all requests to it are paused for ${Math.ceil(cool / 1000)}s`,
            { kind: 'rate-limited', host: this.host, retryAfterMs: cool },
          );
        }
        await sleep(cool, signal);
        continue;
      }
      this.#refill(now);
      if (this.#tokens < 1) {
        await sleep(Math.ceil(((1 - this.#tokens) / this.options.ratePerSecond) * 1000), signal);
        continue;
      }
      if (this.#active >= this.options.concurrency) {
        await this.#waitSlot(signal);
        continue;
      }
      this.#tokens -= 1;
      this.#active++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.#active--;
        // Wake every waiter: each re-checks cool-down, bucket and slots, so a waiter that ends up
        // refusing (cool-down) never strands the ones behind it.
        const waiters = this.#slotWaiters.splice(0);
        for (const w of waiters) w();
      };
    }
  }

  /** noteResponse updates counters and the cool-down from one response's status and headers. */
  noteResponse(status: number, headers: Headers): number | undefined {
    this.counters.requests++;
    const remaining = parseRateLimitRemaining(headers.get('ratelimit-remaining'));
    if (remaining !== undefined) this.counters.rateLimitRemaining = remaining;
    if (status === 304) this.counters.notModified++;
    if (status >= 500) this.counters.serverErrors++;
    if (status === 429 || status === 503) {
      if (status === 429) this.counters.rateLimited++;
      const after = parseRetryAfter(headers.get('retry-after'));
      return this.pause(after);
    }
    if (status < 400) this.#strikes = 0;
    return undefined;
  }

  /** pause cools the whole host down for retryAfterMs (capped), or an exponential back-off. */
  pause(retryAfterMs: number | undefined): number {
    const o = this.options;
    let wait: number;
    if (retryAfterMs !== undefined) wait = Math.min(retryAfterMs, o.maxRetryAfterMs);
    else wait = Math.min(o.backoffBaseMs * 2 ** this.#strikes, o.backoffMaxMs);
    this.#strikes++;
    this.#cooldownUntil = Math.max(this.#cooldownUntil, Date.now() + wait);
    return this.cooldownMs();
  }

  /** noteNetworkError counts a request that got no response. */
  noteNetworkError(): void {
    this.counters.requests++;
    this.counters.networkErrors++;
  }

  #refill(now: number): void {
    const elapsed = (now - this.#refilledAt) / 1000;
    this.#refilledAt = now;
    this.#tokens = Math.min(
      this.options.burst,
      this.#tokens + elapsed * this.options.ratePerSecond,
    );
  }

  #waitSlot(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const i = this.#slotWaiters.indexOf(done);
        if (i >= 0) this.#slotWaiters.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#slotWaiters.push(done);
    });
  }
}

/** parseRetryAfter reads seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** parseRateLimitRemaining reads `20;w=21600` (Docker Hub) or a bare number. */
export function parseRateLimitRemaining(value: string | null): number | undefined {
  if (!value) return undefined;
  const m = /^\s*(\d+)/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** sleep waits ms milliseconds, rejecting early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
