// Object state the daemon keeps between restarts: each object's Flux-shaped status, the
// generation it has reached (bumped when its spec changes), and what the CLI asked for.

/** ObjectRef names one object of one kind. */
export interface ObjectRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** ObjectState is everything remembered about one object. */
export interface ObjectState {
  /** generation counts spec changes, like metadata.generation (starts at 1). */
  readonly generation: number;
  /** specHash identifies the spec the generation belongs to. */
  readonly specHash: string;
  /** status is the Flux-shaped status object (conditions, lastScanResult, latestRef, …). */
  readonly status: Readonly<Record<string, unknown>>;
  /** requestedAt is the pending `reconcile.fluxcd.io/requestedAt` value set by the CLI. */
  readonly requestedAt?: string;
  /** suspended is the CLI's `suspend`/`resume` override; absent means "as the manifest says". */
  readonly suspended?: boolean;
}

/** ObjectStateStore persists ObjectState; implementations pass object-state-contract.ts. */
export interface ObjectStateStore {
  get(ref: ObjectRef): ObjectState | undefined;
  /** put replaces the state of one object atomically. */
  put(ref: ObjectRef, state: ObjectState): void;
  delete(ref: ObjectRef): void;
  /** list returns every stored object, optionally of one kind, sorted by kind/namespace/name. */
  list(kind?: string): { ref: ObjectRef; state: ObjectState }[];
  close(): void;
}

/** refKey renders a ref as `Kind/namespace/name`. */
export function refKey(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}
