// Replacing a file atomically: write a temporary file beside it, give it the original mode, rename.

import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// The temporary file sits beside the target, so the rename stays on one file system.
const tempName = (path: string): string =>
  join(dirname(path), `.${basename(path)}.tagpilot-${randomBytes(6).toString('hex')}`);

/** writeFileAtomic replaces path with content, keeping the file's permission bits. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const mode = (await stat(path)).mode & 0o7777;
  const tmp = tempName(path);
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
