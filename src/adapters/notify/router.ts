// AlertRouter is what the runtimes call: dispatchEvent(event) runs Flux's notification pipeline
// (metadata cleanup, dedup/rate limit, Alert matching, provider rules, metadata merge) and queues
// one delivery per matching Alert; a DeliveryWorker sends them with retries, in order per Provider.
import { type Alert, objectKey, type Provider } from '../../api/notification/types.ts';
import { type Event, involvedObjectString } from '../../core/events/event.ts';
import { type LabelsOf, matchAlerts } from '../../core/events/match.ts';
import {
  cleanupMetadata,
  combineEventMetadata,
  excludeInternalMetadata,
} from '../../core/events/metadata.ts';
import {
  defaultCommitStatus,
  isCommitStatusProvider,
  providerDecision,
} from '../../core/events/provider-filter.ts';
import { EventRateLimiter, type RateLimitOptions } from '../../core/events/rate-limit.ts';
import {
  type DeliveryOutcome,
  DeliveryWorker,
  defaultRetry,
  type RetryOptions,
} from './delivery.ts';
import { DeliveryQueue } from './queue.ts';
import { buildRouterConfig, type RouterConfig } from './router-config.ts';
import { maskSecrets, type SecretLookup } from './secrets.ts';
import { StatusBook, type StatusChange } from './status.ts';

/** NotifyLogger is the daemon's Logger shape (static message, fields apart); no secret reaches it. */
export interface NotifyLogger {
  info(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

/** AlertRouterOptions configures a router. */
export interface AlertRouterOptions {
  providers: readonly Provider[];
  alerts: readonly Alert[];
  secrets: SecretLookup;
  /** queuePath is the SQLite file for pending deliveries (':memory:' to not persist). */
  queuePath: string;
  maxQueue?: number;
  retry?: Partial<RetryOptions>;
  rateLimit?: RateLimitOptions;
  /** noCrossNamespaceRefs refuses events from other namespaces than the Alert's (Flux flag). */
  noCrossNamespaceRefs?: boolean;
  /** labelsOf serves matchLabels; without it, sources with matchLabels never match. */
  labelsOf?: LabelsOf;
  clock?: () => number;
  logger?: NotifyLogger;
  onStatus?: (change: StatusChange) => void;
}

/** DispatchResult says what dispatchEvent did with one event. */
export interface DispatchResult {
  queued: { alert: string; provider: string }[];
  /** dropped explains an event that went nowhere (trace, rate limited, no alert). */
  dropped?: 'trace' | 'duplicate' | 'object-budget' | 'no-alert';
}

/** sweepEveryMs bounds the rate limiter's memory: old state is dropped this often. */
const sweepEveryMs = 5 * 60_000;

const silent: NotifyLogger = { info() {}, error() {} };

/** AlertRouter routes events to Providers through matching Alerts. */
export class AlertRouter {
  readonly #o: AlertRouterOptions;
  readonly #clock: () => number;
  readonly #log: NotifyLogger;
  readonly #limiter: EventRateLimiter;
  readonly #queue: DeliveryQueue;
  readonly #worker: DeliveryWorker;
  readonly #status: StatusBook;
  #config: RouterConfig;
  #lastSweep = 0;

  constructor(options: AlertRouterOptions) {
    this.#o = options;
    this.#clock = options.clock ?? Date.now;
    this.#log = options.logger ?? silent;
    this.#limiter = new EventRateLimiter(options.rateLimit);
    this.#status = new StatusBook(options.onStatus);
    this.#queue = new DeliveryQueue(options.queuePath, options.maxQueue);
    this.#config = this.#build(options.providers, options.alerts);
    this.#worker = new DeliveryWorker({
      queue: this.#queue,
      retry: { ...defaultRetry, ...options.retry },
      clock: this.#clock,
      resolve: (channel) => {
        const entry = this.#config.providers.get(channel);
        if (entry === undefined) return { error: `provider '${channel}' no longer exists` };
        return entry.notifier
          ? { notifier: entry.notifier }
          : { error: entry.error ?? 'provider has no notifier' };
      },
      onOutcome: (o) => this.#onOutcome(o),
    });
    // Deliveries persisted by a previous run resume at once.
    this.#worker.kick();
  }

  /** update swaps in reloaded objects; queued deliveries keep their place. */
  update(providers: readonly Provider[], alerts: readonly Alert[]): void {
    this.#config = this.#build(providers, alerts);
    this.#worker.kick();
  }

