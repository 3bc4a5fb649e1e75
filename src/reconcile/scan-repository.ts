// The ImageRepository scan step: list tags, drop excluded ones (RE2), store them per object, and
// compute what Flux reports: tagCount, the 10 latest tags (descending bytes) and the revision.

import { compileGoRegex, type GoRegex } from '../core/filter/regex.ts';
import { ImageReferenceError, parseRepositoryImage } from '../core/reference/parse.ts';
import { type Outcome, ready, retry, stalled } from './outcome.ts';
import type {
  Clock,
  ObjectKey,
  PortFailure,
  RegistryAccess,
  RegistryPort,
  TagStorePort,
} from './ports.ts';
import { RevisionBuilder } from './scan-revision.ts';

/** DEFAULT_EXCLUSION is Flux's exclusion list when spec.exclusionList is empty. */
export const DEFAULT_EXCLUSION: readonly string[] = ['^.*\\.sig$'];

/** LATEST_TAGS_COUNT is how many tags status.lastScanResult.latestTags holds. */
export const LATEST_TAGS_COUNT = 10;

/** ScanRepositoryInput is an ImageRepository reduced to what a scan needs (no API types). */
export interface ScanRepositoryInput {
  readonly object: ObjectKey;
  readonly image: string;
  readonly exclusionList?: readonly string[] | undefined;
  readonly insecure?: boolean | undefined;
  readonly access?: RegistryAccess | undefined;
  /** timeoutMs bounds the whole scan (Flux: spec.timeout, default = interval). */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** LastScanResult mirrors status.lastScanResult. */
export interface LastScanResult {
  readonly tagCount: number;
  /** scanTime is RFC 3339 with second precision. */
  readonly scanTime: string;
  readonly latestTags: readonly string[];
  readonly revision: string;
}

/** ScanRepositoryResult is what a successful scan writes to status. */
export interface ScanRepositoryResult {
  readonly canonicalImageName: string;
  readonly observedExclusionList: readonly string[];
  readonly lastScanResult: LastScanResult;
  /** message is Flux's Ready message: `successful scan: found N tags with checksum R`. */
  readonly message: string;
}

/** ScanPorts are the adapters the scan step uses. */
export interface ScanPorts {
  readonly registry: RegistryPort;
  readonly store: TagStorePort;
  readonly clock: Clock;
}

/** effectiveExclusionList is spec.exclusionList, or the default when it is empty. */
export function effectiveExclusionList(list: readonly string[] | undefined): readonly string[] {
  return list && list.length > 0 ? list : DEFAULT_EXCLUSION;
}

/** compileExclusions compiles every pattern first, failing with Flux's message on the first bad one. */
export function compileExclusions(patterns: readonly string[]): GoRegex[] {
  return patterns.map((p) => {
    try {
      return compileGoRegex(p);
    } catch (err) {
      throw new ExclusionError(`failed to compile regex ${p}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  });
}

/** ExclusionError reports an exclusionList entry that is not a valid RE2 pattern. */
export class ExclusionError extends Error {
  override readonly name = 'ExclusionError';
}

/** isExcluded is true when any pattern matches anywhere in the tag (unanchored, like Go). */
export function isExcluded(tag: string, patterns: readonly GoRegex[]): boolean {
  for (const p of patterns) if (p.test(tag)) return true;
  return false;
}

async function* withoutExcluded(
  source: AsyncIterable<readonly string[]>,
  patterns: readonly GoRegex[],
): AsyncGenerator<readonly string[]> {
  for await (const batch of source) {
    const kept = batch.filter((t) => !isExcluded(t, patterns));
    if (kept.length > 0) yield kept;
  }
}

/** formatScanTime renders RFC 3339 with second precision, as the Kubernetes API does. */
export function formatScanTime(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** scanRepository runs one scan; it never throws for bad input or registry failures. */
export async function scanRepository(
  input: ScanRepositoryInput,
  ports: ScanPorts,
): Promise<Outcome<ScanRepositoryResult>> {
  let ref: ReturnType<typeof parseRepositoryImage>;
  try {
    ref = parseRepositoryImage(input.image, { insecure: input.insecure === true });
  } catch (err) {
    if (err instanceof ImageReferenceError) return stalled('ImageURLInvalid', err.message);
    throw err;
  }
  const exclusions = effectiveExclusionList(input.exclusionList);
  let patterns: GoRegex[];
  try {
    patterns = compileExclusions(exclusions);
  } catch (err) {
    return stalled('ReadOperationFailed', `scan failed: ${(err as Error).message}`);
  }
  const signals: AbortSignal[] = [];
  if (input.signal) signals.push(input.signal);
  if (input.timeoutMs !== undefined && input.timeoutMs > 0)
    signals.push(AbortSignal.timeout(input.timeoutMs));
  const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
  const scanTime = ports.clock.now();
  try {
    const target = {
      registry: ref.registry,
      repository: ref.repository,
      insecure: input.insecure === true,
      scheme: ref.scheme,
      ...(input.timeoutMs !== undefined && input.timeoutMs > 0
        ? { deadline: Date.now() + input.timeoutMs }
        : {}),
      ...(input.access ? { access: input.access } : {}),
    };
    const source = ports.registry.listTags(target, signal);
    const count = await ports.store.replaceTags(
      input.object,
      withoutExcluded(source, patterns),
      scanTime,
    );
    const latestTags: string[] = [];
    const revision = new RevisionBuilder();
    for (const tag of ports.store.tagsDescending(input.object)) {
      if (latestTags.length < LATEST_TAGS_COUNT) latestTags.push(tag);
      revision.add(tag);
    }
    const rev = revision.revision();
    return ready({
      canonicalImageName: ref.canonicalName,
      observedExclusionList: [...exclusions],
      lastScanResult: {
        tagCount: count,
        scanTime: formatScanTime(scanTime),
        latestTags,
        revision: rev,
      },
      message: `successful scan: found ${count} tags with checksum ${rev}`,
    });
  } catch (err) {
    return failure(err, signal, input.timeoutMs);
  }
}

function failure(
  err: unknown,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): Outcome<never> {
  const f = (err ?? {}) as PortFailure & { message?: string; name?: string };
  if (
    signal?.aborted &&
    (f.name === 'TimeoutError' || f.kind === 'timeout' || f.name === 'AbortError')
  ) {
    return retry('ReadOperationFailed', `scan failed: timed out after ${(timeoutMs ?? 0) / 1000}s`);
  }
  const message = f.message ?? String(err);
  if (f.kind === 'config') {
    return retry('AuthenticationFailed', `failed to configure authentication options: ${message}`);
  }
  if (f.kind === 'rate-limited')
    return retry('ReadOperationFailed', `scan failed: ${message}`, f.retryAfterMs);
  return retry('ReadOperationFailed', `scan failed: ${message}`);
}
