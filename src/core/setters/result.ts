// The setters result model, shaped like Flux's update.Result but deterministic:
// files sorted by path, objects and changes in document order.

/** ObjectIdentifier names the top-level YAML document a change happened in (empty when absent). */
export interface ObjectIdentifier {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/** Change is one marked value rewritten; setter is the full marker name, e.g. `ns:policy:tag`. */
export interface Change {
  readonly oldValue: string;
  readonly newValue: string;
  readonly setter: string;
}

/** ObjectChanges is the ordered list of changes made inside one object of one file. */
export interface ObjectChanges {
  readonly object: ObjectIdentifier;
  readonly changes: readonly Change[];
}

/** FileChanges is every change made in one file, keyed by its path relative to update.path. */
export interface FileChanges {
  readonly file: string;
  readonly objects: readonly ObjectChanges[];
}

/** ImageRef is an ImagePolicy's latest image: Flux's status.latestRef. */
export interface ImageRef {
  readonly name: string;
  readonly tag: string;
  readonly digest?: string;
}
