// The tag store: tags per ImageRepository object (never per image, so tenants never share a list),
// with when each tag was first seen and the digests observed for it.

/** RepoKey names one ImageRepository object. */
export interface RepoKey {
  namespace: string;
  name: string;
}

/** DigestSighting is one digest observed for a tag. */
export interface DigestSighting {
  digest: string;
  firstSeen: Date;
  lastSeen: Date;
}

/** TagInfo is what the store knows about one tag. */
export interface TagInfo {
  tag: string;
  firstSeen: Date;
  digests: DigestSighting[];
}

/** TagBatches is a scan's tags, a batch at a time (may repeat tags; the store de-duplicates). */
export type TagBatches = AsyncIterable<readonly string[]> | Iterable<readonly string[]>;

/** TagStore is implemented by the SQLite store and the in-memory store; both pass contract.ts. */
export interface TagStore {
  /**
   * replaceTags makes the repository's tag set exactly the given tags. Tags already present keep
   * their first-seen time; new ones get seenAt; absent ones are removed with their digests.
   * Returns the number of distinct tags. Nothing changes if the batches throw.
   */
  replaceTags(repo: RepoKey, batches: TagBatches, seenAt: Date): Promise<number>;
  /** tagsDescending yields the tags in descending byte order (Flux's stored order). */
  tagsDescending(repo: RepoKey): Iterable<string>;
  /** tagCount is the number of stored tags (0 for an unknown repository). */
  tagCount(repo: RepoKey): number;
  /** tagInfo returns one tag's first-seen time and digests, or undefined. */
  tagInfo(repo: RepoKey, tag: string): TagInfo | undefined;
  /** recordDigest notes that a tag pointed at a digest at seenAt; false if the tag is unknown. */
  recordDigest(repo: RepoKey, tag: string, digest: string, seenAt: Date): boolean;
  /** deleteRepository forgets everything about one object (ImageRepository deleted). */
  deleteRepository(repo: RepoKey): void;
  /** repositories lists the objects that have tags (for garbage collection). */
  repositories(): RepoKey[];
  close(): void;
}
