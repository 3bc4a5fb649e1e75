// A keyed work queue like controller-runtime's: each key is queued at most once, never runs twice
// at the same time (a request while it runs re-queues it afterwards), failures back off per key
// (Flux's 750ms doubling to 15m, with jitter) and successes may ask to run again after a delay.

/** WorkResult is what a handler tells the queue about one run. */
export interface WorkResult {
  /** requeueAfterMs schedules the next run (intervals); absent means "until something changes". */
  readonly requeueAfterMs?: number;
  /** failed backs the key off exponentially (unless requeueAfterMs is given). */
  readonly failed?: boolean;
}

/** WorkQueueOptions tunes concurrency and backoff. */
export interface WorkQueueOptions {
  readonly concurrency: number;
  readonly minRetryMs?: number;
  readonly maxRetryMs?: number;
  /** jitter is the fraction of a delay added at random (0.1 = up to +10 %). */
  readonly jitter?: number;
}

type Handler = (key: string) => Promise<WorkResult>;

/** WorkQueue schedules keyed work. */
export class WorkQueue {
  readonly #handler: Handler;
  readonly #opts: Required<WorkQueueOptions>;
  readonly #due = new Map<string, number>();
  readonly #running = new Set<string>();
  readonly #failures = new Map<string, number>();
  readonly #idleWaiters: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(handler: Handler, opts: WorkQueueOptions) {
    this.#handler = handler;
    this.#opts = { minRetryMs: 750, maxRetryMs: 15 * 60_000, jitter: 0.1, ...opts };
  }

  /** add queues key to run after delayMs (keeping an earlier time if one is set). */
  add(key: string, delayMs = 0): void {
    if (this.#stopped) return;
    const at = Date.now() + Math.max(0, delayMs);
    const current = this.#due.get(key);
    if (current === undefined || at < current) this.#due.set(key, at);
    this.#pump();
  }

  /** forget drops a key (object deleted). */
  forget(key: string): void {
    this.#due.delete(key);
    this.#failures.delete(key);
  }

  /** pending is how many keys are waiting or running. */
  get pending(): number {
    return this.#due.size + this.#running.size;
  }

  /** dueWithin reports keys that will run within ms (for `run --once`). */
  dueWithin(ms: number): number {
    const limit = Date.now() + ms;
    let n = this.#running.size;
    for (const at of this.#due.values()) if (at <= limit) n++;
    return n;
  }

  /** whenIdle resolves once nothing is running and nothing is due now. */
  whenIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** stop takes no new work and waits for running handlers to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#due.clear();
    if (this.#timer) clearTimeout(this.#timer);
    while (this.#running.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  #isIdle(): boolean {
    const now = Date.now();
    return this.#running.size === 0 && ![...this.#due.values()].some((at) => at <= now);
  }

  #pump(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [key, at] of this.#due) {
      if (this.#running.size >= this.#opts.concurrency) break;
      if (this.#running.has(key)) continue;
      if (at <= now) {
        this.#due.delete(key);
        this.#start(key);
      } else {
        next = Math.min(next, at);
      }
    }
    if (Number.isFinite(next) && !this.#stopped) {
      this.#timer = setTimeout(() => this.#pump(), Math.min(next - now, 2 ** 31 - 1));
      this.#timer.unref();
    }
    if (this.#isIdle()) for (const w of this.#idleWaiters.splice(0)) w();
  }

  #start(key: string): void {
    this.#running.add(key);
    // Errors are turned into a failed result, so the chain below never rejects.
    void this.#handler(key)
      .catch((): WorkResult => ({ failed: true }))
      .then((result) => {
        this.#running.delete(key);
        if (!this.#stopped) this.#schedule(key, result);
        this.#pump();
      });
  }

  #schedule(key: string, result: WorkResult): void {
    if (result.failed && result.requeueAfterMs === undefined) {
      const n = (this.#failures.get(key) ?? 0) + 1;
      this.#failures.set(key, n);
      const base = Math.min(this.#opts.minRetryMs * 2 ** (n - 1), this.#opts.maxRetryMs);
      this.add(key, base * (1 + Math.random() * this.#opts.jitter));
      return;
    }
    if (!result.failed) this.#failures.delete(key);
    if (result.requeueAfterMs !== undefined) {
      this.add(key, result.requeueAfterMs * (1 + Math.random() * this.#opts.jitter));
    }
  }
}
