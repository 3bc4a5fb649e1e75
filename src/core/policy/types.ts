/** SortOrder is the order of a numerical or alphabetical policy, as written in Flux manifests. */
export type SortOrder = 'asc' | 'desc';

/**
 * PolicyChoice is the `spec.policy` union of an ImagePolicy. Flux takes the first member set of
 * semver → alphabetical → numerical; the api layer reports manifests that set none or several.
 */
export type PolicyChoice =
  | { readonly kind: 'semver'; readonly range: string }
  | { readonly kind: 'numerical'; readonly order: SortOrder }
  | { readonly kind: 'alphabetical'; readonly order: SortOrder };

/** TagFilter is `spec.filterTags`: a Go RE2 pattern (unanchored) and a Go `Expand` template. */
export interface TagFilter {
  readonly pattern: string;
  readonly extract: string;
}
