// Applying the setters to many files on several cores: parsing dominates the cost of a large
// tree, and each file is independent, so shares of the files go to worker threads.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  applySettersToFile,
  type FileOutcome,
  type SettersOptions,
} from '../../core/setters/index.ts';
import type { ImageRef } from '../../core/setters/result.ts';

/** ParallelOptions tunes when and how wide the work is spread. */
export interface ParallelOptions extends SettersOptions {
  /**
   * workers is the number of threads; 0 or 1 (the default) applies inline. Threads only pay off
   * on idle cores: measured on a shared 2-core machine they cost more CPU than they saved
   * (docs/performance.md), so they are opt-in.
   */
  readonly workers?: number;
  /** minFiles is the smallest number of files worth starting threads for (default 64). */
  readonly minFiles?: number;
  /** onThreadFailure hears about a thread that failed (its share is then applied inline). */
  readonly onThreadFailure?: (err: unknown) => void;
}

// The worker module sits beside this one: .ts when run from source, .js once built.
const workerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './setters-worker.ts' : './setters-worker.js',
  import.meta.url,
);

function runShare(
  files: { path: string; content: string }[],
  latest: ReadonlyMap<string, ImageRef>,
  opts: SettersOptions,
): Promise<FileOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, {
      workerData: { files, latest: [...latest], outOfScope: [...(opts.outOfScope ?? new Map())] },
    });
    worker.once('message', (out: FileOutcome[]) => resolve(out));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`setters worker exited with code ${code}`));
    });
  });
}

/** applyToFiles applies the setters to every file, in worker threads when there are many. */
export async function applyToFiles(
  files: readonly { path: string; content: string }[],
  latest: ReadonlyMap<string, ImageRef>,
  opts: ParallelOptions = {},
): Promise<FileOutcome[]> {
  const workers = Math.min(opts.workers ?? 1, availableParallelism() * 2, files.length);
  if (workers <= 1 || files.length < (opts.minFiles ?? 64)) {
    return files.map((f) => applySettersToFile(f.path, f.content, latest, opts));
  }
  // Interleaved shares balance large and small files across threads.
  const shares = Array.from({ length: workers }, (_, w) =>
    files.filter((_, i) => i % workers === w),
  );
  // A thread that cannot start or dies is not fatal: its share is then done on this thread.
  const results = await Promise.all(
    shares.map((s) =>
      runShare(s, latest, opts).catch((err: unknown) => {
        opts.onThreadFailure?.(err);
        return s.map((f) => applySettersToFile(f.path, f.content, latest, opts));
      }),
    ),
  );
  const out: FileOutcome[] = new Array(files.length);
  results.forEach((share, w) => {
    share.forEach((o, j) => {
      out[j * workers + w] = o;
    });
  });
  return out;
}
