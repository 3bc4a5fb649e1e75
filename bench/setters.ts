// Benchmark: the Setters strategy over a generated repository — 10,000 YAML files (~100 MB),
// 10 % of them carrying one `$imagepolicy` marker (1,000 markers) — full discovery, edit,
// verification and atomic write, with Flux's own update (Go harness: image-automation-controller
// v0.41.2 pkg/update.UpdateV2WithSetters) timed on the same tree.
// Run: npx node bench/setters.ts [files] [markedEvery]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverFiles } from '../src/adapters/files/discover.ts';
import { resolveUpdatePath } from '../src/adapters/files/safe-path.ts';
import { updateTree } from '../src/adapters/files/update-tree.ts';
import { parseFile } from '../src/core/setters/parse.ts';
import type { ImageRef } from '../src/core/setters/result.ts';
import { goBinary } from '../test/support/go.ts';
import { generateTree } from './setters-tree.ts';

const files = Number(process.argv[2] ?? 10_000);
const markedEvery = Number(process.argv[3] ?? 10);

const base = mkdtempSync(join(tmpdir(), 'tagpilot-bench-setters-'));
try {
  const ours = join(base, 'ours');
  const inline = join(base, 'inline');
  const flux = join(base, 'flux');
  const bytes = generateTree(ours, { files, markedEvery, envPerFile: 115 });
  cpSync(ours, inline, { recursive: true });
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
  const measure = async (dir: string, label: string, workers?: number): Promise<number> => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = await updateTree(dir, '.', latest, workers === undefined ? {} : { workers });
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const changes = run.result.fileChanges.reduce(
      (n, f) => n + f.objects.reduce((m, o) => m + o.changes.length, 0),
      0,
    );
    console.log(
      `${label}: ${wall.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (all threads), ` +
        `${run.changed.length} files written, ${changes} changes, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
    return wall;
  };
  const wallInline = await measure(inline, 'tagpilot (one thread, default)');
  const threads = availableParallelism();
  const wall = await measure(ours, `tagpilot (workers: ${threads} threads)`, threads);

  // The floor: lexing, parsing and composing the screened files with the yaml package only.
  const screened = (await discoverFiles(await resolveUpdatePath(flux, '.'))).files;
  const p0 = process.cpuUsage();
  for (const f of screened) parseFile(f.content);
  const p = process.cpuUsage(p0);
  console.log(
    `yaml package parse alone (${screened.length} files, one thread): ${((p.user + p.system) / 1000).toFixed(0)} ms CPU`,
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
    `flux (pkg/update v0.41.2, Go): ${goWall.toFixed(0)} ms wall (${out.elapsedMs.toFixed(0)} ms in-process), ${out.files.length} files written`,
  );
  console.log(
    `ratio tagpilot/flux: ${(wallInline / goWall).toFixed(2)} (one thread), ${(wall / goWall).toFixed(2)} (threads)`,
  );
} finally {
  rmSync(base, { recursive: true, force: true });
}
