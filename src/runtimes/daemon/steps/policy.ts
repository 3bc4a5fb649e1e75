// ImagePolicy step: pick the latest tag from the stored tags and run the automations that use it.

import type { ObjectRef } from '../../../adapters/store/object-state.ts';
import type { ImagePolicy, ImageRepository, ImageUpdateAutomation } from '../../../api/model.ts';
import { parseRepositoryImage } from '../../../core/reference/parse.ts';
import { type ImagePolicyStatus, reconcileImagePolicy } from '../../../reconcile/image-policy.ts';
import type { StepContext, StepResult } from '../engine-types.ts';
import { nsName } from '../object-set.ts';
import { registryAccess } from '../registry-access.ts';
import { selectorMatches } from '../selector.ts';

/** policyStep reconciles one ImagePolicy. */
export async function policyStep(policy: ImagePolicy, ctx: StepContext): Promise<StepResult> {
  const repository = ctx.set.repositories.get(nsName(policy.spec.imageRepositoryRef));
  const previous = ctx.prev.status as ImagePolicyStatus;
  const outcome = await reconcileImagePolicy(
    {
      policy,
      repository,
      namespaceLabels: {},
      noCrossNamespaceRefs: ctx.opts.noCrossNamespaceRefs,
      previous,
    },
    {
      storedTags: (repo) => [...ctx.deps.tags.tagsDescending(repo)],
      resolveDigest: (repo, tag, signal) => resolveDigest(repo, tag, ctx, signal),
    },
  );
  if (outcome.kind !== 'ready') {
    return {
      ending: outcome,
      status: {},
      ...(outcome.kind === 'retry' && outcome.afterMs !== undefined
        ? { requeueAfterMs: outcome.afterMs }
        : {}),
    };
  }
  const v = outcome.value;
  const triggers: ObjectRef[] = v.changed
    ? automationsUsing(policy, ctx.set.automations.values())
    : [];
  return {
    ending: { kind: 'ready', message: v.message },
    status: {
      ...(v.latestRef ? { latestRef: v.latestRef } : {}),
      ...(v.observedPreviousRef ? { observedPreviousRef: v.observedPreviousRef } : {}),
    },
    ...(v.requeueAfterMs !== undefined ? { requeueAfterMs: v.requeueAfterMs } : {}),
    triggers,
  };
}

async function resolveDigest(
  repo: ImageRepository,
  tag: string,
  ctx: StepContext,
  signal?: AbortSignal,
): Promise<string> {
  const ref = parseRepositoryImage(repo.spec.image, { insecure: repo.spec.insecure });
  const head = await ctx.deps.registry.headDigest(
    {
      registry: ref.registry,
      repository: ref.repository,
      insecure: repo.spec.insecure,
      scheme: ref.scheme,
      access: registryAccess(repo, ctx.set.secrets),
    },
    tag,
    signal ?? AbortSignal.timeout(repo.spec.timeout.ms),
  );
  ctx.deps.tags.recordDigest(repo.metadata, tag, head.digest, ctx.deps.clock.now());
  return head.digest;
}

/** automationsUsing lists the automations in the policy's namespace whose selector matches it. */
export function automationsUsing(
  policy: ImagePolicy,
  automations: Iterable<ImageUpdateAutomation>,
): ObjectRef[] {
  const out: ObjectRef[] = [];
  for (const a of automations) {
    if (a.metadata.namespace !== policy.metadata.namespace) continue;
    if (a.spec.policySelector && !selectorMatches(a.spec.policySelector, policy.metadata.labels))
      continue;
    out.push({
      kind: 'ImageUpdateAutomation',
      namespace: a.metadata.namespace,
      name: a.metadata.name,
    });
  }
  return out;
}
