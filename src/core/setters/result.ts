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

/** IgnoredReason says why a marker was found but not applied. */
export type IgnoredReason =
  /** the policy is not in the set of policies in scope (unknown, other namespace, no latest image). */
  | 'policy-not-in-scope'
  /** the setter suffix is not one of tag, name, digest. */
  | 'unknown-setter'
  /** the marker comment is not attached to a scalar the way Flux reads markers. */
  | 'not-attached'
  /** the comment mentions "$imagepolicy" but is not exactly one JSON object of strings. */
  | 'malformed'
  /** the marked value sits under a key that appears earlier in the same mapping; Flux reads only the first. */
  | 'duplicate-key';

/** IgnoredMarker is a `$imagepolicy` marker that was found but did not set anything. */
export interface IgnoredMarker {
  readonly file: string;
  /** line is 1-based, column is 1-based, both of the marker comment. */
  readonly line: number;
  readonly column: number;
  readonly setter: string;
  readonly reason: IgnoredReason;
  /** detail is a human explanation, e.g. "excluded by policySelector". */
  readonly detail: string;
}

/** SetterProblem is a file (or one marker in it) that could not be processed; other files go on. */
export interface SetterProblem {
  readonly file: string;
  /** line and column are 1-based; 0 when the problem concerns the whole file. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** SettersResult is the outcome of applying setters to a set of files. */
export interface SettersResult {
  /** fileChanges lists every changed file, sorted by path; changes in document order. */
  readonly fileChanges: readonly FileChanges[];
  readonly ignored: readonly IgnoredMarker[];
  readonly problems: readonly SetterProblem[];
}
