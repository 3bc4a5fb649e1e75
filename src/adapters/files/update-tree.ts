// The file-system side of the Setters strategy: resolve update.path, discover and read the
// candidate files, run the pure setters, and atomically write only the files that changed.

import {
  applySettersToFile,
  combineOutcomes,
  type SettersOptions,
} from '../../core/setters/index.ts';
import type { ImageRef, SettersResult } from '../../core/setters/result.ts';
import { discoverFiles } from './discover.ts';
import { resolveUpdatePath } from './safe-path.ts';
import { writeFileAtomic } from './write-atomic.ts';

/** UpdateTreeOptions controls one run over a checkout. */
export interface UpdateTreeOptions extends SettersOptions {
  /** write false computes the result without touching any file (a dry run). */
  readonly write?: boolean;
  readonly signal?: AbortSignal;
}

/** ChangedFile is one file whose content the setters changed. */
export interface ChangedFile {
  /** path is relative to update.path, `/`-separated. */
  readonly path: string;
  readonly realPath: string;
  readonly before: string;
  readonly after: string;
}

/** TreeUpdate is the outcome of updateTree. */
export interface TreeUpdate {
  readonly result: SettersResult;
  readonly changed: readonly ChangedFile[];
  /** scanned counts the screened files that were parsed. */
  readonly scanned: number;
}

/** updateTree applies the setters to every file under updatePath in the checkout at rootDir. */
export async function updateTree(
  rootDir: string,
  updatePath: string,
  latest: ReadonlyMap<string, ImageRef>,
  opts: UpdateTreeOptions = {},
): Promise<TreeUpdate> {
  const where = await resolveUpdatePath(rootDir, updatePath);
  const found = await discoverFiles(where, opts.signal);
  const outcomes = found.files.map((f) => applySettersToFile(f.path, f.content, latest, opts));
  const run = combineOutcomes(outcomes);
  const real = new Map(found.files.map((f) => [f.path, f]));
  const changed: ChangedFile[] = run.files.map((o) => {
    const src = real.get(o.path);
    return {
      path: o.path,
      realPath: src?.realPath ?? '',
      before: src?.content ?? '',
      after: o.content,
    };
  });
  if (opts.write !== false) {
    for (const c of changed) {
      opts.signal?.throwIfAborted();
      await writeFileAtomic(c.realPath, c.after);
    }
  }
  const problems = [...found.problems, ...run.result.problems].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : 0,
  );
  return { result: { ...run.result, problems }, changed, scanned: found.files.length };
}
