// Finding the files the setters look at, as Flux does: a recursive walk in lexical (byte) order
// that does not follow directory symlinks, `.yaml`/`.yml`/`Kustomization` only, and only files
// containing the literal `"$imagepolicy"`. Unlike Flux, a file that cannot be read, or a symlink
// leading out of the repository, is skipped with a recorded problem instead of failing the run.

import {
  closeSync,
  type Dirent,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
} from 'node:fs';
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

function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return '';
  }
}

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

// Reads a whole file into a buffer reused across files (most files are only screened for the
// token, so they need no copy of their own); grows it for a larger file.
class FileReader {
  #buf = Buffer.allocUnsafe(1 << 16);

  read(path: string): Buffer {
    const fd = openSync(path, 'r');
    try {
      let len = 0;
      for (;;) {
        if (len === this.#buf.length) {
          const bigger = Buffer.allocUnsafe(this.#buf.length * 2);
          this.#buf.copy(bigger);
          this.#buf = bigger;
        }
        const n = readSync(fd, this.#buf, len, this.#buf.length - len, null);
        if (n === 0) break;
        len += n;
      }
      return this.#buf.subarray(0, len);
    } finally {
      closeSync(fd);
    }
  }
}

// Reading is synchronous (a small file costs far less than an async round trip); the walk yields
// to the event loop every this many files so a large checkout does not starve other work, and
// so the background writes of files already edited make progress.
const yieldEvery = 32;

/** discoverFiles walks a resolved update.path and reads every screened candidate; onFile sees each as it is read. */
export async function discoverFiles(
  where: ResolvedUpdatePath,
  signal?: AbortSignal,
  onFile?: (file: DiscoveredFile) => void,
): Promise<Discovery> {
  const reader = new FileReader();
  const problems: SetterProblem[] = [];
  const base = where.isDirectory ? where.target : dirname(where.target);
  const problem = (path: string, message: string): void => {
    problems.push({ file: path, line: 0, column: 0, message });
  };
  const candidates: { abs: string; rel: string; symlink: boolean }[] = [];

  const walk = (dir: string, rel: string): void => {
    signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problem(
        rel || '.',
        `directory cannot be read: ${err instanceof Error ? err.message : String(err)}`,
      );
      return;
    }
    entries.sort((a, b) => byBytes(a.name, b.name));
    for (const e of entries) {
      const abs = join(dir, e.name);
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      // Like Go's filepath.Walk, a symlink to a directory is not walked into.
      if (e.isDirectory()) walk(abs, childRel);
      else if ((e.isFile() || e.isSymbolicLink()) && isCandidate(e.name)) {
        candidates.push({ abs, rel: childRel, symlink: e.isSymbolicLink() });
      }
    }
  };

  const read = (c: { abs: string; rel: string; symlink: boolean }): DiscoveredFile | undefined => {
    let real = c.abs;
    try {
      if (c.symlink) {
        real = realTarget(c.abs);
        if (real === '') {
          problem(c.rel, 'symlink target does not exist; skipped');
          return undefined;
        }
        if (!isInside(where.realRoot, real)) {
          problem(c.rel, 'symlink leads outside the repository root; skipped');
          return undefined;
        }
        if (!lstatSync(real).isFile()) return undefined;
      }
      const bytes = reader.read(real);
      if (!bytes.includes(token)) return undefined;
      return { path: c.rel, realPath: real, content: utf8.decode(bytes) };
    } catch (err) {
      problem(c.rel, `cannot be read: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };

  if (where.isDirectory) walk(base, '');
  else if (isCandidate(basename(where.target))) {
    candidates.push({ abs: where.target, rel: basename(where.target), symlink: false });
  }
  const files: DiscoveredFile[] = [];
  for (let i = 0; i < candidates.length; i++) {
    if (i % yieldEvery === yieldEvery - 1) await new Promise<void>((r) => setImmediate(r));
    signal?.throwIfAborted();
    const f = read(candidates[i] as (typeof candidates)[number]);
    if (f) {
      files.push(f);
      onFile?.(f);
    }
  }
  return { files, problems };
}
