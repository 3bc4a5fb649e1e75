// The engine's vocabulary, shared by the engine and the per-kind steps.
import type {
  ObjectRef,
  ObjectState,
  ObjectStateStore,
} from '../../adapters/store/object-state.ts';
import type { TagStore } from '../../adapters/store/tag-store.ts';
import type { Condition, Ending } from '../../core/conditions/conditions.ts';
import type { PushedCommit } from '../../core/events/emission.ts';
import type { PolicyExplain } from '../../core/policy/explain.ts';
import type { Clock, RegistryPort } from '../../reconcile/ports.ts';
import type { Logger } from './logger.ts';
import type { ObjectSet } from './object-set.ts';
import type { AutomationPort } from './steps/automation.ts';

/** StepResult is what one kind's step hands back to the engine. */
export interface StepResult {
  readonly ending: Ending;
  /** status holds the kind's own status fields (conditions are added by the engine). */
  readonly status: Record<string, unknown>;
  readonly requeueAfterMs?: number;
  /** triggers are objects to reconcile now because of this result. */
  readonly triggers?: readonly ObjectRef[];
  /** push describes the commit an automation pushed, for events and alerts. */
  readonly push?: PushedCommit;
  /** syncNeeded is false when an automation found nothing to do. */
  readonly syncNeeded?: boolean;
}

/** EngineDeps are the adapters the engine drives. */
export interface EngineDeps {
  readonly state: ObjectStateStore;
  readonly tags: TagStore;
  readonly registry: RegistryPort;
  readonly automation?: AutomationPort;
  readonly clock: Clock;
  readonly log: Logger;
  /** onReconciled observes every finished reconcile (metrics, events), with conditions before and after. */
  readonly onReconciled?: (report: {
    ref: ObjectRef;
    result: StepResult;
    seconds: number;
    before: Condition[];
    after: Condition[];
  }) => void;
}

/** EngineOptions tunes the engine. */
export interface EngineOptions {
  readonly concurrency: number;
  readonly noCrossNamespaceRefs: boolean;
  readonly minRetryMs?: number;
}

/** PolicyExplanation is a policy's current pick (or why there is none) and its explanation. */
export interface PolicyExplanation {
  readonly tag?: string;
  readonly error?: string;
  readonly explain?: PolicyExplain;
}

/** StepContext is what every kind's step may read. */
export interface StepContext {
  readonly set: ObjectSet;
  readonly prev: ObjectState;
  readonly deps: EngineDeps;
  readonly opts: EngineOptions;
  readonly isSuspended: (ref: ObjectRef) => boolean;
}

/** conditionsOf reads the conditions stored in an object's status. */
export function conditionsOf(state: ObjectState | undefined): Condition[] {
  const c = state?.status.conditions;
  return Array.isArray(c) ? (c as Condition[]) : [];
}
