// What one reconcile step concluded, in the shape every runtime (daemon, controller, CLI) acts on.

/** Ready: the step succeeded; value is what it produced. */
export interface Ready<T> {
  readonly kind: 'ready';
  readonly value: T;
}

/** Stalled: retrying cannot help until the object (or its inputs) change. */
export interface Stalled {
  readonly kind: 'stalled';
  /** reason is a Flux condition reason, e.g. ImageURLInvalid. */
  readonly reason: string;
  readonly message: string;
}

/** Retry: a transient failure; try again after afterMs (undefined: the runtime's own back-off). */
export interface Retry {
  readonly kind: 'retry';
  readonly reason: string;
  readonly message: string;
  readonly afterMs: number | undefined;
}

/** Outcome is `ready | stalled | retry(after)`. */
export type Outcome<T> = Ready<T> | Stalled | Retry;

/** ready builds a Ready outcome. */
export function ready<T>(value: T): Ready<T> {
  return { kind: 'ready', value };
}

/** stalled builds a Stalled outcome. */
export function stalled(reason: string, message: string): Stalled {
  return { kind: 'stalled', reason, message };
}

/** retry builds a Retry outcome. */
export function retry(reason: string, message: string, afterMs?: number): Retry {
  return { kind: 'retry', reason, message, afterMs };
}
