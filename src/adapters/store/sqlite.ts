// SQLite TagStore on node:sqlite. A scan streams its tags into a temporary table (one short
// transaction per batch), then one transaction swaps the set: memory stays flat for any tag count.

import { DatabaseSync } from 'node:sqlite';
import type { RepoKey, TagBatches, TagInfo, TagStore } from './tag-store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS repos (
  id INTEGER PRIMARY KEY,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (namespace, name)
);
CREATE TABLE IF NOT EXISTS tags (
  repo INTEGER NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  PRIMARY KEY (repo, tag)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS digests (
  repo INTEGER NOT NULL,
  tag TEXT NOT NULL,
  digest TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  PRIMARY KEY (repo, tag, digest),
  FOREIGN KEY (repo, tag) REFERENCES tags(repo, tag) ON DELETE CASCADE
) WITHOUT ROWID;
`;

const PAGE = 2000;
const ROWS = 100; // tags per multi-row INSERT

/** SqliteTagStore persists tags in one SQLite file (or `:memory:`). */
export class SqliteTagStore implements TagStore {
  readonly #db: DatabaseSync;
  #stageSeq = 0;

  /** constructor opens (and creates) the database at path. */
  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    this.#db.exec(
      'PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;',
    );
    this.#db.exec(SCHEMA);
  }

  async replaceTags(repo: RepoKey, batches: TagBatches, seenAt: Date): Promise<number> {
    const stage = `stage_${++this.#stageSeq}`;
    const db = this.#db;
    db.exec(`CREATE TEMP TABLE ${stage} (tag TEXT PRIMARY KEY) WITHOUT ROWID`);
    try {
      const one = db.prepare(`INSERT OR IGNORE INTO temp.${stage} (tag) VALUES (?)`);
      const many = db.prepare(
        `INSERT OR IGNORE INTO temp.${stage} (tag) VALUES ${'(?),'.repeat(ROWS - 1)}(?)`,
      );
      for await (const batch of batches) {
        // Synchronous between BEGIN and COMMIT, so concurrent scans never interleave statements.
        db.exec('BEGIN');
        try {
          let i = 0;
          for (; i + ROWS <= batch.length; i += ROWS) many.run(...batch.slice(i, i + ROWS));
          for (; i < batch.length; i++) one.run(batch[i] as string);
          db.exec('COMMIT');
        } catch (err) {
          db.exec('ROLLBACK');
          throw err;
        }
      }
      db.exec('BEGIN IMMEDIATE');
      try {
        const count = Number(
          (db.prepare(`SELECT count(*) AS n FROM temp.${stage}`).get() as { n: number }).n,
        );
        const id = this.#repoId(repo, count > 0);
        if (id !== undefined) {
          db.prepare(
            `DELETE FROM tags WHERE repo = ? AND tag NOT IN (SELECT tag FROM temp.${stage})`,
          ).run(id);
          db.prepare(
            `INSERT OR IGNORE INTO tags (repo, tag, first_seen) SELECT ?, tag, ? FROM temp.${stage}`,
          ).run(id, seenAt.getTime());
          if (count === 0) db.prepare('DELETE FROM repos WHERE id = ?').run(id);
        }
        db.exec('COMMIT');
        return count;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      db.exec(`DROP TABLE IF EXISTS temp.${stage}`);
    }
  }

  *tagsDescending(repo: RepoKey): Iterable<string> {
    const id = this.#repoId(repo, false);
    if (id === undefined) return;
    // Keyset pages of plain arrays: fast, and memory stays flat however many tags there are.
    const first = this.#db.prepare('SELECT tag FROM tags WHERE repo = ? ORDER BY tag DESC LIMIT ?');
    const next = this.#db.prepare(
      'SELECT tag FROM tags WHERE repo = ? AND tag < ? ORDER BY tag DESC LIMIT ?',
    );
    first.setReturnArrays(true);
    next.setReturnArrays(true);
    let rows = first.all(id, PAGE) as unknown as [string][];
    while (rows.length > 0) {
      for (const r of rows) yield r[0];
      if (rows.length < PAGE) return;
      rows = next.all(id, (rows[rows.length - 1] as [string])[0], PAGE) as unknown as [string][];
    }
  }

  tagCount(repo: RepoKey): number {
    const id = this.#repoId(repo, false);
    if (id === undefined) return 0;
    return Number(
      (this.#db.prepare('SELECT count(*) AS n FROM tags WHERE repo = ?').get(id) as { n: number })
        .n,
    );
  }

  tagInfo(repo: RepoKey, tag: string): TagInfo | undefined {
    const id = this.#repoId(repo, false);
    if (id === undefined) return undefined;
    const row = this.#db
      .prepare('SELECT first_seen FROM tags WHERE repo = ? AND tag = ?')
      .get(id, tag) as { first_seen: number } | undefined;
    if (!row) return undefined;
    const digests = this.#db
      .prepare(
        'SELECT digest, first_seen, last_seen FROM digests WHERE repo = ? AND tag = ? ORDER BY first_seen, digest',
      )
      .all(id, tag) as Array<{ digest: string; first_seen: number; last_seen: number }>;
    return {
      tag,
      firstSeen: new Date(Number(row.first_seen)),
      digests: digests.map((d) => ({
        digest: d.digest,
        firstSeen: new Date(Number(d.first_seen)),
        lastSeen: new Date(Number(d.last_seen)),
      })),
    };
  }

  recordDigest(repo: RepoKey, tag: string, digest: string, seenAt: Date): boolean {
    const id = this.#repoId(repo, false);
    if (id === undefined) return false;
    const exists = this.#db
      .prepare('SELECT 1 AS x FROM tags WHERE repo = ? AND tag = ?')
      .get(id, tag);
    if (!exists) return false;
    const t = seenAt.getTime();
    this.#db
      .prepare(
        `INSERT INTO digests (repo, tag, digest, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (repo, tag, digest) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)`,
      )
      .run(id, tag, digest, t, t);
    return true;
  }

  deleteRepository(repo: RepoKey): void {
    this.#db
      .prepare('DELETE FROM repos WHERE namespace = ? AND name = ?')
      .run(repo.namespace, repo.name);
  }

  repositories(): RepoKey[] {
    const rows = this.#db
      .prepare('SELECT namespace, name FROM repos ORDER BY namespace, name')
      .all() as Array<{
      namespace: string;
      name: string;
    }>;
    return rows.map((r) => ({ namespace: r.namespace, name: r.name }));
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  #repoId(repo: RepoKey, create: boolean): number | undefined {
    const find = this.#db.prepare('SELECT id FROM repos WHERE namespace = ? AND name = ?');
    const row = find.get(repo.namespace, repo.name) as { id: number } | undefined;
    if (row) return Number(row.id);
    if (!create) return undefined;
    const res = this.#db
      .prepare('INSERT INTO repos (namespace, name) VALUES (?, ?)')
      .run(repo.namespace, repo.name);
    return Number(res.lastInsertRowid);
  }
}
