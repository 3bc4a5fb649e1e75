// The file-system side of the Setters strategy: resolve update.path, discover and read the
// candidate files, run the pure setters, and atomically write only the files that changed.

import { applySettersToFile, combineOutcomes, type FileOutcome } from '../../core/setters/index.ts';
import type { ImageRef, SettersResult } from '../../core/setters/result.ts';
import { type DiscoveredFile, discoverFiles } from './discover.ts';
import { applyToFiles, type ParallelOptions } from './parallel-apply.ts';
import { resolveUpdatePath } from './safe-path.ts';
import { WriteQueue } from './write-queue.ts';

/** UpdateTreeOptions controls one run over a checkout. */
export interface UpdateTreeOptions extends ParallelOptions {
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
  const write = opts.write !== false;
  const queue = new WriteQueue();
  // On one thread, each file is edited as soon as it is read and its write starts at once, so
  // the file system works while the next files are read; worker threads need every file first.
  const threads = (opts.workers ?? 1) > 1;
  const streamed: FileOutcome[] = [];
  const onFile = (f: DiscoveredFile): void => {
    const o = applySettersToFile(f.path, f.content, latest, opts);
    streamed.push(o);
    if (write && o.changed) queue.add(f.realPath, o.content);
  };
  let found: Awaited<ReturnType<typeof discoverFiles>>;
  let outcomes: readonly FileOutcome[] = streamed;
  try {
    found = await discoverFiles(where, opts.signal, threads ? undefined : onFile);
  } catch (err) {
    // No write may still be running once this returns (the caller may reset the checkout).
    await queue.settled();
    throw err;
  }
  if (threads) {
    outcomes = await applyToFiles(found.files, latest, opts);
    if (write) {
      outcomes.forEach((o, i) => {
        if (o.changed) queue.add(found.files[i]?.realPath ?? '', o.content);
      });
    }
  }
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
  const problems = [...found.problems, ...run.result.problems];
  const failed = new Set<string>();
  for (const [realPath, err] of await queue.settled()) {
    // One file that cannot be written does not stop the others; it is left unchanged.
    for (const c of changed.filter((x) => x.realPath === realPath)) {
      failed.add(c.path);
      const why = err instanceof Error ? err.message : String(err);
      problems.push({ file: c.path, line: 0, column: 0, message: `cannot be written: ${why}` });
    }
  }
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const fileChanges = run.result.fileChanges.filter((f) => !failed.has(f.file));
  return {
    result: { ...run.result, fileChanges, problems },
    changed: changed.filter((c) => !failed.has(c.path)),
    scanned: found.files.length,
  };
}
