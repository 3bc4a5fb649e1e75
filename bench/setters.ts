// Benchmark: the Setters strategy over a generated repository — 10,000 YAML files (~100 MB),
// 10 % of them carrying one `$imagepolicy` marker (1,000 markers) — full discovery, edit,
// verification and atomic write, with Flux's kyaml setters (Go harness) timed on the same tree.
// Run: npx node bench/setters.ts [files] [markedEvery] [workers]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { updateTree } from '../src/adapters/files/update-tree.ts';
import type { ImageRef } from '../src/core/setters/result.ts';
import { goBinary } from '../test/support/go.ts';
import { generateTree } from './setters-tree.ts';

const files = Number(process.argv[2] ?? 10_000);
const markedEvery = Number(process.argv[3] ?? 10);
const workers = process.argv[4] === undefined ? undefined : Number(process.argv[4]);

const base = mkdtempSync(join(tmpdir(), 'tagpilot-bench-setters-'));
try {
  const ours = join(base, 'ours');
  const flux = join(base, 'flux');
  const bytes = generateTree(ours, { files, markedEvery, envPerFile: 115 });
  cpSync(ours, flux, { recursive: true });
  const latest = new Map<string, ImageRef>();
  for (let i = 0; i < 50; i++)
    latest.set(`flux-system:app-${i}`, { name: `ghcr.io/bench/app-${i}`, tag: '1.1.0' });
  writeFileSync(join(base, 'latest.json'), JSON.stringify(Object.fromEntries(latest)));
  const goBin = goBinary('setters');

  console.log(
    `tree: ${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${Math.ceil(files / markedEvery)} markers; ` +
      `${availableParallelism()} cores, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const run = await updateTree(ours, '.', latest, workers === undefined ? {} : { workers });
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const changes = run.result.fileChanges.reduce(
    (n, f) => n + f.objects.reduce((m, o) => m + o.changes.length, 0),
    0,
  );
  console.log(
    `tagpilot: ${wall.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms main-thread CPU, ` +
      `${run.changed.length} files written, ${changes} changes, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );

  const t1 = performance.now();
  const out = JSON.parse(
    execFileSync(goBin, ['update', flux, join(base, 'latest.json')], {
      maxBuffer: 1 << 28,
    }).toString(),
  ) as {
    files: unknown[];
    elapsedMs: number;
  };
  const goWall = performance.now() - t1;
  console.log(
    `flux (kyaml, Go): ${goWall.toFixed(0)} ms wall (${out.elapsedMs.toFixed(0)} ms in-process), ${out.files.length} files written`,
  );
  console.log(`ratio tagpilot/flux: ${(wall / goWall).toFixed(2)}`);
} finally {
  rmSync(base, { recursive: true, force: true });
}
