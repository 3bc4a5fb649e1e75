// Benchmark: loading and checking a large GitOps repository of Flux image manifests.
// Run: npx node --expose-gc bench/manifests.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifests } from '../src/api/load.ts';
import { checkReferences } from '../src/api/references.ts';

const FILES = 200;
const APPS_PER_FILE = 25; // each app: ImageRepository + ImagePolicy → 10,000 objects in all

function appDocs(i: number): string {
  const ns = `team-${i % 20}`;
  const policy =
    i % 3 === 0
      ? `semver: {range: '>=1.${i % 10}.0 <2.0.0'}`
      : i % 3 === 1
        ? 'numerical: {order: asc}'
        : 'alphabetical: {order: desc}';
  return `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata:
  name: app-${i}
  namespace: ${ns}
spec:
  image: ghcr.io/example/app-${i}
  interval: 5m
  exclusionList: ['^.*\\.sig$', '^dev-']
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata:
  name: app-${i}
  namespace: ${ns}
spec:
  imageRepositoryRef:
    name: app-${i}
  filterTags:
    pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)'
    extract: '$ts'
  policy:
    ${policy}
`;
}

const texts: string[] = [];
for (let f = 0; f < FILES; f++) {
  const docs: string[] = [];
  for (let a = 0; a < APPS_PER_FILE; a++) docs.push(appDocs(f * APPS_PER_FILE + a));
  texts.push(docs.join('---\n'));
}
const bytes = texts.reduce((n, t) => n + t.length, 0);

const gc = (globalThis as { gc?: () => void }).gc;
function run(): { ms: number; cpuMs: number; objects: number; diagnostics: number } {
  gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const results = texts.map((t, i) => loadManifests(t, `apps-${i}.yaml`));
  const objects = results.flatMap((r) => r.objects);
  const refs = checkReferences({ objects, invalid: results.flatMap((r) => r.invalid) });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    objects: objects.length,
    diagnostics: refs.length + results.reduce((n, r) => n + r.diagnostics.length, 0),
  };
}

run(); // warm up
const runs = Array.from({ length: Number(process.env.RUNS ?? 5) }, () => run()).sort(
  (a, b) => a.ms - b.ms,
);
const median = runs[2] ?? runs[0];
if (!median) throw new Error('no runs');
const heapMb = process.memoryUsage().heapUsed / 1e6;
console.log(
  `manifests: ${FILES} files, ${(bytes / 1e6).toFixed(1)} MB, ${median.objects} objects, ${median.diagnostics} diagnostics`,
);
console.log(
  `load + references (in process): CPU ${median.cpuMs.toFixed(0)} ms; wall median ${median.ms.toFixed(0)} ms of 5 runs = ${((median.ms / median.objects) * 1000).toFixed(0)} µs/object, ${(median.objects / (median.ms / 1000)).toFixed(0)} objects/s; heap after ${heapMb.toFixed(0)} MB`,
);

// End to end: `tagpilot check <dir>` as a user runs it (process start, directory walk, output).
const dir = mkdtempSync(join(tmpdir(), 'tagpilot-bench-'));
try {
  mkdirSync(join(dir, 'apps'));
  texts.forEach((t, i) => {
    writeFileSync(join(dir, 'apps', `apps-${i}.yaml`), t);
  });
  const main = join(import.meta.dirname, '..', 'src', 'runtimes', 'cli', 'main.ts');
  const start = performance.now();
  execFileSync(process.execPath, [main, 'check', join(dir, 'apps')], { stdio: 'ignore' });
  console.log(
    `tagpilot check ${FILES} files (child process, end to end): ${(performance.now() - start).toFixed(0)} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
