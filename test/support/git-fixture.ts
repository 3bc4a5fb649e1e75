// Shared helpers of the git adapter tests: numbered bare repositories, a remote opened for one
// callback, file-setting apply steps and server-side hooks.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRemote, type GitRemoteOptions } from '../../src/adapters/git/remote.ts';
import type { Apply } from '../../src/reconcile/git-write-back.ts';
import { createBareRepo, tempDir } from './git-servers.ts';
import { applyUpdate } from './git-writer.ts';

/** bot is the commit identity used by the tests. */
export const bot = { name: 'Flux Bot', email: 'bot@example.com' };

let repoCount = 0;

/** newRepo creates a numbered bare repository below root (null files: an empty repository). */
export function newRepo(
  root: string,
  files: Record<string, string> | null = { 'app.yaml': 'image: app:1\n' },
): string {
  const name = `r${++repoCount}-${process.pid}.git`;
  createBareRepo(root, name, files ?? undefined);
  return name;
}

/** withRemote opens a GitRemote (fresh state dir unless given), runs fn and closes it. */
export async function withRemote<T>(
  opts: Omit<GitRemoteOptions, 'stateDir'> & { stateDir?: string },
  fn: (r: GitRemote) => Promise<T>,
): Promise<T> {
  const remote = await GitRemote.open({
    stateDir: opts.stateDir ?? tempDir('tagpilot-state-'),
    ...opts,
  });
  try {
    return await fn(remote);
  } finally {
    await remote.close();
  }
}

/** setFile is an apply step that reports no file list, so the commit scans the whole worktree. */
export function setFile(file: string, content: string): Apply {
  return async (dir: string) => {
    const { changed, message } = applyUpdate(dir, { file, content });
    return { changed, message };
  };
}

/** hook installs a pre-receive hook script in the bare repository root/name. */
export function hook(root: string, name: string, script: string): void {
  const p = join(root, name, 'hooks', 'pre-receive');
  writeFileSync(p, `#!/bin/sh\n${script}\n`);
  chmodSync(p, 0o755);
}
