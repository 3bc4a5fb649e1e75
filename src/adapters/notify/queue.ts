// The delivery queue: a bounded FIFO per channel (one channel per Provider) kept in SQLite via
// node:sqlite, so alerts waiting on a receiver survive a restart. When full, the oldest entry
// goes first: a fresh alert is worth more than a stale one.
import { DatabaseSync } from 'node:sqlite';

/** QueuedItem is one pending delivery. */
export interface QueuedItem {
  seq: number;
  channel: string;
  alert: string;
  /** event is the prepared Event as JSON (alert metadata already merged). */
  event: string;
  commitStatus: string;
  attempts: number;
  nextAt: number;
  enqueuedAt: number;
  lastError: string;
}

/** NewItem is what enqueue needs. */
export type NewItem = Pick<QueuedItem, 'channel' | 'alert' | 'event' | 'commitStatus'>;

/** DeliveryQueue is the SQLite-backed store; use ':memory:' for a queue that need not persist. */
export class DeliveryQueue {
  readonly #db: DatabaseSync;
  readonly #max: number;
  #count: number;

  constructor(path: string, maxEntries = 1000) {
    this.#db = new DatabaseSync(path);
    this.#max = maxEntries;
    this.#db.exec(`PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS notify_queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL,
        alert TEXT NOT NULL,
        event TEXT NOT NULL,
        commit_status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL,
        enqueued_at INTEGER NOT NULL,
        last_error TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX IF NOT EXISTS notify_queue_channel ON notify_queue (channel, seq);`);
    // This process owns the file, so the count is kept in memory after one read.
    this.#count = Number(this.#db.prepare('SELECT COUNT(*) AS n FROM notify_queue').get()?.n ?? 0);
  }

  /** enqueue appends an item, evicting the oldest when full; returns the evicted items. */
  enqueue(item: NewItem, nowMs: number): { seq: number; evicted: QueuedItem[] } {
    const evicted: QueuedItem[] = [];
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const over = this.#count - this.#max + 1;
      if (over > 0) {
        const rows = this.#db.prepare('SELECT * FROM notify_queue ORDER BY seq LIMIT ?').all(over);
        for (const r of rows) evicted.push(toItem(r));
        this.#db
          .prepare(
            'DELETE FROM notify_queue WHERE seq IN (SELECT seq FROM notify_queue ORDER BY seq LIMIT ?)',
          )
          .run(over);
      }
      const res = this.#db
        .prepare(
          'INSERT INTO notify_queue (channel, alert, event, commit_status, next_at, enqueued_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(item.channel, item.alert, item.event, item.commitStatus, nowMs, nowMs);
      this.#db.exec('COMMIT');
      this.#count += 1 - evicted.length;
      return { seq: Number(res.lastInsertRowid), evicted };
    } catch (err) {
      this.#db.exec('ROLLBACK');
      throw err;
    }
  }

  /** head is the oldest item of a channel. */
  head(channel: string): QueuedItem | undefined {
    const row = this.#db
      .prepare('SELECT * FROM notify_queue WHERE channel = ? ORDER BY seq LIMIT 1')
      .get(channel);
    return row === undefined ? undefined : toItem(row);
  }

  /** channels lists channels with pending items, oldest first. */
  channels(): string[] {
    const rows = this.#db
      .prepare(
        'SELECT channel, MIN(seq) AS first FROM notify_queue GROUP BY channel ORDER BY first',
      )
      .all();
    return rows.map((r) => String(r.channel));
  }

  /** reschedule records a failed attempt. */
  reschedule(seq: number, attempts: number, nextAt: number, lastError: string): void {
    this.#db
      .prepare('UPDATE notify_queue SET attempts = ?, next_at = ?, last_error = ? WHERE seq = ?')
      .run(attempts, nextAt, lastError, seq);
  }

  /** remove deletes a delivered or abandoned item. */
  remove(seq: number): void {
    const res = this.#db.prepare('DELETE FROM notify_queue WHERE seq = ?').run(seq);
    this.#count -= Number(res.changes);
  }

  /** size is the number of pending items. */
  size(): number {
    return this.#count;
  }

  /** close releases the database. */
  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}

function toItem(r: Record<string, unknown>): QueuedItem {
  return {
    seq: Number(r.seq),
    channel: String(r.channel),
    alert: String(r.alert),
    event: String(r.event),
    commitStatus: String(r.commit_status),
    attempts: Number(r.attempts),
    nextAt: Number(r.next_at),
    enqueuedAt: Number(r.enqueued_at),
    lastError: String(r.last_error),
  };
}
