// Reads manifest files for `tagpilot check` and friends: files as given, directories walked
// recursively for *.yaml / *.yml, in a stable order. Unreadable paths become problems, not throws.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../../api/diagnostic.ts';

/** ManifestFile is one file's path (as the user would recognise it) and text. */
export interface ManifestFile {
  readonly path: string;
  readonly text: string;
}

/** ManifestRead is what reading the inputs produced. */
export interface ManifestRead {
  readonly files: ManifestFile[];
  /** problems are paths that could not be read (missing, unreadable, too large). */
  readonly problems: Diagnostic[];
}

/** MAX_MANIFEST_BYTES bounds one file, so a stray dump cannot exhaust memory. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

const isManifestName = (name: string): boolean => {
  const lower = name.toLowerCase();
  return lower.endsWith('.yaml') || lower.endsWith('.yml');
};
// Directories that never hold a user's manifests and can be huge.
const SKIP_DIRS = new Set(['node_modules']);

/**
 * readManifestFiles reads every path: a file is read whatever its name; a directory contributes
 * its *.yaml/*.yml files, skipping hidden entries (.git) and node_modules, without following
 * symbolic links to directories.
 */
export async function readManifestFiles(
  paths: readonly string[],
  opts: { signal?: AbortSignal } = {},
): Promise<ManifestRead> {
  const out: ManifestRead = { files: [], problems: [] };
  for (const p of paths) {
    opts.signal?.throwIfAborted();
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(p);
    } catch (err) {
      out.problems.push(problem(p, describe(err)));
      continue;
    }
    if (info.isDirectory()) await walk(p, out, opts.signal);
    else await readOne(p, out);
  }
  return out;
}

async function walk(
  dir: string,
  out: ManifestRead,
  signal: AbortSignal | undefined,
): Promise<void> {
  signal?.throwIfAborted();
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    out.problems.push(problem(dir, describe(err)));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(p, out, signal);
    } else if ((e.isFile() || e.isSymbolicLink()) && isManifestName(e.name)) {
      if (e.isSymbolicLink()) {
        const target = await stat(p).catch(() => undefined);
        if (!target?.isFile()) continue;
      }
      await readOne(p, out);
    }
  }
}

async function readOne(p: string, out: ManifestRead): Promise<void> {
  try {
    const info = await stat(p);
    if (info.size > MAX_MANIFEST_BYTES) {
      out.problems.push(
        problem(p, `file is ${info.size} bytes, larger than the ${MAX_MANIFEST_BYTES}-byte limit`),
      );
      return;
    }
    const buf = await readFile(p);
    out.files.push({ path: p, text: buf.toString('utf8') });
  } catch (err) {
    out.problems.push(problem(p, describe(err)));
  }
}

function problem(file: string, message: string): Diagnostic {
  return { severity: 'error', file, document: 0, message };
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return err instanceof Error ? err.message : String(err);
}
