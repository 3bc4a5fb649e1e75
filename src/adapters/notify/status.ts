// Ready conditions for Providers and Alerts, so a runtime can show why alerts are not arriving
// (bad config, receiver failing, alert abandoned). Messages are already secret-masked.
import { rfc3339 } from '../../core/events/event.ts';

/** NotifyReason names why a Provider or Alert is (not) Ready. */
export type NotifyReason =
  | 'Succeeded'
  | 'InvalidConfig'
  | 'DeliveryRetrying'
  | 'NotificationDispatchFailed';

/** NotifyCondition is a Ready condition in Kubernetes shape. */
export interface NotifyCondition {
  type: 'Ready';
  status: 'True' | 'False';
  reason: NotifyReason;
  message: string;
  lastTransitionTime: string;
}

/** StatusChange is one condition change, for runtimes that write status somewhere. */
export interface StatusChange {
  kind: 'Provider' | 'Alert';
  key: string;
  condition: NotifyCondition;
}

/** StatusBook keeps the latest condition per object and reports changes. */
export class StatusBook {
  readonly #conditions = new Map<string, NotifyCondition>();
  readonly #onChange: ((c: StatusChange) => void) | undefined;

  constructor(onChange?: (c: StatusChange) => void) {
    this.#onChange = onChange;
  }

  /** set records a condition; the transition time only moves when status flips. */
  set(
    kind: StatusChange['kind'],
    key: string,
    reason: NotifyReason,
    message: string,
    nowMs: number,
  ): void {
    const id = `${kind}/${key}`;
    const status = reason === 'Succeeded' ? 'True' : 'False';
    const prev = this.#conditions.get(id);
    if (prev && prev.status === status && prev.reason === reason && prev.message === message)
      return;
    const condition: NotifyCondition = {
      type: 'Ready',
      status,
      reason,
      message,
      lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : rfc3339(nowMs),
    };
    this.#conditions.set(id, condition);
    this.#onChange?.({ kind, key, condition });
  }

  /** get returns the current condition of an object. */
  get(kind: StatusChange['kind'], key: string): NotifyCondition | undefined {
    return this.#conditions.get(`${kind}/${key}`);
  }

  /** all lists every object's condition. */
  all(): StatusChange[] {
    return [...this.#conditions.entries()].map(([id, condition]) => {
      const slash = id.indexOf('/');
      return {
        kind: id.slice(0, slash) as StatusChange['kind'],
        key: id.slice(slash + 1),
        condition,
      };
    });
  }
}
