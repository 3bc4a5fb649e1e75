// Prometheus metrics: Flux's reconcile histogram plus what Flux lacks (registry requests and 429s
// per host, tags stored, commits pushed, push retries, webhook requests).
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HostCounters } from '../../adapters/registry/budget.ts';
import type { ObjectRef } from '../../adapters/store/object-state.ts';

/** DaemonMetrics owns the daemon's metric registry. */
export class DaemonMetrics {
  readonly registry = new Registry();
  readonly #duration: Histogram;
  readonly #commits: Counter;
  readonly #pushRetries: Counter;
  readonly #webhooks: Counter;

  constructor(sources: {
    hosts: () => Record<string, HostCounters>;
    tagCounts: () => { namespace: string; name: string; count: number }[];
  }) {
    const registers = [this.registry];
    this.#duration = new Histogram({
      name: 'gotk_reconcile_duration_seconds',
      help: 'The duration in seconds of a reconcile (as Flux controllers report it).',
      labelNames: ['kind', 'name', 'namespace'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.#commits = new Counter({
      name: 'tagpilot_commits_pushed_total',
      help: 'Commits pushed by automations.',
      labelNames: ['namespace', 'name'],
      registers,
    });
    this.#pushRetries = new Counter({
      name: 'tagpilot_push_retries_total',
      help: 'Push attempts repeated after a non-fast-forward rejection.',
      labelNames: ['namespace', 'name'],
      registers,
    });
    this.#webhooks = new Counter({
      name: 'tagpilot_webhook_requests_total',
      help: 'Webhook requests by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    const hostGauge = (name: string, help: string, pick: (c: HostCounters) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['host'],
        registers,
        collect() {
          this.reset();
          for (const [host, c] of Object.entries(sources.hosts())) this.set({ host }, pick(c));
        },
      });
    hostGauge(
      'tagpilot_registry_requests_total',
      'HTTP requests sent to each registry host.',
      (c) => c.requests,
    );
    hostGauge(
      'tagpilot_registry_rate_limited_total',
      'Responses 429 (Too Many Requests) from each registry host.',
      (c) => c.rateLimited,
    );
    hostGauge(
      'tagpilot_registry_bytes_total',
      'Response bytes read from each registry host.',
      (c) => c.bytes,
    );
    new Gauge({
      name: 'tagpilot_tags_stored',
      help: 'Tags stored per ImageRepository after exclusion.',
      labelNames: ['namespace', 'name'],
      registers,
      collect() {
        this.reset();
        for (const r of sources.tagCounts())
          this.set({ namespace: r.namespace, name: r.name }, r.count);
      },
    });
  }

  /** observeReconcile records one reconcile's duration. */
  observeReconcile(ref: ObjectRef, seconds: number): void {
    this.#duration.observe({ kind: ref.kind, name: ref.name, namespace: ref.namespace }, seconds);
  }

  /** pushed counts a pushed commit and its retries. */
  pushed(ref: { namespace: string; name: string }, retries: number): void {
    this.#commits.inc({ namespace: ref.namespace, name: ref.name });
    if (retries > 0) this.#pushRetries.inc({ namespace: ref.namespace, name: ref.name }, retries);
  }

  /** webhook counts one webhook request by outcome (accepted, rejected, not-found, too-large…). */
  webhook(outcome: string): void {
    this.#webhooks.inc({ outcome });
  }
}
