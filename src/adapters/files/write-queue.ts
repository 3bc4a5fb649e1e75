// Writing many files in the background while the caller goes on reading and editing the next
// ones. Creating and renaming files is bound by the file system's journal, which takes several
// writes at once better than one after another: 16 run at a time on libuv's pool. (A writer
// thread making synchronous calls was measured slower: 1.2-1.5 s against 0.6-1.0 s for 1,000
// files; docs/performance.md.)

import { writeFileAtomic } from './write-atomic.ts';

/** WriteQueue replaces files atomically in the background; the last content queued for a path wins. */
export class WriteQueue {
  readonly #concurrency: number;
  readonly #tails = new Map<string, Promise<void>>();
  readonly #failed = new Map<string, unknown>();
  readonly #all: Promise<void>[] = [];
  #running = 0;
  #wake: (() => void)[] = [];

  constructor(concurrency = 16) {
    this.#concurrency = Math.max(1, concurrency);
  }

  /** add queues a write; a failure is recorded, not thrown. */
  add(path: string, content: string): void {
    const previous = this.#tails.get(path) ?? Promise.resolve();
    const next = previous.then(() => this.#write(path, content));
    this.#tails.set(path, next);
    this.#all.push(next);
  }

  async #write(path: string, content: string): Promise<void> {
    while (this.#running >= this.#concurrency) {
      await new Promise<void>((resolve) => this.#wake.push(resolve));
    }
    this.#running++;
    try {
      await writeFileAtomic(path, content);
      this.#failed.delete(path);
    } catch (err) {
      this.#failed.set(path, err);
    } finally {
      this.#running--;
      this.#wake.shift()?.();
    }
  }

  /** settled waits for every queued write and returns the paths that could not be written. */
  async settled(): Promise<ReadonlyMap<string, unknown>> {
    await Promise.all(this.#all);
    return this.#failed;
  }
}
