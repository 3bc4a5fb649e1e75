// Finding the files the setters look at, as Flux does: a recursive walk in lexical (byte) order
// that does not follow directory symlinks, `.yaml`/`.yml`/`Kustomization` only, and only files
// containing the literal `"$imagepolicy"`. Unlike Flux, a file that cannot be read, or a symlink
// leading out of the repository, is skipped with a recorded problem instead of failing the run.

import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { screenToken } from '../../core/setters/marker.ts';
import type { SetterProblem } from '../../core/setters/result.ts';
import { isInside, type ResolvedUpdatePath } from './safe-path.ts';

/** DiscoveredFile is a screened candidate: its path relative to update.path and where to write it. */
export interface DiscoveredFile {
  readonly path: string;
  /** realPath is the file to read and replace (a symlink inside the root resolves to its target). */
  readonly realPath: string;
  readonly content: string;
}

/** Discovery is every screened file plus the files skipped with a problem. */
export interface Discovery {
  readonly files: DiscoveredFile[];
  readonly problems: SetterProblem[];
}

const token = Buffer.from(screenToken);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** isCandidate applies Flux's name rule: extension exactly .yaml/.yml, or the name Kustomization. */
export function isCandidate(name: string): boolean {
  const ext = extname(name);
  return ext === '.yaml' || ext === '.yml' || name === 'Kustomization';
}

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** discoverFiles walks a resolved update.path and reads every screened candidate. */
export async function discoverFiles(
  where: ResolvedUpdatePath,
  signal?: AbortSignal,
): Promise<Discovery> {
  const files: DiscoveredFile[] = [];
  const problems: SetterProblem[] = [];
  const base = where.isDirectory ? where.target : dirname(where.target);
  const problem = (path: string, message: string): void => {
    problems.push({ file: path, line: 0, column: 0, message });
  };

  const visitFile = async (abs: string, rel: string): Promise<void> => {
    let real = abs;
    try {
      const info = await lstat(abs);
      if (info.isSymbolicLink()) {
        real = await realpath(abs).catch(() => '');
        if (real === '') {
          problem(rel, 'symlink target does not exist; skipped');
          return;
        }
        if (!isInside(where.realRoot, real)) {
          problem(rel, 'symlink leads outside the repository root; skipped');
          return;
        }
        if (!(await lstat(real)).isFile()) return;
      } else if (!info.isFile()) return;
      const bytes = await readFile(real);
      if (!bytes.includes(token)) return;
      files.push({ path: rel, realPath: real, content: utf8.decode(bytes) });
    } catch (err) {
      problem(rel, `cannot be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const walk = async (dir: string, rel: string): Promise<void> => {
    signal?.throwIfAborted();
    let names: string[];
    try {
      names = (await readdir(dir)).sort(byBytes);
    } catch (err) {
      problem(
        rel || '.',
        `directory cannot be read: ${err instanceof Error ? err.message : String(err)}`,
      );
      return;
    }
    for (const name of names) {
      const abs = join(dir, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const info = await lstat(abs).catch(() => undefined);
      if (info?.isDirectory()) await walk(abs, childRel);
      else if (isCandidate(name)) await visitFile(abs, childRel);
    }
  };

  if (where.isDirectory) await walk(base, '');
  else if (isCandidate(basename(where.target)))
    await visitFile(where.target, basename(where.target));
  return { files, problems };
}
