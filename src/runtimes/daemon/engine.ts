// The engine the daemon runs: keeps each object's state, reconciles objects through the shared
// reconcilers on a work queue, writes Flux-shaped status, and wires the triggers between kinds
// (a new scan re-evaluates its policies; a new latest image runs its automations at once).
import { createHash } from 'node:crypto';
import type { ObjectRef, ObjectState } from '../../adapters/store/object-state.ts';
import type { ImagePolicy, ImageRepository, ImageUpdateAutomation } from '../../api/model.ts';
import {
  type Condition,
  type Ending,
  finishConditions,
  observedGenerationAfter,
} from '../../core/conditions/conditions.ts';
import {
  conditionsOf,
  type EngineDeps,
  type EngineOptions,
  type PolicyExplanation,
  type StepResult,
} from './engine-types.ts';
import { explainStoredPolicy } from './explain.ts';
import { nsName, type ObjectSet, type ReconciledKind } from './object-set.ts';
import { automationStep } from './steps/automation.ts';
import { policyStep } from './steps/policy.ts';
import { repositoryStep } from './steps/repository.ts';
import { WorkQueue } from './work-queue.ts';

/** automationDebounceMs is how long a triggered automation waits for other policy changes. */
export const automationDebounceMs = 250;

const kinds: ReconciledKind[] = ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'];
const specHash = (spec: unknown) =>
  createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
const keyOf = (ref: ObjectRef) => `${ref.kind}/${ref.namespace}/${ref.name}`;
function refOf(key: string): ObjectRef {
  const [kind = '', namespace = '', ...rest] = key.split('/');
  return { kind, namespace, name: rest.join('/') };
}

/** Engine reconciles an ObjectSet. */
export class Engine {
  readonly #deps: EngineDeps;
  readonly #opts: EngineOptions;
  readonly #queue: WorkQueue;
  #set: ObjectSet | undefined;

