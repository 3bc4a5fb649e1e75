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
 * writeFilesAtomic replaces many files, several at a time: creating and renaming files is bound by
 * the file system's journal, and overlapping the calls halves the wall time (docs/performance.md).
 * It returns the error of each file that could not be written; the others are still written.
 */
export async function writeFilesAtomic(
  files: readonly { readonly path: string; readonly content: string }[],
  opts: { readonly concurrency?: number; readonly signal?: AbortSignal } = {},
): Promise<Map<string, unknown>> {
  const failed = new Map<string, unknown>();
  // Two names for one file (a symlink inside the tree): the last content wins, as in order.
  const last = new Map(files.map((f) => [f.path, f.content]));
  const unique = [...last].map(([path, content]) => ({ path, content }));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const f = unique[next++] as (typeof unique)[number];
      opts.signal?.throwIfAborted();
      try {
        await writeFileAtomic(f.path, f.content);
      } catch (err) {
        failed.set(f.path, err);
      }
    }
  };
  const width = Math.max(1, Math.min(opts.concurrency ?? 16, unique.length));
  await Promise.all(Array.from({ length: width }, worker));
  return failed;
}

import { closeSync, fchmodSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
export function writeFileAtomicSync(path: string, content: string): void {
  const mode = statSync(path).mode & 0o7777;
  const tmp = join(dirname(path), `.${basename(path)}.tagpilot-${randomBytes(6).toString('hex')}`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode);
    const bytes = Buffer.from(content);
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
    fchmodSync(fd, mode);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
}