  /** dispatchEvent queues the event for every matching Alert; it never throws on bad config. */
  dispatchEvent(event: Event, labels?: Readonly<Record<string, string>>): DispatchResult {
    if (event.severity === 'trace') return { queued: [], dropped: 'trace' };
    const now = this.#clock();
    if (now - this.#lastSweep >= sweepEveryMs) {
      this.#limiter.sweep(now);
      this.#lastSweep = now;
    }
    const cleaned = cleanupMetadata(event);
    const rate = this.#limiter.decide(cleaned, now);
    if (!rate.allowed) {
      this.#log.info(
        { object: involvedObjectString(event.involvedObject), limit: rate.limit },
        'discarding event, rate limiting duplicate events',
      );
      return { queued: [], dropped: rate.limit };
    }
    const prepared = excludeInternalMetadata(cleaned);
    const labelsOf: LabelsOf =
      labels !== undefined ? () => labels : (this.#o.labelsOf ?? (() => undefined));
    const { matched, problems } = matchAlerts(this.#config.alerts, prepared, labelsOf);
    for (const p of problems)
      this.#alertFailed(objectKey(p.alert.metadata), 'InvalidConfig', p.message, now);
    const queued: DispatchResult['queued'] = [];
    for (const { alert } of matched) {
      const r = this.#route(alert, prepared, now);
      if (r !== undefined) queued.push(r);
    }
    if (queued.length > 0) this.#worker.kick([...new Set(queued.map((q) => q.provider))]);
    return matched.length === 0 ? { queued, dropped: 'no-alert' } : { queued };
  }

  /** status lists the Ready condition of every Provider and Alert seen so far. */
  status(): StatusChange[] {
    return this.#status.all();
  }

  /** pending is the number of queued deliveries. */
  pending(): number {
    return this.#queue.size();
  }

  /** drained resolves when every queued delivery was sent or abandoned. */
  drained(): Promise<void> {
    return this.#worker.idle();
  }

  /** close stops delivery; undelivered items stay in the queue file for the next run. */
  async close(): Promise<void> {
    await this.#worker.close();
    this.#queue.close();
  }

  #route(alert: Alert, event: Event, now: number): DispatchResult['queued'][number] | undefined {
    const alertKey = objectKey(alert.metadata);
    const ns = alert.metadata.namespace;
    if (this.#o.noCrossNamespaceRefs && event.involvedObject.namespace !== ns) {
      this.#alertFailed(
        alertKey,
        'InvalidConfig',
        `alert '${alertKey}' can't process event from '${involvedObjectString(event.involvedObject)}', cross-namespace references have been blocked`,
        now,
      );
      return undefined;
    }
    const providerKey = `${ns}/${alert.spec.providerRef.name}`;
    const entry = this.#config.providers.get(providerKey);
    if (entry === undefined) {
      this.#alertFailed(
        alertKey,
        'InvalidConfig',
        `failed to read provider: Provider '${providerKey}' not found`,
        now,
      );
      return undefined;
    }
    if (entry.provider.spec.suspend) return undefined;
    if (entry.error !== undefined) {
      this.#alertFailed(alertKey, 'InvalidConfig', entry.error, now);
      return undefined;
    }
    const decision = providerDecision(entry.provider.spec.type, event);
    if (decision !== 'send') {
      if (decision === 'drop-missing-commit')
        this.#log.info(
          { alert: alertKey },
          'event dropped for commit status providers due to missing commit metadata key',
        );
      return undefined;
    }
    const { event: combined, conflicts } = combineEventMetadata(event, alert.spec);
    if (conflicts.length > 0)
      this.#log.info(
        { alert: alertKey, conflictingKeys: conflicts },
        'warning: metadata key conflicts detected',
      );
    const commitStatus = isCommitStatusProvider(entry.provider.spec.type)
      ? defaultCommitStatus(entry.provider.metadata.uid || 'tagpilot', combined)
      : '';
    const { evicted } = this.#queue.enqueue(
      { channel: providerKey, alert: alertKey, event: JSON.stringify(combined), commitStatus },
      now,
    );
    for (const e of evicted)
      this.#alertFailed(
        e.alert,
        'NotificationDispatchFailed',
        'notification dropped: the delivery queue is full',
        now,
      );
    return { alert: alertKey, provider: providerKey };
  }

  #onOutcome(o: DeliveryOutcome): void {
    const now = this.#clock();
    const entry = this.#config.providers.get(o.item.channel);
    const mask = (s: string): string => maskSecrets(s, entry?.secretValues ?? []);
    const object = (JSON.parse(o.item.event) as Event).involvedObject;
    if (o.kind === 'delivered') {
      this.#status.set('Provider', o.item.channel, 'Succeeded', 'notification delivered', now);
      this.#status.set('Alert', o.item.alert, 'Succeeded', 'notification delivered', now);
      return;
    }
    const message = `failed to send notification for ${involvedObjectString(object)}: ${mask(o.error)}`;
    if (o.kind === 'retrying') {
      this.#log.error(
        { provider: o.item.channel, attempts: o.item.attempts, error: message },
        'failed to send notification, will retry',
      );
      this.#status.set(
        'Provider',
        o.item.channel,
        'DeliveryRetrying',
        `${message} (attempt ${o.item.attempts}, retrying)`,
        now,
      );
      return;
    }
    this.#status.set('Provider', o.item.channel, 'NotificationDispatchFailed', message, now);
    this.#alertFailed(o.item.alert, 'NotificationDispatchFailed', message, now);
  }

  #alertFailed(
    key: string,
    reason: 'InvalidConfig' | 'NotificationDispatchFailed',
    message: string,
    now: number,
  ): void {
    this.#log.error({ alert: key, reason, error: message }, 'failed to dispatch notification');
    this.#status.set('Alert', key, reason, message, now);
  }

  #build(providers: readonly Provider[], alerts: readonly Alert[]): RouterConfig {
    const config = buildRouterConfig(providers, alerts, this.#o.secrets);
    const now = this.#clock();
    for (const [key, entry] of config.providers) {
      if (entry.error !== undefined) {
        this.#log.error({ provider: key, error: entry.error }, 'invalid provider');
        this.#status.set('Provider', key, 'InvalidConfig', entry.error, now);
      }
    }
    return config;
  }
}
