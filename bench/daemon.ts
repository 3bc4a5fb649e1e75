// Benchmark: the daemon's engine with N ImageRepositories × T tags and N ImagePolicies against a
// recorded-response registry (its own process). Prints first full-pass time, reconcile throughput
// and steady-state RSS. Run: npx node --expose-gc bench/daemon.ts [repos] [tags]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryPool } from '../src/adapters/registry/pool.ts';
import { SqliteObjectStateStore } from '../src/adapters/store/object-state-sqlite.ts';
import { SqliteTagStore } from '../src/adapters/store/sqlite.ts';
import { Engine } from '../src/runtimes/daemon/engine.ts';
import { silentLogger } from '../src/runtimes/daemon/logger.ts';
import { buildObjectSet } from '../src/runtimes/daemon/object-set.ts';

const repos = Number(process.argv[2] ?? 1000);
const tagsPerRepo = Number(process.argv[3] ?? 10_000);
const mib = (b: number) => (b / 1048576).toFixed(0);

const server = spawn(
  process.execPath,
  [join(import.meta.dirname, 'support', 'tag-server.ts'), String(tagsPerRepo)],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const port = await new Promise<number>((resolve) =>
  server.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
);
const host = `127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'tagpilot-bench-daemon-'));

let yaml = '';
for (let i = 0; i < repos; i++) {
  yaml += `---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata: {name: app-${i}, namespace: team-${i % 20}}
spec: {image: '${host}/bench/app-${i}', interval: 1h}
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata: {name: app-${i}, namespace: team-${i % 20}}
spec:
  imageRepositoryRef: {name: app-${i}}
${i % 2 === 0 ? "  policy: {semver: {range: '^1.0.0'}}" : "  filterTags: {pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)$', extract: '$ts'}\n  policy: {numerical: {order: asc}}"}
`;
}
const set = buildObjectSet([{ path: 'bench.yaml', text: yaml }], new Map());
const state = new SqliteObjectStateStore(join(dir, 'state.db'));
const tags = new SqliteTagStore(join(dir, 'tags.db'));
const pool = new RegistryPool({
  hostBudgets: { [host]: { concurrency: 16, ratePerSecond: 100_000, burst: 100_000 } },
});
let reconciles = 0;
const engine = new Engine(
  {
    state,
    tags,
    registry: pool,
    clock: { now: () => new Date() },
    log: silentLogger,
    onReconciled: () => {
      reconciles++;
    },
  },
  { concurrency: 8, noCrossNamespaceRefs: false },
);
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

console.log(
  `daemon bench: ${repos} ImageRepositories × ${tagsPerRepo} tags, ${repos} ImagePolicies, node ${process.version}`,
);
let started = performance.now();
engine.update(set);
await engine.whenIdle();
const firstPass = (performance.now() - started) / 1000;
const ready = engine.summary().filter((s) => s.ready === 'True').length;
console.log(
  `first pass: ${firstPass.toFixed(1)} s for ${reconciles} reconciles (${(reconciles / firstPass).toFixed(0)}/s), ${ready}/${repos * 2} Ready, ${tags.repositories().length} repositories stored, peak RSS ${mib(peakRss)} MiB`,
);

// Steady state: every repository re-scanned on request (a scan storm), then idle.
reconciles = 0;
started = performance.now();
for (const r of set.repositories.values())
  engine.requestReconcile({
    kind: 'ImageRepository',
    namespace: r.metadata.namespace,
    name: r.metadata.name,
  });
await engine.whenIdle();
const second = (performance.now() - started) / 1000;
(globalThis as { gc?: () => void }).gc?.();
await new Promise((r) => setTimeout(r, 500));
const mem = process.memoryUsage();
const steady = mem.rss;
console.log(
  `memory: heap used ${mib(mem.heapUsed)} MiB of ${mib(mem.heapTotal)}, external ${mib(mem.external)}, array buffers ${mib(mem.arrayBuffers)}`,
);
console.log(
  `rescan of all repositories: ${second.toFixed(1)} s, ${reconciles} reconciles (${(reconciles / second).toFixed(0)}/s); steady-state RSS ${mib(steady)} MiB (target ≤ 300), peak ${mib(peakRss)} MiB`,
);
clearInterval(sampler);
await engine.stop();
await pool.close();
state.close();
tags.close();
server.kill();
rmSync(dir, { recursive: true, force: true });
