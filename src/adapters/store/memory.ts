// In-memory TagStore: for the CLI's one-off scans and for tests of the reconcile step.

import { compareBytes } from '../../core/policy/compare-bytes.ts';
import type { RepoKey, TagBatches, TagInfo, TagStore } from './tag-store.ts';

interface Entry {
  firstSeen: number;
  digests: Map<string, { firstSeen: number; lastSeen: number }>;
}

const keyOf = (r: RepoKey): string => `${r.namespace}\u0000${r.name}`;

/** MemoryTagStore keeps everything in Maps; it passes the same contract as the SQLite store. */
export class MemoryTagStore implements TagStore {
  readonly #repos = new Map<string, { repo: RepoKey; tags: Map<string, Entry> }>();

  async replaceTags(repo: RepoKey, batches: TagBatches, seenAt: Date): Promise<number> {
    const incoming = new Set<string>();
    for await (const batch of batches) for (const t of batch) incoming.add(t);
    const old = this.#repos.get(keyOf(repo))?.tags ?? new Map<string, Entry>();
    const next = new Map<string, Entry>();
    for (const t of incoming) {
      next.set(t, old.get(t) ?? { firstSeen: seenAt.getTime(), digests: new Map() });
    }
    if (next.size === 0) this.#repos.delete(keyOf(repo));
    else this.#repos.set(keyOf(repo), { repo: { ...repo }, tags: next });
    return next.size;
  }

  *tagsDescending(repo: RepoKey): Iterable<string> {
    const tags = [...(this.#repos.get(keyOf(repo))?.tags.keys() ?? [])];
    tags.sort((a, b) => compareBytes(b, a));
    yield* tags;
  }

  tagCount(repo: RepoKey): number {
    return this.#repos.get(keyOf(repo))?.tags.size ?? 0;
  }

  tagInfo(repo: RepoKey, tag: string): TagInfo | undefined {
    const e = this.#repos.get(keyOf(repo))?.tags.get(tag);
    if (!e) return undefined;
    const digests = [...e.digests].map(([digest, d]) => ({
      digest,
      firstSeen: new Date(d.firstSeen),
      lastSeen: new Date(d.lastSeen),
    }));
    digests.sort(
      (a, b) => a.firstSeen.getTime() - b.firstSeen.getTime() || compareBytes(a.digest, b.digest),
    );
    return { tag, firstSeen: new Date(e.firstSeen), digests };
  }

  recordDigest(repo: RepoKey, tag: string, digest: string, seenAt: Date): boolean {
    const e = this.#repos.get(keyOf(repo))?.tags.get(tag);
    if (!e) return false;
    const d = e.digests.get(digest);
    const t = seenAt.getTime();
    if (d) d.lastSeen = Math.max(d.lastSeen, t);
    else e.digests.set(digest, { firstSeen: t, lastSeen: t });
    return true;
  }

  deleteRepository(repo: RepoKey): void {
    this.#repos.delete(keyOf(repo));
  }

  repositories(): RepoKey[] {
    return [...this.#repos.values()].map((v) => ({ ...v.repo }));
  }

  close(): void {
    this.#repos.clear();
  }
}
