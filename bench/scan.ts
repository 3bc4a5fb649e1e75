// Scan benchmarks: 10,000 tags on a local distribution v3 registry (full scan: time, requests,
// RSS), and 1,000,000 synthetic tags served through the fault proxy (peak RSS must stay ≤ 150 MB).
// Run: npx node bench/scan.ts [--tags 10000] [--synthetic 1000000]

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RegistryPool } from '../src/adapters/registry/pool.ts';
import { SqliteTagStore } from '../src/adapters/store/sqlite.ts';
import { scanRepository } from '../src/reconcile/scan-repository.ts';
import { startFaultProxy } from '../test/support/fault-proxy.ts';
import { startRegistry } from '../test/support/registry.ts';
import { pushTags } from '../test/support/registry-push.ts';

const { values } = parseArgs({
  options: {
    tags: { type: 'string', default: '10000' },
    synthetic: { type: 'string', default: '1000000' },
    phase: { type: 'string', default: 'all' },
    image: { type: 'string' },
    label: { type: 'string' },
    // Requests per second of the host budget (tagpilot's default is 20/s, burst 40).
    rate: { type: 'string', default: '1000' },
  },
});

const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;

async function timedScan(image: string, label: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tagpilot-bench-'));
  const store = new SqliteTagStore(join(dir, 'tags.sqlite'));
  const rate = Number(values.rate);
  const pool = new RegistryPool({ budget: { ratePerSecond: rate, burst: rate } });
  const baseline = process.memoryUsage().rss;
  let peak = process.memoryUsage().rss;
  let atPeak = process.memoryUsage();
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak) {
      peak = m.rss;
      atPeak = m;
    }
  }, 20);
  const started = performance.now();
  const outcome = await scanRepository(
    { object: { namespace: 'bench', name: 'app' }, image, insecure: true, timeoutMs: 30 * 60_000 },
    { registry: pool, store, clock: { now: () => new Date() } },
  );
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const c = Object.values(pool.counters())[0];
  await pool.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  if (outcome.kind !== 'ready') throw new Error(`${label}: ${outcome.kind}: ${outcome.message}`);
  const r = outcome.value.lastScanResult;
  console.log(
    `${label}: ${r.tagCount} tags in ${(ms / 1000).toFixed(2)} s (${Math.round(r.tagCount / (ms / 1000))} tags/s), ` +
      `${c?.requests} requests at ≤ ${rate}/s, ${mb(c?.bytes ?? 0)} received, ` +
      `peak RSS ${mb(peak)} (before the scan ${mb(baseline)}; process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}), ` +
      `revision ${r.revision}`,
  );
  console.log(
    `  at peak: heap ${mb(atPeak.heapUsed)} used of ${mb(atPeak.heapTotal)}, external ${mb(atPeak.external)}, ` +
      `array buffers ${mb(atPeak.arrayBuffers)}`,
  );
}

async function realRegistry(count: number): Promise<void> {
  const reg = await startRegistry({ version: 'v3' });
  try {
    const tags = Array.from({ length: count }, (_, i) => `1.${Math.floor(i / 100)}.${i % 100}`);
    const started = performance.now();
    await pushTags({ url: reg.url }, 'bench/app', tags, { sameDigest: true, concurrency: 16 });
    console.log(
      `pushed ${count} tags to distribution v3 in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await scanInChildren(`${reg.host}/bench/app`, `v3 registry, ${count} tags`);
  } finally {
    await reg.stop();
  }
}

// The synthetic server runs in its own process, so the scanner's RSS is measured alone.
async function serveSynthetic(count: number): Promise<void> {
  const proxy = await startFaultProxy(undefined, {
    synthetic: { repository: 'bench/huge', count },
  });
  process.stdout.write(`${proxy.host}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void proxy.stop());
}

const repoRoot = join(import.meta.dirname, '..');

/**
 * compiled builds this bench to plain JS (as the published package ships), so the measured
 * process does not carry Node's TypeScript-stripping compiler (about 30 MB of RSS) with it.
 */
function compiled(): string {
  const out = join(repoRoot, 'node_modules', '.cache', 'tagpilot-bench');
  const cfg = join(out, 'tsconfig.json');
  rmSync(out, { recursive: true, force: true });
  execFileSync('mkdir', ['-p', out]);
  writeFileSync(
    cfg,
    JSON.stringify({
      extends: join(repoRoot, 'tsconfig.json'),
      compilerOptions: {
        noEmit: false,
        outDir: out,
        rootDir: repoRoot,
        sourceMap: false,
        noCheck: true,
      },
      include: [join(repoRoot, 'bench', 'scan.ts')],
    }),
  );
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', cfg], { stdio: 'inherit' });
  return join(out, 'bench', 'scan.js');
}

function child(script: string, args: string[], nodeFlags: string[] = []): Promise<number | null> {
  const proc = spawn(process.execPath, [...nodeFlags, script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  proc.stdout?.setEncoding('utf8').on('data', (d: string) => {
    for (const line of d.split('\n').filter(Boolean)) console.log(line);
  });
  return new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
}

/** scanInChildren measures the scan in fresh processes: compiled JS (twice) and TypeScript. */
async function scanInChildren(image: string, label: string): Promise<void> {
  const args = [
    '--phase',
    'scan',
    '--image',
    image,
    '--label',
    label,
    '--rate',
    String(values.rate),
  ];
  const js = compiled();
  const runs: Array<[string, string, string[]]> = [
    ['compiled JS', js, []],
    ['compiled JS, --max-semi-space-size=4', js, ['--max-semi-space-size=4']],
    ['TypeScript source', import.meta.filename, []],
  ];
  for (const [how, script, flags] of runs) {
    console.log(`scanner run from ${how}:`);
    const code = await child(script, args, flags);
    if (code !== 0) throw new Error(`scan exited ${code}`);
  }
}

async function synthetic(count: number): Promise<void> {
  let server: ReturnType<typeof spawn> | undefined;
  const host = await new Promise<string>((resolve) => {
    const args = [import.meta.filename, '--phase', 'serve', '--synthetic', String(count)];
    server = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    server.stdout?.setEncoding('utf8').once('data', (d: string) => resolve(d.trim()));
  });
  try {
    await scanInChildren(`${host}/bench/huge`, `synthetic via proxy, ${count} tags`);
  } finally {
    server?.stdin?.end();
    server?.kill();
  }
}

const phase = values.phase;
if (phase === 'serve') await serveSynthetic(Number(values.synthetic));
else if (phase === 'scan') await timedScan(values.image ?? '', values.label ?? 'scan');
else {
  const cores = (await import('node:os')).cpus().length;
  console.log(`machine: ${cores} cores, node ${process.version}, ${new Date().toISOString()}`);
  if (phase === 'all' || phase === 'registry') await realRegistry(Number(values.tags));
  if (phase === 'all' || phase === 'synthetic') await synthetic(Number(values.synthetic));
}
