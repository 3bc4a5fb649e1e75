// Sends Flux-style events for every reconcile through the Providers and Alerts in the source
// (notification-controller's job in Flux), from the Ready condition before and after.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AlertRouter } from '../../adapters/notify/router.ts';
import type { ObjectRef } from '../../adapters/store/object-state.ts';
import type { Condition } from '../../core/conditions/conditions.ts';
import { buildEvent } from '../../core/events/build.ts';
import {
  automationEvent,
  type PushedCommit,
  pushMetadata,
  readyFromConditions,
  reflectorEvent,
} from '../../core/events/emission.ts';
import type { Logger } from './logger.ts';
import type { ObjectSet } from './object-set.ts';

const apiVersion = 'image.toolkit.fluxcd.io/v1';

/** ReconcileReport is what the engine tells observers after each reconcile. */
export interface ReconcileReport {
  readonly ref: ObjectRef;
  readonly before: readonly Condition[];
  readonly after: readonly Condition[];
  readonly push?: PushedCommit;
  /** syncNeeded is false when an automation short-circuited (nothing to do). */
  readonly syncNeeded?: boolean;
}

/** DaemonAlerts owns the alert router for the daemon's lifetime. */
export class DaemonAlerts {
  readonly #router: AlertRouter;
  readonly #log: Logger;
  #set: ObjectSet | undefined;

  constructor(stateDir: string, log: Logger) {
    this.#log = log;
    this.#router = new AlertRouter({
      providers: [],
      alerts: [],
      secrets: (ns, name) => this.#set?.secrets.get(`${ns}/${name}`)?.data,
      queuePath: join(stateDir, 'alerts.db'),
      logger: log,
      onStatus: ({ kind, key, condition }) =>
        log.info(
          { kind, object: key, status: condition.status, reason: condition.reason },
          'alert delivery status',
        ),
    });
  }

  /** update takes the Providers and Alerts of a new source load (the delivery queue is kept). */
  update(set: ObjectSet): void {
    this.#set = set;
    this.#router.update(set.providers, set.alerts);
  }

  /** report turns one reconcile into an event and routes it (trace-level outcomes go nowhere). */
  report(r: ReconcileReport): void {
    const now = readyFromConditions(r.after);
    if (!now) return;
    const old = readyFromConditions(r.before);
    const automation = r.ref.kind === 'ImageUpdateAutomation';
    const draft = automation
      ? automationEvent(old, now, r.push, r.syncNeeded ?? true)
      : reflectorEvent(old, now, now.message);
    const obj = this.#objectOf(r.ref);
    const event = buildEvent(draft, {
      object: { kind: r.ref.kind, namespace: r.ref.namespace, name: r.ref.name, apiVersion },
      annotations: obj?.annotations,
      metadata: r.push ? pushMetadata(r.push) : undefined,
      nowMs: Date.now(),
      reportingController: automation
        ? 'image-automation-controller'
        : 'image-reflector-controller',
      reportingInstance: hostname(),
    });
    if (!event) return;
    const result = this.#router.dispatchEvent(event, obj?.labels);
    if (result.queued.length > 0)
      this.#log.debug(
        { object: `${r.ref.kind}/${r.ref.namespace}/${r.ref.name}`, alerts: result.queued.length },
        'event queued for alerts',
      );
  }

  /** close stops delivery; undelivered alerts stay queued for the next start. */
  close(): Promise<void> {
    return this.#router.close();
  }

  #objectOf(
    ref: ObjectRef,
  ): { labels: Record<string, string>; annotations: Record<string, string> } | undefined {
    const key = `${ref.namespace}/${ref.name}`;
    const set = this.#set;
    const o =
      ref.kind === 'ImageRepository'
        ? set?.repositories.get(key)
        : ref.kind === 'ImagePolicy'
          ? set?.policies.get(key)
          : set?.automations.get(key);
    return o
      ? { labels: { ...o.metadata.labels }, annotations: { ...o.metadata.annotations } }
      : undefined;
  }
}
