// ObjectStateStore on node:sqlite: one row per object, replaced in a single statement, so a
// crash leaves either the old state or the new one (WAL journal, synchronous=NORMAL).
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ObjectRef, ObjectState, ObjectStateStore } from './object-state.ts';

const schema = `
CREATE TABLE IF NOT EXISTS objects (
  kind TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (kind, namespace, name)
) WITHOUT ROWID;
`;

/** SqliteObjectStateStore persists object state in one SQLite file (or `:memory:`). */
export class SqliteObjectStateStore implements ObjectStateStore {
  readonly #db: DatabaseSync;
  readonly #get: StatementSync;
  readonly #put: StatementSync;
  readonly #delete: StatementSync;

  /** constructor opens (and creates) the database at path. */
  constructor(path: string) {
    this.#db = new DatabaseSync(path);
    this.#db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;',
    );
    this.#db.exec(schema);
    this.#get = this.#db.prepare(
      'SELECT state FROM objects WHERE kind = ? AND namespace = ? AND name = ?',
    );
    this.#put = this.#db.prepare(
      'INSERT OR REPLACE INTO objects (kind, namespace, name, state) VALUES (?, ?, ?, ?)',
    );
    this.#delete = this.#db.prepare(
      'DELETE FROM objects WHERE kind = ? AND namespace = ? AND name = ?',
    );
  }

  get(ref: ObjectRef): ObjectState | undefined {
    const row = this.#get.get(ref.kind, ref.namespace, ref.name) as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as ObjectState) : undefined;
  }

  put(ref: ObjectRef, state: ObjectState): void {
    this.#put.run(ref.kind, ref.namespace, ref.name, JSON.stringify(state));
  }

  delete(ref: ObjectRef): void {
    this.#delete.run(ref.kind, ref.namespace, ref.name);
  }

  list(kind?: string): { ref: ObjectRef; state: ObjectState }[] {
    const rows = (
      kind === undefined
        ? this.#db
            .prepare(
              'SELECT kind, namespace, name, state FROM objects ORDER BY kind, namespace, name',
            )
            .all()
        : this.#db
            .prepare(
              'SELECT kind, namespace, name, state FROM objects WHERE kind = ? ORDER BY namespace, name',
            )
            .all(kind)
    ) as { kind: string; namespace: string; name: string; state: string }[];
    return rows.map((r) => ({
      ref: { kind: r.kind, namespace: r.namespace, name: r.name },
      state: JSON.parse(r.state) as ObjectState,
    }));
  }

  close(): void {
    this.#db.close();
  }
}
