// The ImageRepository reconciler around the scan step: decides whether to scan now (Flux's
// shouldScan, reflector.md §3.2) and when to come back.
import type { ImageRepository } from '../api/model.ts';
import { ImageReferenceError, parseRepositoryImage } from '../core/reference/parse.ts';
import { type Outcome, ready, stalled } from './outcome.ts';
import type { RegistryAccess } from './ports.ts';
import {
  effectiveExclusionList,
  type ScanPorts,
  type ScanRepositoryResult,
  scanRepository,
} from './scan-repository.ts';

/** ImageRepositoryStatus is the part of status.* the scan writes. */
export interface ImageRepositoryStatus {
  readonly canonicalImageName?: string;
  readonly lastScanResult?: ScanRepositoryResult['lastScanResult'];
  readonly observedExclusionList?: readonly string[];
  readonly lastHandledReconcileAt?: string;
}

/** RepositoryResult is a reconcile that ended well: scanned now, or not yet due. */
export interface RepositoryResult {
  /** scan is set when a scan happened. */
  readonly scan?: ScanRepositoryResult;
  /** why says why a scan happened (Flux's `scanning: <reason>`), or why not. */
  readonly why: string;
  readonly message: string;
  readonly requeueAfterMs: number;
}

/** RepositoryContext is the object, its last status and the pending reconcile request. */
export interface RepositoryContext {
  readonly repository: ImageRepository;
  readonly previous: ImageRepositoryStatus;
  readonly requestedAt: string | undefined;
  readonly access?: RegistryAccess;
  readonly signal?: AbortSignal;
}

const sameSet = (a: readonly string[], b: readonly string[] | undefined) =>
  b !== undefined && a.length === b.length && a.every((x) => b.includes(x));

/** scanReason is Flux's shouldScan: the reason to scan now, or undefined plus the wait. */
export function scanReason(
  ctx: RepositoryContext,
  storedTagCount: number,
  now: Date,
): { reason: string } | { waitMs: number } {
  const { repository, previous } = ctx;
  const last = previous.lastScanResult;
  if (!last) return { reason: 'first scan' };
  if (ctx.requestedAt !== undefined && ctx.requestedAt !== previous.lastHandledReconcileAt) {
    return { reason: 'reconcile requested' };
  }
  const canonical = parseRepositoryImage(repository.spec.image, {
    insecure: repository.spec.insecure,
  }).canonicalName;
  if (canonical !== previous.canonicalImageName) return { reason: 'new image name' };
  if (
    !sameSet(effectiveExclusionList(repository.spec.exclusionList), previous.observedExclusionList)
  ) {
    return { reason: 'updated exclusion list' };
  }
  if (storedTagCount === 0) return { reason: 'no tags in database' };
  const remaining = repository.spec.interval.ms - (now.getTime() - Date.parse(last.scanTime));
  if (remaining < 1000) return { reason: 'triggered by interval' };
  return { waitMs: remaining };
}

/** reconcileImageRepository scans when due and says when to come back. */
export async function reconcileImageRepository(
  ctx: RepositoryContext,
  ports: ScanPorts,
): Promise<Outcome<RepositoryResult>> {
  const spec = ctx.repository.spec;
  let decision: ReturnType<typeof scanReason>;
  try {
    decision = scanReason(ctx, ports.store.tagCount(ctx.repository.metadata), ports.clock.now());
  } catch (err) {
    if (err instanceof ImageReferenceError) return stalled('ImageURLInvalid', err.message);
    throw err;
  }
  if ('waitMs' in decision) {
    const last = ctx.previous.lastScanResult;
    return ready({
      why: 'not due',
      message: `successful scan: found ${last?.tagCount ?? 0} tags with checksum ${last?.revision ?? ''}`,
      requeueAfterMs: decision.waitMs,
    });
  }
  const outcome = await scanRepository(
    {
      object: ctx.repository.metadata,
      image: spec.image,
      exclusionList: spec.exclusionList,
      insecure: spec.insecure,
      access: ctx.access,
      timeoutMs: spec.timeout.ms,
      signal: ctx.signal,
    },
    ports,
  );
  if (outcome.kind !== 'ready') return outcome;
  return ready({
    scan: outcome.value,
    why: decision.reason,
    message: outcome.value.message,
    requeueAfterMs: spec.interval.ms,
  });
}
