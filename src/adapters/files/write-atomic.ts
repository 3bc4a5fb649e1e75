// Replacing a file atomically: write a temporary file beside it, give it the original mode, rename.

import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** writeFileAtomic replaces path with content, keeping the file's permission bits. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const mode = (await stat(path)).mode & 0o7777;
  const tmp = join(dirname(path), `.${basename(path)}.tagpilot-${randomBytes(6).toString('hex')}`);
  try {
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.writeFile(content);
      // The umask may have narrowed the mode given to open.
      await fh.chmod(mode);
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * WriteQueue replaces files atomically in the background, several at a time, while the caller
 * goes on (reading and editing the next files): creating and renaming files is bound by the file
 * system's journal, and overlapping it with the CPU work shortens a run (docs/performance.md).
 * Writes to one path keep their order, so the last content queued for a file wins.
 */
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