  constructor(deps: EngineDeps, opts: EngineOptions) {
    this.#deps = deps;
    this.#opts = opts;
    this.#queue = new WorkQueue((key) => this.#reconcile(key), {
      concurrency: opts.concurrency,
      ...(opts.minRetryMs !== undefined ? { minRetryMs: opts.minRetryMs } : {}),
    });
  }

  /** objects is the current desired state. */
  get objects(): ObjectSet | undefined {
    return this.#set;
  }

  /** update replaces the desired state: new or changed objects reconcile now, removed ones are forgotten. */
  update(set: ObjectSet): void {
    const { state } = this.#deps;
    const old = this.#set;
    // Set first: queued reconciles start synchronously and must see the new objects.
    this.#set = set;
    const seen = new Set<string>();
    for (const kind of kinds) {
      for (const [key, obj] of this.#mapOf(set, kind)) {
        const ref = { kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
        seen.add(keyOf(ref));
        const hash = specHash(obj.spec);
        const prev = state.get(ref);
        // Unchanged objects already known to this process keep their schedule; after a restart
        // (no old set) everything reconciles once, whatever the stored state says.
        if (prev && prev.specHash === hash && old && this.#mapOf(old, kind).has(key)) continue;
        state.put(ref, {
          ...(prev ?? { status: {} }),
          generation: prev ? (prev.specHash === hash ? prev.generation : prev.generation + 1) : 1,
          specHash: hash,
        } as ObjectState);
        // Automations start a moment later, so the first scans and selections can land first.
        this.#queue.add(keyOf(ref), kind === 'ImageUpdateAutomation' ? automationDebounceMs : 0);
      }
    }
    for (const bad of set.invalid.values()) {
      const ref = { kind: bad.kind, namespace: bad.namespace, name: bad.name };
      seen.add(keyOf(ref));
      this.#writeInvalid(ref, bad.message);
    }
    for (const { ref } of state.list()) {
      if (seen.has(keyOf(ref))) continue;
      state.delete(ref);
      this.#queue.forget(keyOf(ref));
      if (ref.kind === 'ImageRepository') this.#deps.tags.deleteRepository(ref);
    }
  }

  /** requestReconcile is `flux reconcile`: a new requestedAt token, then an immediate run. */
  requestReconcile(ref: ObjectRef): string | undefined {
    const prev = this.#deps.state.get(ref);
    if (!prev || !this.#find(ref)) return undefined;
    const requestedAt = this.#deps.clock.now().toISOString();
    this.#deps.state.put(ref, { ...prev, requestedAt });
    this.#queue.add(keyOf(ref));
    return requestedAt;
  }

  /** setSuspended is `flux suspend|resume`; false when the object is unknown. */
  setSuspended(ref: ObjectRef, suspended: boolean): boolean {
    const prev = this.#deps.state.get(ref);
    if (!prev || !this.#find(ref)) return false;
    this.#deps.state.put(ref, { ...prev, suspended });
    if (!suspended) this.#queue.add(keyOf(ref));
    return true;
  }

  /** trigger reconciles objects now (a webhook), as a reconcile request; returns how many exist. */
  trigger(refs: readonly ObjectRef[]): number {
    let n = 0;
    for (const ref of refs) n += this.requestReconcile(ref) ? 1 : 0;
    return n;
  }

  /** state returns one object's stored state (status, generation, overrides). */
  state(ref: ObjectRef): ObjectState | undefined {
    return this.#find(ref) || this.#set?.invalid.has(keyOf(ref))
      ? this.#deps.state.get(ref)
      : undefined;
  }

  /** summary lists every object with its Ready condition (for `run --once`). */
  summary(): { kind: string; namespace: string; name: string; ready: string; message: string }[] {
    return this.#deps.state.list().map(({ ref, state }) => {
      const ready = conditionsOf(state).find((c) => c.type === 'Ready');
      return {
        ...ref,
        ready: ready?.status ?? 'Unknown',
        message: ready?.message ?? 'not reconciled yet',
      };
    });
  }

  /** explainPolicy re-runs an ImagePolicy's selection on the stored tags and says why. */
  explainPolicy(ref: { namespace: string; name: string }): PolicyExplanation | undefined {
    const policy = this.#set?.policies.get(nsName(ref));
    return policy ? explainStoredPolicy(policy, this.#deps.tags) : undefined;
  }

  /**
   * whenSettled resolves when nothing is running and nothing is due within horizonMs, so work
   * queued a moment ahead (a debounced automation, a first retry) still happens (`run --once`).
   */
  async whenSettled(horizonMs = 1000): Promise<void> {
    for (;;) {
      await this.#queue.whenIdle();
      if (this.#queue.dueWithin(horizonMs) === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** whenIdle resolves when nothing is running or due now. */
  whenIdle(): Promise<void> {
    return this.#queue.whenIdle();
  }

  /** stop finishes running reconciles and takes no more. */
  stop(): Promise<void> {
    return this.#queue.stop();
  }

  /** isSuspended combines the manifest's spec.suspend with the CLI override. */
  isSuspended(ref: ObjectRef): boolean {
    const override = this.#deps.state.get(ref)?.suspended;
    const obj = this.#find(ref);
    return override ?? obj?.spec.suspend === true;
  }

  #mapOf(
    set: ObjectSet,
    kind: ReconciledKind,
  ): Map<string, ImageRepository | ImagePolicy | ImageUpdateAutomation> {
    return kind === 'ImageRepository'
      ? set.repositories
      : kind === 'ImagePolicy'
        ? set.policies
        : set.automations;
  }

  #find(ref: ObjectRef): ImageRepository | ImagePolicy | ImageUpdateAutomation | undefined {
    if (!this.#set || !kinds.includes(ref.kind as ReconciledKind)) return undefined;
    return this.#mapOf(this.#set, ref.kind as ReconciledKind).get(nsName(ref));
  }

  #writeInvalid(ref: ObjectRef, message: string): void {
    const prev = this.#deps.state.get(ref);
    const generation = prev?.generation ?? 1;
    const ending: Ending = { kind: 'stalled', reason: 'InvalidManifest', message };
    const conditions = finishConditions(
      conditionsOf(prev),
      ending,
      generation,
      this.#deps.clock.now(),
    );
    this.#deps.state.put(ref, {
      generation,
      specHash: 'invalid',
      status: { ...(prev?.status ?? {}), conditions, observedGeneration: generation },
    });
  }

  async #reconcile(key: string): Promise<{ requeueAfterMs?: number; failed?: boolean }> {
    const ref = refOf(key);
    const obj = this.#find(ref);
    const set = this.#set;
    const prev = this.#deps.state.get(ref);
    if (!obj || !set || !prev) return {};
    const started = performance.now();
    if (this.isSuspended(ref)) {
      this.#deps.log.debug({ object: key }, 'suspended; skipping');
      if (prev.requestedAt !== undefined && ref.kind !== 'ImageUpdateAutomation') {
        this.#deps.state.put(ref, {
          ...prev,
          status: { ...prev.status, lastHandledReconcileAt: prev.requestedAt },
        });
      }
      return {};
    }
    let result: StepResult;
    try {
      result = await this.#step(ref, obj, set, prev);
    } catch (err) {
      this.#deps.log.error(
        { object: key, err: err instanceof Error ? err.message : String(err) },
        'reconcile failed unexpectedly',
      );
      result = {
        ending: {
          kind: 'retry',
          reason: 'Failed',
          message: err instanceof Error ? err.message : String(err),
        },
        status: {},
      };
    }
    const latest = this.#deps.state.get(ref) ?? prev;
    const before = conditionsOf(latest);
    const now = this.#deps.clock.now();
    const previousObserved =
      typeof latest.status.observedGeneration === 'number' ? latest.status.observedGeneration : -1;
    const status: Record<string, unknown> = {
      ...latest.status,
      ...result.status,
      conditions: finishConditions(conditionsOf(latest), result.ending, latest.generation, now),
      observedGeneration: observedGenerationAfter(
        result.ending,
        latest.generation,
        previousObserved,
      ),
    };
    if (latest.requestedAt !== undefined) status.lastHandledReconcileAt = latest.requestedAt;
    this.#deps.state.put(ref, { ...latest, status });
    // Automations wait a moment so several policies changing together make one commit.
    for (const t of result.triggers ?? [])
      this.#queue.add(keyOf(t), t.kind === 'ImageUpdateAutomation' ? automationDebounceMs : 0);
    const seconds = (performance.now() - started) / 1000;
    this.#deps.onReconciled?.({
      ref,
      result,
      seconds,
      before,
      after: status.conditions as Condition[],
    });
    this.#deps.log.info(
      {
        object: key,
        result: result.ending.kind,
        ...(result.ending.kind === 'ready' ? {} : { reason: result.ending.reason }),
        message: result.ending.message,
        seconds: Number(seconds.toFixed(3)),
      },
      'reconciled',
    );
    if (result.ending.kind === 'stalled') return {};
    if (result.ending.kind === 'retry') {
      return result.requeueAfterMs !== undefined
        ? { requeueAfterMs: result.requeueAfterMs }
        : { failed: true };
    }
    return result.requeueAfterMs !== undefined ? { requeueAfterMs: result.requeueAfterMs } : {};
  }

  #step(
    ref: ObjectRef,
    obj: ImageRepository | ImagePolicy | ImageUpdateAutomation,
    set: ObjectSet,
    prev: ObjectState,
  ): Promise<StepResult> {
    const ctx = {
      set,
      prev,
      deps: this.#deps,
      opts: this.#opts,
      isSuspended: (r: ObjectRef) => this.isSuspended(r),
    };
    switch (obj.kind) {
      case 'ImageRepository':
        return repositoryStep(obj, ctx);
      case 'ImagePolicy':
        return policyStep(obj, ctx);
      case 'ImageUpdateAutomation':
        return automationStep(obj, ctx);
    }
    throw new Error(`cannot reconcile ${ref.kind}`);
  }
}
