// The ImagePolicy reconciler (reflector.md §5.2): resolve the repository (with Flux's ACL rules),
// pick the latest tag from the stored tags, reflect its digest when asked, and say so in Flux's words.
import type { ImagePolicy, ImageRepository } from '../api/model.ts';
import { InvalidPolicyError, PolicyEvaluationError } from '../core/policy/errors.ts';
import type { PolicyExplain } from '../core/policy/explain.ts';
import { selectLatest } from '../core/policy/select.ts';
import { ImageReferenceError, parseRepositoryImage } from '../core/reference/parse.ts';
import type { ImageRef } from '../core/setters/result.ts';
import { type Outcome, ready, retry, stalled } from './outcome.ts';
import { compiledPolicy } from './policy-cache.ts';
import type { PortFailure } from './ports.ts';

/** ImagePolicyStatus is the part of status.* this reconciler owns. */
export interface ImagePolicyStatus {
  readonly latestRef?: ImageRef;
  readonly observedPreviousRef?: ImageRef;
}

/** PolicyResult is a successful reconcile: the new refs, Flux's Ready message and the explanation. */
export interface PolicyResult extends ImagePolicyStatus {
  readonly message: string;
  /** changed: latestRef differs from the previous one (an automation should run). */
  readonly changed: boolean;
  readonly requeueAfterMs?: number;
  readonly explain: PolicyExplain;
}

/** PolicyPorts are what the policy reconciler reads from the world. */
export interface PolicyPorts {
  /** storedTags returns the repository object's tags in stored (descending byte) order. */
  storedTags(repo: { namespace: string; name: string }): readonly string[];
  /** resolveDigest HEADs image:tag with the repository's credentials. */
  resolveDigest(repo: ImageRepository, tag: string, signal?: AbortSignal): Promise<string>;
}

/** PolicyContext is the object and its surroundings. */
export interface PolicyContext {
  readonly policy: ImagePolicy;
  readonly repository: ImageRepository | undefined;
  /** namespaceLabels are the labels of the policy's namespace, for accessFrom selectors. */
  readonly namespaceLabels: Readonly<Record<string, string>>;
  readonly noCrossNamespaceRefs: boolean;
  readonly previous: ImagePolicyStatus;
  readonly signal?: AbortSignal;
}

/** dependencyRequeueMs is Flux's --requeue-dependency default. */
export const dependencyRequeueMs = 30_000;

const refString = (r: ImageRef) => `${r.name}:${r.tag}${r.digest ? `@${r.digest}` : ''}`;
const sameRef = (a: ImageRef | undefined, b: ImageRef | undefined) =>
  a?.name === b?.name && a?.tag === b?.tag && (a?.digest ?? '') === (b?.digest ?? '');

/** readyMessage is Flux's composeImagePolicyReadyMessage. */
export function readyMessage(latest: ImageRef, previous: ImageRef | undefined): string {
  let m = `Latest image tag for ${latest.name} resolved to ${latest.tag}`;
  if (latest.digest) m += ` with digest ${latest.digest}`;
  if (previous && !sameRef(previous, latest)) m += ` (previously ${refString(previous)})`;
  return m;
}

function accessDenied(ctx: PolicyContext): string | undefined {
  const { policy, repository } = ctx;
  const ns = policy.spec.imageRepositoryRef.namespace;
  const name = policy.spec.imageRepositoryRef.name;
  if (ns === policy.metadata.namespace) return undefined;
  const prefix = 'failed to get the referred ImageRepository: ';
  if (ctx.noCrossNamespaceRefs) {
    return `${prefix}cannot access 'ImageRepository/${ns}/${name}', cross-namespace references have been blocked`;
  }
  const selectors = repository?.spec.accessFrom?.namespaceSelectors;
  if (!selectors)
    return `${prefix}access denied: '${ns}/${name}' can't be accessed due to missing ACL labels on 'accessFrom'`;
  const allowed = selectors.some((s) =>
    Object.entries(s.matchLabels).every(([k, v]) => ctx.namespaceLabels[k] === v),
  );
  return allowed
    ? undefined
    : `${prefix}access denied: '${ns}/${name}' can't be accessed due to ACL labels mismatch on namespace '${policy.metadata.namespace}'`;
}

/** reconcileImagePolicy runs one ImagePolicy reconcile. */
export async function reconcileImagePolicy(
  ctx: PolicyContext,
  ports: PolicyPorts,
): Promise<Outcome<PolicyResult>> {
  const { policy, repository } = ctx;
  const spec = policy.spec;
  if (spec.digestReflectionPolicy === 'Always' && !spec.interval) {
    return stalled(
      'IntervalNotConfigured',
      "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'",
    );
  }
  const repoRef = spec.imageRepositoryRef;
  if (
    !repository &&
    !(ctx.noCrossNamespaceRefs && repoRef.namespace !== policy.metadata.namespace)
  ) {
    return retry(
      'DependencyNotReady',
      `failed to get the referred ImageRepository: referenced ImageRepository does not exist: imagerepositories.image.toolkit.fluxcd.io "${repoRef.name}" not found`,
    );
  }
  const denied = accessDenied(ctx);
  if (denied) return retry('AccessDenied', denied);
  const repo = repository as ImageRepository;
  try {
    parseRepositoryImage(repo.spec.image);
  } catch (err) {
    if (err instanceof ImageReferenceError) return stalled('ImageURLInvalid', err.message);
    throw err;
  }

  let selection: ReturnType<typeof selectLatest>;
  try {
    const compiled = compiledPolicy(spec);
    const tags = ports.storedTags(repoRef);
    if (tags.length === 0) {
      return retry(
        'DependencyNotReady',
        `retrying in ${dependencyRequeueMs / 1000}s error: no tags in database`,
        dependencyRequeueMs,
      );
    }
    selection = selectLatest(compiled, tags);
  } catch (err) {
    if (err instanceof InvalidPolicyError) return stalled('InvalidPolicy', err.conditionMessage);
    if (err instanceof PolicyEvaluationError) return retry('Failure', err.message);
    throw err;
  }

  const previous = ctx.previous.latestRef;
  let latest: ImageRef = { name: repo.spec.image, tag: selection.tag };
  const mode = spec.digestReflectionPolicy;
  const needDigest =
    mode === 'Always' ||
    (mode === 'IfNotPresent' &&
      (!previous ||
        previous.name !== latest.name ||
        previous.tag !== latest.tag ||
        !previous.digest));
  if (needDigest) {
    try {
      latest = { ...latest, digest: await ports.resolveDigest(repo, selection.tag, ctx.signal) };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      // A rate-limited registry says when to come back; keep to it instead of our own backoff.
      const after = (err as PortFailure | undefined)?.retryAfterMs;
      return retry(
        'Failed',
        `failed fetching digest of ${latest.name}:${latest.tag}: ${why}`,
        after,
      );
    }
  } else if (mode === 'IfNotPresent' && previous?.digest) {
    latest = { ...latest, digest: previous.digest };
  }

  const changed = !sameRef(previous, latest);
  const observedPreviousRef = changed && previous ? previous : ctx.previous.observedPreviousRef;
  const result: PolicyResult = {
    latestRef: latest,
    ...(observedPreviousRef ? { observedPreviousRef } : {}),
    message: readyMessage(latest, observedPreviousRef),
    changed,
    explain: selection.explain,
    ...(mode === 'Always' && spec.interval ? { requeueAfterMs: spec.interval.ms } : {}),
  };
  return ready(result);
}
