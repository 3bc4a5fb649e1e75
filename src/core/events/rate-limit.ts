// Flood control, decided from the time the caller passes in (core reads no clock).
// 1. Flux's dedup: an identical event (same object, message, revision, token) passes once per
//    interval (notification-controller's --rate-limit-interval, 5 m by default).
// 2. tagpilot's per-object budget: at most `max` events per object in any sliding `windowMs`,
//    so an object failing with ever-changing messages cannot flood a channel either.
import { apiGroupOf, type Event, metaKeys } from './event.ts';

/** RateLimitOptions configures both limits. */
export interface RateLimitOptions {
  /** dedupIntervalMs is Flux's rate-limit interval (default 5 minutes). */
  dedupIntervalMs?: number;
  /** perObject caps events per object; max 0 turns the cap off. */
  perObject?: { max: number; windowMs: number };
}

/** RateDecision says whether an event may go on, and if not, which limit stopped it. */
export type RateDecision =
  | { allowed: true }
  | { allowed: false; limit: 'duplicate' | 'object-budget' };

/** defaultRateLimits are 5 minutes dedup and 10 events per object per 5 minutes. */
export const defaultRateLimits = {
  dedupIntervalMs: 5 * 60_000,
  perObject: { max: 10, windowMs: 5 * 60_000 },
} as const;

/** eventDedupKey is Flux's eventKeyFunc input: object, message and revision/token metadata. */
export function eventDedupKey(event: Event): string {
  const o = event.involvedObject;
  const parts = [
    'event',
    `name=${o.name}`,
    `namespace=${o.namespace}`,
    `kind=${o.kind}`,
    `message=${event.message}`,
  ];
  const group = apiGroupOf(o.apiVersion);
  const m = event.metadata ?? {};
  for (const [label, key] of [
    ['originRevision', metaKeys.originRevision],
    ['revision', metaKeys.revision],
    ['token', metaKeys.token],
  ] as const) {
    const v = m[`${group}/${key}`];
    if (v !== undefined) parts.push(`${label}=${v}`);
  }
  return parts.join('/');
}

/** EventRateLimiter holds the per-key state; call sweep now and then to bound memory. */
export class EventRateLimiter {
  readonly #dedupMs: number;
  readonly #perObject: { max: number; windowMs: number };
  readonly #windows = new Map<string, number>();
  readonly #sent = new Map<string, number[]>();

  constructor(options: RateLimitOptions = {}) {
    this.#dedupMs = options.dedupIntervalMs ?? defaultRateLimits.dedupIntervalMs;
    this.#perObject = options.perObject ?? defaultRateLimits.perObject;
  }

  /** decide records and returns whether the event at nowMs may be dispatched. */
  decide(event: Event, nowMs: number): RateDecision {
    const key = eventDedupKey(event);
    const start = this.#windows.get(key);
    if (start !== undefined && this.#dedupMs > 0 && nowMs - start < this.#dedupMs) {
      return { allowed: false, limit: 'duplicate' };
    }
    const o = event.involvedObject;
    const objectKey = `${o.kind}/${o.namespace}/${o.name}`;
    const recent = (this.#sent.get(objectKey) ?? []).filter(
      (t) => nowMs - t < this.#perObject.windowMs,
    );
    if (this.#perObject.max > 0 && recent.length >= this.#perObject.max) {
      this.#sent.set(objectKey, recent);
      return { allowed: false, limit: 'object-budget' };
    }
    // Fixed windows anchored at the first event, like go-limiter's memory store.
    const anchored =
      start === undefined || this.#dedupMs <= 0
        ? nowMs
        : start + Math.floor((nowMs - start) / this.#dedupMs) * this.#dedupMs;
    this.#windows.set(key, anchored);
    recent.push(nowMs);
    this.#sent.set(objectKey, recent);
    return { allowed: true };
  }

  /** sweep forgets state older than two intervals (Flux's sweep rule), returning entries kept. */
  sweep(nowMs: number): number {
    for (const [k, start] of this.#windows)
      if (nowMs - start >= 2 * this.#dedupMs) this.#windows.delete(k);
    for (const [k, times] of this.#sent) {
      const kept = times.filter((t) => nowMs - t < this.#perObject.windowMs);
      if (kept.length === 0) this.#sent.delete(k);
      else this.#sent.set(k, kept);
    }
    return this.#windows.size + this.#sent.size;
  }
}
