// ImageUpdateAutomation step: gather the policies it uses and their latest images, then hand the
// git work to the automation port (checkout → setters → commit → push).
import type { GitRepository, ImagePolicy, ImageUpdateAutomation } from '../../../api/model.ts';
import type { ImageRef } from '../../../core/setters/result.ts';
import type { Outcome } from '../../../reconcile/outcome.ts';
import type { SecretData } from '../../../reconcile/ports.ts';
import type { StepContext, StepResult } from '../engine-types.ts';
import { nsName } from '../object-set.ts';
import { selectorMatches } from '../selector.ts';

/** AutomationInput is one automation run's inputs. */
export interface AutomationInput {
  readonly automation: ImageUpdateAutomation;
  readonly gitRepository: GitRepository;
  readonly secrets: ReadonlyMap<string, SecretData>;
  /** latestByPolicy maps `namespace:name` to each selected policy's latest image. */
  readonly latestByPolicy: ReadonlyMap<string, ImageRef>;
  /** previous is the automation's status before this run. */
  readonly previous: Readonly<Record<string, unknown>>;
  readonly signal?: AbortSignal;
}

/** AutomationResult is what a successful run records in status. */
export interface AutomationResult {
  readonly message: string;
  readonly pushedCommit?: string;
  readonly pushedBranch?: string;
  /** commitMessage is the message of the pushed commit. */
  readonly commitMessage?: string;
  /** upToDate is true when the run short-circuited (nothing changed since the last run). */
  readonly upToDate?: boolean;
  readonly observedSourceRevision?: string;
  /** warnings are shown in logs and status (e.g. deprecated `.Updated` template fields). */
  readonly warnings: readonly string[];
  /** rendered is true when this run rendered the commit template (so warnings are current). */
  readonly rendered?: boolean;
}

/** AutomationPort runs the git side of an automation. */
export interface AutomationPort {
  run(input: AutomationInput): Promise<Outcome<AutomationResult>>;
}

/** selectedPolicies returns the namespace's policies the automation's policySelector picks. */
export function selectedPolicies(
  automation: ImageUpdateAutomation,
  policies: Iterable<ImagePolicy>,
): ImagePolicy[] {
  const selector = automation.spec.policySelector;
  return [...policies]
    .filter((p) => p.metadata.namespace === automation.metadata.namespace)
    .filter((p) => !selector || selectorMatches(selector, p.metadata.labels))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** automationStep reconciles one ImageUpdateAutomation. */
export async function automationStep(
  automation: ImageUpdateAutomation,
  ctx: StepContext,
): Promise<StepResult> {
  const started = ctx.deps.clock
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
  const runTime = { lastAutomationRunTime: started };
  const src = automation.spec.sourceRef;
  const gitRepository = ctx.set.gitRepositories.get(nsName(src));
  const invalidSource = ctx.set.invalidSources.get(nsName(src));
  if (!gitRepository && invalidSource) {
    return {
      ending: {
        kind: 'stalled',
        reason: 'InvalidSourceConfiguration',
        message: `GitRepository '${nsName(src)}' is invalid: ${invalidSource}`,
      },
      status: runTime,
    };
  }
  if (!gitRepository) {
    return {
      ending: {
        kind: 'retry',
        reason: 'SourceManagerFailed',
        message: `failed to get source GitRepository '${nsName(src)}': not found`,
      },
      status: runTime,
    };
  }
  if (!automation.spec.git) {
    return {
      ending: {
        kind: 'stalled',
        reason: 'InvalidSourceConfiguration',
        message: 'spec.git is required: no commit author or push configuration',
      },
      status: runTime,
    };
  }
  if (!ctx.deps.automation) {
    return {
      ending: {
        kind: 'stalled',
        reason: 'Failed',
        message: 'this runtime has no git write-back configured',
      },
      status: runTime,
    };
  }
  const latestByPolicy = new Map<string, ImageRef>();
  const observedPolicies: Record<string, ImageRef> = {};
  for (const p of selectedPolicies(automation, ctx.set.policies.values())) {
    const state = ctx.deps.state.get({
      kind: 'ImagePolicy',
      namespace: p.metadata.namespace,
      name: p.metadata.name,
    });
    const latest = state?.status.latestRef as ImageRef | undefined;
    if (!latest) continue;
    latestByPolicy.set(`${p.metadata.namespace}:${p.metadata.name}`, latest);
    observedPolicies[p.metadata.name] = latest;
  }
  const outcome = await ctx.deps.automation.run({
    automation,
    gitRepository,
    secrets: ctx.set.secrets,
    latestByPolicy,
    previous: ctx.prev.status,
  });
  if (outcome.kind !== 'ready') return { ending: outcome, status: runTime };
  const v = outcome.value;
  for (const w of v.warnings)
    ctx.deps.log.warn(
      { object: `${nsName(automation.metadata)}`, warning: w },
      'automation warning',
    );
  return {
    ending: { kind: 'ready', message: v.message },
    status: {
      ...runTime,
      observedPolicies,
      ...(v.observedSourceRevision ? { observedSourceRevision: v.observedSourceRevision } : {}),
      ...(v.pushedCommit ? { lastPushCommit: v.pushedCommit, lastPushTime: started } : {}),
      // Flux stalls on the removed `.Updated` fields; tagpilot renders them and says so here.
      ...(v.rendered ? { warnings: [...v.warnings] } : {}),
    },
    requeueAfterMs: automation.spec.interval.ms,
    ...(v.pushedCommit && v.pushedBranch
      ? { push: { commit: v.pushedCommit, branch: v.pushedBranch, message: v.commitMessage ?? '' } }
      : {}),
    syncNeeded: v.upToDate !== true,
  };
}
