// Benchmark: the Setters strategy over a generated repository — 10,000 YAML files (~100 MB),
// 10 % of them carrying one `$imagepolicy` marker (1,000 markers) — full discovery, edit,
// verification and atomic write, with Flux's own update (Go harness: image-automation-controller
// v0.41.2 pkg/update.UpdateV2WithSetters) timed on the same tree.
//
// Each round copies the tree afresh for both sides and flushes dirty pages (`sync`) before the
// timed run, so neither side pays for writing back the copy. Round 1 of tagpilot is a cold start
// (what `tagpilot plan --write` costs); later rounds are warm (the daemon). Medians are printed.
// Run: npx node bench/setters.ts [files] [markedEvery] [rounds]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverFiles } from '../src/adapters/files/discover.ts';
import { resolveUpdatePath } from '../src/adapters/files/safe-path.ts';
import { updateTree } from '../src/adapters/files/update-tree.ts';
import { applySettersToFile } from '../src/core/setters/apply-file.ts';
import type { ImageRef } from '../src/core/setters/result.ts';
import { goBinary } from '../test/support/go.ts';
import { generateTree } from './setters-tree.ts';

const files = Number(process.argv[2] ?? 10_000);
const markedEvery = Number(process.argv[3] ?? 10);
const rounds = Number(process.argv[4] ?? 5);

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const base = mkdtempSync(join(tmpdir(), 'tagpilot-bench-setters-'));
try {
  const source = join(base, 'source');
  const bytes = generateTree(source, { files, markedEvery, envPerFile: 115 });
  const latest = new Map<string, ImageRef>();
  for (let i = 0; i < 50; i++)
    latest.set(`flux-system:app-${i}`, { name: `ghcr.io/bench/app-${i}`, tag: '1.1.0' });
  writeFileSync(join(base, 'latest.json'), JSON.stringify(Object.fromEntries(latest)));
  const goBin = goBinary('setters');
  console.log(
    `tree: ${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${Math.ceil(files / markedEvery)} markers; ` +
      `${availableParallelism()} cores, load ${load()}`,
  );

  const fresh = (name: string): string => {
    const dir = join(base, name);
    rmSync(dir, { recursive: true, force: true });
    cpSync(source, dir, { recursive: true });
    execFileSync('sync');
    return dir;
  };
  const ours: number[] = [];
  const flux: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    const dir = fresh('ours');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = await updateTree(dir, '.', latest);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    ours.push(wall);
    const fluxDir = fresh('flux');
    const t1 = performance.now();
    const out = JSON.parse(
      execFileSync(goBin, ['update', fluxDir, join(base, 'latest.json')], {
        maxBuffer: 1 << 28,
      }).toString(),
    ) as { files: unknown[]; elapsedMs: number };
    const goWall = performance.now() - t1;
    flux.push(goWall);
    console.log(
      `round ${r}${r === 1 ? ' (cold)' : ''}: tagpilot ${wall.toFixed(0)} ms wall ` +
        `(${(cpu.user / 1000).toFixed(0)} ms user, ${(cpu.system / 1000).toFixed(0)} ms system, ` +
        `${run.changed.length} files written); flux ${goWall.toFixed(0)} ms wall ` +
        `(${out.elapsedMs.toFixed(0)} ms in-process, ${out.files.length} files written); load ${load()}`,
    );
  }
  console.log(
    `median: tagpilot ${median(ours).toFixed(0)} ms (cold ${ours[0]?.toFixed(0)} ms), ` +
      `flux ${median(flux).toFixed(0)} ms; ratio tagpilot/flux ${(median(ours) / median(flux)).toFixed(2)}; ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );

  // Where the time goes: the pure edit alone over the screened files (no I/O), and worker threads.
  const probe = fresh('probe-threads');
  const threads = availableParallelism();
  const t2 = performance.now();
  await updateTree(probe, '.', latest, { workers: threads });
  console.log(
    `with workers: ${threads} threads: ${(performance.now() - t2).toFixed(0)} ms wall (opt-in; see docs/performance.md)`,
  );
  const found = (await discoverFiles(await resolveUpdatePath(fresh('sample'), '.'))).files;
  const p0 = process.cpuUsage();
  for (const f of found) applySettersToFile(f.path, f.content, latest);
  const p = process.cpuUsage(p0);
  console.log(
    `pure edit of the ${found.length} screened files (parse, locate, render, verify; no I/O): ` +
      `${((p.user + p.system) / 1000).toFixed(0)} ms CPU`,
  );
} finally {
  rmSync(base, { recursive: true, force: true });
}
