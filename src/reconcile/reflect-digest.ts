// Digest reflection for an ImagePolicy's selected tag (digestReflectionPolicy Never / IfNotPresent /
// Always), by manifest HEAD, which Docker Hub does not count as a pull.

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

/** DigestReflectionPolicy is ImagePolicy spec.digestReflectionPolicy (empty means Never). */
export type DigestReflectionPolicy = 'Never' | 'IfNotPresent' | 'Always';

/** LatestRef mirrors ImagePolicy status.latestRef. */
export interface LatestRef {
  readonly name: string;
  readonly tag: string;
  /** digest is empty when not reflected. */
  readonly digest: string;
}

/** ReflectDigestInput is the selected tag plus the referenced ImageRepository's access settings. */
export interface ReflectDigestInput {
  readonly policy: DigestReflectionPolicy | '' | undefined;
  /** image is the ImageRepository's spec.image. */
  readonly image: string;
  readonly tag: string;
  readonly current?: LatestRef | undefined;
  readonly insecure?: boolean | undefined;
  readonly access?: RegistryAccess | undefined;
  readonly timeoutMs?: number | undefined;
  /** repository, when given, gets the observed digest recorded in the tag store. */
  readonly repository?: ObjectKey | undefined;
}

/** ReflectPorts are what digest reflection uses. */
export interface ReflectPorts {
  readonly registry: RegistryPort;
  readonly store?: TagStorePort;
  readonly clock: Clock;
}

/** needsDigestLookup applies Flux's rules for when to contact the registry. */
export function needsDigestLookup(
  input: Pick<ReflectDigestInput, 'policy' | 'image' | 'tag' | 'current'>,
): boolean {
  const policy = input.policy || 'Never';
  if (policy === 'Never') return false;
  if (policy === 'Always') return true;
  const c = input.current;
  return !c || c.name !== input.image || c.tag !== input.tag || c.digest === '';
}

/** reflectDigest returns the new status.latestRef. Unlike Flux, it honours spec.insecure. */
export async function reflectDigest(
  input: ReflectDigestInput,
  ports: ReflectPorts,
): Promise<Outcome<LatestRef>> {
  const base = { name: input.image, tag: input.tag };
  if (!needsDigestLookup(input)) {
    const keep = (input.policy || 'Never') !== 'Never' ? (input.current?.digest ?? '') : '';
    return ready({ ...base, digest: keep });
  }
  let ref: ReturnType<typeof parseRepositoryImage>;
  try {
    ref = parseRepositoryImage(input.image, { insecure: input.insecure === true });
  } catch (err) {
    if (err instanceof ImageReferenceError) return stalled('ImageURLInvalid', err.message);
    throw err;
  }
  const signal = input.timeoutMs ? AbortSignal.timeout(input.timeoutMs) : undefined;
  try {
    const head = await ports.registry.headDigest(
      {
        registry: ref.registry,
        repository: ref.repository,
        insecure: input.insecure === true,
        scheme: ref.scheme,
        ...(input.access ? { access: input.access } : {}),
      },
      input.tag,
      signal,
    );
    if (input.repository && ports.store) {
      ports.store.recordDigest(input.repository, input.tag, head.digest, ports.clock.now());
    }
    return ready({ ...base, digest: head.digest });
  } catch (err) {
    const f = (err ?? {}) as PortFailure & { message?: string };
    const message = `failed to fetch digest for ${input.image}:${input.tag}: ${f.message ?? String(err)}`;
    if (f.kind === 'config') return retry('AuthenticationFailed', message);
    return retry(
      'ReadOperationFailed',
      message,
      f.kind === 'rate-limited' ? f.retryAfterMs : undefined,
    );
  }
}
