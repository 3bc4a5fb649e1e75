// Replacing a file atomically: write a temporary file beside it, give it the original mode, rename.

import { randomBytes } from 'node:crypto';
import { chmod, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** writeFileAtomic replaces path with content, keeping the file's permission bits. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const mode = (await stat(path)).mode & 0o7777;
  const tmp = join(dirname(path), `.${basename(path)}.tagpilot-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(tmp, content, { mode, flag: 'wx' });
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
