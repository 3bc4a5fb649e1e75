// Resolving update.path inside a checkout without ever leaving it, lexically or through symlinks.

import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UpdatePathError } from './errors.ts';

/** isInside reports whether path equals root or lies below it (both absolute, normalised). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** ResolvedUpdatePath is update.path made real: the real root, the real target and its kind. */
export interface ResolvedUpdatePath {
  readonly realRoot: string;
  readonly target: string;
  readonly isDirectory: boolean;
}

/** resolveUpdatePath resolves updatePath under rootDir, refusing `..` and symlink escapes. */
export async function resolveUpdatePath(
  rootDir: string,
  updatePath: string,
): Promise<ResolvedUpdatePath> {
  const cleaned = updatePath === '' ? '.' : updatePath;
  if (isAbsolute(cleaned))
    throw new UpdatePathError(updatePath, 'must be relative to the repository root');
  const realRoot = await realpath(rootDir).catch((cause: unknown) => {
    throw new UpdatePathError(updatePath, `repository root ${rootDir} cannot be read`, { cause });
  });
  const lexical = resolve(realRoot, cleaned);
  if (!isInside(realRoot, lexical)) {
    throw new UpdatePathError(updatePath, 'escapes the repository root (via "..")');
  }
  const target = await realpath(join(realRoot, cleaned)).catch((cause: unknown) => {
    throw new UpdatePathError(updatePath, 'does not exist in the repository', { cause });
  });
  if (!isInside(realRoot, target)) {
    throw new UpdatePathError(updatePath, 'escapes the repository root through a symlink');
  }
  const info = await stat(target);
  return { realRoot, target, isDirectory: info.isDirectory() };
}
