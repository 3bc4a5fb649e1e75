// Drains the queue: one sequential loop per channel (so a Provider sees alerts in order), each
// failed attempt retried with exponential backoff while the receiver is away, then abandoned
// after maxAttempts or maxAgeMs. Timing is configuration so tests can use short outages.
import type { Event } from '../../core/events/event.ts';
import { DeliveryError, type Notifier } from './notifier.ts';
import type { DeliveryQueue, QueuedItem } from './queue.ts';

/** RetryOptions shape the backoff between attempts of one item. */
export interface RetryOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** maxAttempts bounds tries per item (Infinity: only maxAgeMs bounds it). */
  maxAttempts: number;
  /** maxAgeMs abandons an item this long after it was queued. */
  maxAgeMs: number;
}

/** defaultRetry starts at Flux's 2 s, caps at its 30 s, and keeps trying for an hour. */
export const defaultRetry: RetryOptions = {
  initialDelayMs: 2000,
  maxDelayMs: 30_000,
  factor: 2,
  maxAttempts: Number.POSITIVE_INFINITY,
  maxAgeMs: 60 * 60_000,
};

/** backoffMs is the wait after the n-th failed attempt (n ≥ 1). */
export function backoffMs(retry: RetryOptions, attempts: number): number {
  return Math.min(
    retry.maxDelayMs,
    retry.initialDelayMs * retry.factor ** Math.max(0, attempts - 1),
  );
}

/** ChannelTarget is the notifier for a channel, or why there is none. */
export type ChannelTarget = { notifier: Notifier } | { error: string };

/** DeliveryOutcome reports what happened to one attempt. */
export type DeliveryOutcome =
  | { kind: 'delivered'; item: QueuedItem }
  | { kind: 'retrying'; item: QueuedItem; error: string; nextAt: number }
  | { kind: 'abandoned'; item: QueuedItem; error: string };

/** DeliveryWorkerOptions wires the worker. */
export interface DeliveryWorkerOptions {
  queue: DeliveryQueue;
  resolve: (channel: string) => ChannelTarget;
  onOutcome: (o: DeliveryOutcome) => void;
  retry: RetryOptions;
  clock: () => number;
}

/** DeliveryWorker runs the per-channel loops; kick after every enqueue. */
export class DeliveryWorker {
  readonly #o: DeliveryWorkerOptions;
  readonly #busy = new Set<string>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #abort = new AbortController();
  readonly #loops = new Set<Promise<void>>();
  #idle: (() => void)[] = [];

  constructor(options: DeliveryWorkerOptions) {
    this.#o = options;
  }

  /** kick starts loops for the given channels (default: every channel with pending items). */
  kick(channels?: readonly string[]): void {
    if (this.#abort.signal.aborted) return;
    for (const ch of channels ?? this.#o.queue.channels()) {
      if (this.#busy.has(ch) || this.#timers.has(ch)) continue;
      // A loop never takes the process down: an unexpected error ends it, the next kick resumes.
      const loop = this.#run(ch)
        .catch(() => undefined)
        .finally(() => {
          this.#loops.delete(loop);
          this.#checkIdle();
        });
      this.#loops.add(loop);
    }
    this.#checkIdle();
  }

  /** idle resolves once the queue is empty and no attempt is in flight. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.#idle.push(resolve);
      this.#checkIdle();
    });
  }

  /** close aborts in-flight attempts (they stay queued) and stops all timers. */
  async close(): Promise<void> {
    this.#abort.abort();
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
    await Promise.allSettled([...this.#loops]);
  }

  async #run(channel: string): Promise<void> {
    this.#busy.add(channel);
    const signal = this.#abort.signal;
    try {
      while (!signal.aborted) {
        const item = this.#o.queue.head(channel);
        if (item === undefined) return;
        const now = this.#o.clock();
        if (item.nextAt > now) {
          this.#schedule(channel, item.nextAt - now);
          return;
        }
        await this.#attempt(item, signal);
      }
    } finally {
      this.#busy.delete(channel);
    }
  }

  async #attempt(item: QueuedItem, signal: AbortSignal): Promise<void> {
    const { queue, onOutcome, retry, clock } = this.#o;
    const target = this.#o.resolve(item.channel);
    if ('error' in target) {
      queue.remove(item.seq);
      onOutcome({ kind: 'abandoned', item, error: target.error });
      return;
    }
    try {
      await target.notifier.post(JSON.parse(item.event) as Event, {
        signal,
        commitStatus: item.commitStatus,
      });
      queue.remove(item.seq);
      onOutcome({ kind: 'delivered', item });
    } catch (err) {
      if (signal.aborted) return;
      const message = err instanceof Error ? err.message : String(err);
      const retryable = err instanceof DeliveryError ? err.retryable : false;
      const attempts = item.attempts + 1;
      const now = clock();
      const nextAt = now + backoffMs(retry, attempts);
      const expired = attempts >= retry.maxAttempts || nextAt - item.enqueuedAt > retry.maxAgeMs;
      if (!retryable || expired) {
        queue.remove(item.seq);
        const why = retryable ? `${message} (gave up after ${attempts} attempts)` : message;
        onOutcome({ kind: 'abandoned', item: { ...item, attempts }, error: why });
        return;
      }
      queue.reschedule(item.seq, attempts, nextAt, message);
      onOutcome({ kind: 'retrying', item: { ...item, attempts }, error: message, nextAt });
    }
  }

  #schedule(channel: string, delayMs: number): void {
    const t = setTimeout(() => {
      this.#timers.delete(channel);
      this.kick([channel]);
    }, delayMs);
    t.unref();
    this.#timers.set(channel, t);
  }

  #checkIdle(): void {
    if (this.#idle.length === 0) return;
    if (this.#loops.size > 0 || this.#o.queue.size() > 0) return;
    const waiters = this.#idle;
    this.#idle = [];
    for (const w of waiters) w();
  }
}
