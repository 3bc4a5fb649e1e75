// Worker thread body for applying the setters to a share of a large tree (see parallel-apply.ts).

import { parentPort, workerData } from 'node:worker_threads';
import { applySettersToFile } from '../../core/setters/apply-file.ts';
import type { ImageRef } from '../../core/setters/result.ts';

interface Job {
  readonly files: { path: string; content: string }[];
  readonly latest: [string, ImageRef][];
  readonly outOfScope: [string, string][];
}

const job = workerData as Job;
const latest = new Map(job.latest);
const outOfScope = new Map(job.outOfScope);
parentPort?.postMessage(
  job.files.map((f) => applySettersToFile(f.path, f.content, latest, { outOfScope })),
);
