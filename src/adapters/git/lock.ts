// One writer per key: an in-process queue plus a lock file shared by every process using the
// same state directory. The lock file is created complete (written aside, then hard-linked into
// place, which fails if it exists) and holds the owner's pid + start time, so a SIGKILLed owner
// is detected and its lock broken instead of blocking the next run forever.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GitError } from './errors.ts';
import {
  identityTag,
  isAlive,
  type ProcessIdentity,
  parseIdentityTag,
  selfIdentity,
} from './process-identity.ts';

/** LockHandle is a held lock. */
export interface LockHandle {
  /** stillHeld re-reads the lock file: false when another process broke it (fencing check). */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

interface LockContent extends ProcessIdentity {
  readonly token: string;
  readonly key: string;
  readonly since: string;
}

async function readContent(
  path: string,
): Promise<{ raw: string; content?: LockContent } | undefined> {
  try {
    const raw = await readFile(path, 'utf8');
    try {
      return { raw, content: JSON.parse(raw) as LockContent };
    } catch {
      return { raw };
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

/** FileLocks hands out exclusive locks by key inside `dir`, in-process and across processes. */
export class FileLocks {
  readonly #dir: string;
  readonly #local = new Map<string, Promise<void>>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** acquire waits for the lock `name` (a file-name-safe string) and returns its handle. */
  async acquire(
    name: string,
    opts: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<LockHandle> {
    // In-process: chain behind the previous holder so waiters are served in order.
    const previous = this.#local.get(name) ?? Promise.resolve();
    let releaseLocal!: () => void;
    const mine = new Promise<void>((r) => {
      releaseLocal = r;
    });
    const chained = previous.then(() => mine);
    this.#local.set(name, chained);
    try {
      await previous;
      const handle = await this.#acquireFile(name, opts);
      return {
        stillHeld: handle.stillHeld,
        release: async () => {
          try {
            await handle.release();
          } finally {
            if (this.#local.get(name) === chained) this.#local.delete(name);
            releaseLocal();
          }
        },
      };
    } catch (e) {
      if (this.#local.get(name) === chained) this.#local.delete(name);
      releaseLocal();
      throw e;
    }
  }

  async #acquireFile(
    name: string,
    opts: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<LockHandle> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const path = join(this.#dir, `${name}.lock`);
    const token = randomBytes(8).toString('hex');
    const content: LockContent = {
      ...selfIdentity(),
      token,
      key: name,
      since: new Date().toISOString(),
    };
    await this.#sweep();
    const tmp = join(this.#dir, `.${name}.${identityTag()}-${token}.tmp`);
    await writeFile(tmp, JSON.stringify(content), { mode: 0o600 });
    const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
    let wait = 5;
    try {
      for (;;) {
        if (opts.signal?.aborted) throw new GitError(`lock ${name}: aborted`, { kind: 'aborted' });
        try {
          await link(tmp, path);
          break;
        } catch (e) {
          if (code(e) !== 'EEXIST') throw e;
        }
        const holder = await readContent(path);
        if (holder === undefined) continue;
        if (holder.content === undefined || !isAlive(holder.content)) {
          await this.#breakStale(path, holder.raw, token);
          continue;
        }
        if (Date.now() > deadline)
          throw new GitError(
            `lock ${name}: still held by pid ${holder.content.pid} since ${holder.content.since}`,
            {
              kind: 'timeout',
            },
          );
        await sleep(wait + Math.random() * wait);
        wait = Math.min(wait * 2, 100);
      }
    } finally {
      await unlink(tmp).catch(() => {});
    }
    return {
      stillHeld: async () => (await readContent(path))?.content?.token === token,
      release: async () => {
        const now = await readContent(path);
        if (now?.content?.token === token) await unlink(path).catch(() => {});
      },
    };
  }

  // Removes temp and set-aside files of processes killed between creating and removing them.
  async #sweep(): Promise<void> {
    for (const n of await readdir(this.#dir)) {
      const m = /(?:^\..*\.|\.stale\.)(\d+-\d+)-[0-9a-f]+(?:\.tmp)?$/.exec(n);
      const owner = m === null ? undefined : parseIdentityTag(m[1]!);
      if (owner !== undefined && !isAlive(owner)) await unlink(join(this.#dir, n)).catch(() => {});
    }
  }

  // Moves the stale lock aside atomically; if what was moved turns out to be a fresh lock taken by
  // someone else in the meantime, it is put back.
  async #breakStale(path: string, staleRaw: string, token: string): Promise<void> {
    const aside = `${path}.stale.${identityTag()}-${token}`;
    try {
      await rename(path, aside);
    } catch (e) {
      if (code(e) === 'ENOENT') return;
      throw e;
    }
    const moved = await readContent(aside);
    if (moved !== undefined && moved.raw !== staleRaw) {
      await link(aside, path).catch(() => {});
    }
    await unlink(aside).catch(() => {});
  }
}
