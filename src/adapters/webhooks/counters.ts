// Request counters by receiver and outcome, for the daemon to expose (e.g. through prom-client).
import type { Outcome } from './verdict.ts';

/** CounterSample is one counter value. */
export interface CounterSample {
  /** receiver is `namespace/name`, or '' when no Receiver matched the path. */
  receiver: string;
  type: string;
  outcome: Outcome;
  count: number;
}

/** WebhookCounters counts handled requests; `triggered` counts objects reconciled because of them. */
export class WebhookCounters {
  private readonly requests = new Map<string, CounterSample>();
  private triggeredTotal = 0;
  private readonly onRequest:
    | ((receiver: string, type: string, outcome: Outcome) => void)
    | undefined;

  /** onRequest, when given, is called for every recorded request (e.g. a prom-client Counter's inc). */
  constructor(onRequest?: (receiver: string, type: string, outcome: Outcome) => void) {
    this.onRequest = onRequest;
  }

  /** record adds one request. */
  record(receiver: string, type: string, outcome: Outcome): void {
    const key = `${receiver}\u0000${type}\u0000${outcome}`;
    const c = this.requests.get(key);
    if (c) c.count++;
    else this.requests.set(key, { receiver, type, outcome, count: 1 });
    this.onRequest?.(receiver, type, outcome);
  }

  /** addTriggered adds n triggered objects. */
  addTriggered(n: number): void {
    this.triggeredTotal += n;
  }

  /** snapshot returns every counter, sorted, as plain data. */
  snapshot(): { requests: CounterSample[]; triggered: number } {
    const requests = [...this.requests.values()]
      .map((c) => ({ ...c }))
      .sort((a, b) =>
        `${a.receiver}${a.type}${a.outcome}`.localeCompare(`${b.receiver}${b.type}${b.outcome}`),
      );
    return { requests, triggered: this.triggeredTotal };
  }

  /** count returns the number of requests with an outcome (all receivers). */
  count(outcome: Outcome): number {
    let n = 0;
    for (const c of this.requests.values()) if (c.outcome === outcome) n += c.count;
    return n;
  }
}
