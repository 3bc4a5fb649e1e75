// Ports: what the reconcile steps need from the world, as small interfaces the adapters implement.

/** ObjectKey names one namespaced object. */
export interface ObjectKey {
  readonly namespace: string;
  readonly name: string;
}

/** SecretData is a Kubernetes Secret resolved to decoded strings; name is `<ns>/<name>`. */
export interface SecretData {
  readonly name: string;
  readonly type: string;
  readonly data: Readonly<Record<string, string>>;
}

/** RegistryAccess is how to reach a registry: pull secrets, certSecretRef, proxySecretRef, provider. */
export interface RegistryAccess {
  readonly pullSecrets?: readonly SecretData[];
  readonly certSecret?: SecretData;
  readonly proxySecret?: SecretData;
  readonly provider?: 'generic' | 'aws' | 'gcp' | 'azure';
}

/** RegistryTarget is one repository on one registry, with how to reach it. */
export interface RegistryTarget {
  readonly registry: string;
  readonly repository: string;
  /** insecure (spec.insecure) means plain HTTP only. */
  readonly insecure: boolean;
  /** scheme is the reference parser's; `http` on a local/private host means HTTPS, then HTTP. */
  readonly scheme?: 'http' | 'https';
  readonly access?: RegistryAccess;
  /**
   * deadline (epoch ms) is when the caller gives up; a host cool-down lasting past it ends the
   * call at once with a rate-limited error carrying retryAfterMs, instead of a timeout.
   */
  readonly deadline?: number;
}

/**
 * RegistryPort lists tags and reads digests. Errors it throws may carry `kind` (see
 * PortFailure) so steps can tell configuration errors from transient ones.
 */
export interface RegistryPort {
  /** listTags yields tags in registry order, a batch at a time; tags may repeat. */
  listTags(target: RegistryTarget, signal?: AbortSignal): AsyncIterable<readonly string[]>;
  /** headDigest returns the digest a tag points at (HEAD: free of Docker Hub pull limits). */
  headDigest(
    target: RegistryTarget,
    tag: string,
    signal?: AbortSignal,
  ): Promise<{ digest: string; mediaType: string }>;
}

/** PortFailure is the part of an adapter error steps read (duck-typed, never required). */
export interface PortFailure {
  readonly kind?: string;
  readonly retryAfterMs?: number;
}

/** TagBatchSource is a scan's tags a batch at a time. */
export type TagBatchSource = AsyncIterable<readonly string[]> | Iterable<readonly string[]>;

/** TagStorePort is the part of the tag store the scan step uses. */
export interface TagStorePort {
  replaceTags(repo: ObjectKey, batches: TagBatchSource, seenAt: Date): Promise<number>;
  tagsDescending(repo: ObjectKey): Iterable<string>;
  tagCount(repo: ObjectKey): number;
  recordDigest(repo: ObjectKey, tag: string, digest: string, seenAt: Date): boolean;
}

/** Clock tells the time (tests pass a fixed one). */
export interface Clock {
  now(): Date;
}
