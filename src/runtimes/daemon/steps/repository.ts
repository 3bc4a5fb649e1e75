// ImageRepository step: resolve credentials, scan when due, and trigger the policies that read it.

import type { ObjectRef } from '../../../adapters/store/object-state.ts';
import type { ImageRepository } from '../../../api/model.ts';
import {
  type ImageRepositoryStatus,
  reconcileImageRepository,
} from '../../../reconcile/image-repository.ts';
import type { StepContext, StepResult } from '../engine-types.ts';
import { MissingSecretError, registryAccess } from '../registry-access.ts';

/** repositoryStep reconciles one ImageRepository. */
export async function repositoryStep(repo: ImageRepository, ctx: StepContext): Promise<StepResult> {
  let access: ReturnType<typeof registryAccess>;
  try {
    access = registryAccess(repo, ctx.set.secrets);
  } catch (err) {
    if (!(err instanceof MissingSecretError)) throw err;
    return {
      ending: {
        kind: 'retry',
        reason: 'AuthenticationFailed',
        message: `failed to configure authentication options: ${err.message}`,
      },
      status: {},
    };
  }
  const previous = ctx.prev.status as ImageRepositoryStatus;
  const outcome = await reconcileImageRepository(
    { repository: repo, previous, requestedAt: ctx.prev.requestedAt, access },
    { registry: ctx.deps.registry, store: ctx.deps.tags, clock: ctx.deps.clock },
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
  const { scan } = outcome.value;
  const triggers: ObjectRef[] = [];
  if (scan && scan.lastScanResult.revision !== previous.lastScanResult?.revision) {
    for (const p of ctx.set.policies.values()) {
      const r = p.spec.imageRepositoryRef;
      if (r.name === repo.metadata.name && r.namespace === repo.metadata.namespace) {
        triggers.push({
          kind: 'ImagePolicy',
          namespace: p.metadata.namespace,
          name: p.metadata.name,
        });
      }
    }
  }
  return {
    ending: { kind: 'ready', message: outcome.value.message },
    status: scan
      ? {
          canonicalImageName: scan.canonicalImageName,
          lastScanResult: scan.lastScanResult,
          observedExclusionList: scan.observedExclusionList,
        }
      : {},
    requeueAfterMs: outcome.value.requeueAfterMs,
    triggers,
  };
}
