// Applying the setters to a set of files and assembling the deterministic result model.

import { applySettersToFile, type FileOutcome, type SettersOptions } from './apply-file.ts';
import type { FileChanges, ImageRef, SettersResult } from './result.ts';

/** SourceFile is one file's path (relative to update.path, `/`-separated) and text. */
export interface SourceFile {
  readonly path: string;
  readonly content: string;
}

/** SettersRun is what applySetters returns: per-file outcomes and the combined result. */
export interface SettersRun {
  /** files holds only the files whose content changed, sorted by path. */
  readonly files: readonly FileOutcome[];
  readonly result: SettersResult;
}

const byPath = (a: { path: string }, b: { path: string }): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

/** combineOutcomes builds the result model from per-file outcomes, sorted by file path. */
export function combineOutcomes(outcomes: readonly FileOutcome[]): SettersRun {
  const sorted = [...outcomes].sort(byPath);
  const changed = sorted.filter((o) => o.changed);
  const fileChanges: FileChanges[] = changed.map((o) => ({ file: o.path, objects: o.objects }));
  return {
    files: changed,
    result: {
      fileChanges,
      ignored: sorted.flatMap((o) => o.ignored),
      problems: sorted.flatMap((o) => o.problems),
    },
  };
}

/** applySetters rewrites every marked value in files; `latest` maps "ns:name" to the latest image. */
export function applySetters(
  files: readonly SourceFile[],
  latest: ReadonlyMap<string, ImageRef>,
  opts: SettersOptions = {},
): SettersRun {
  return combineOutcomes(files.map((f) => applySettersToFile(f.path, f.content, latest, opts)));
}
