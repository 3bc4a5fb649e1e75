// Benchmark: the alert pipeline. (1) dispatchEvent — cleanup, dedup, matching against 200 Alerts
// with regex lists, metadata merge, SQLite enqueue — with delivery paused (receiver down);
// (2) payload encoding per provider; (3) end-to-end delivery of 2,000 alerts to a loopback
// receiver through the file-backed queue, one Provider (ordered) and 8 Providers (parallel).
// Run: npx node bench/alerts.ts   (or --outage=60 for the 60 s outage proof with default retries)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventJSON, hmacSignature } from '../src/adapters/notify/generic.ts';
import { goJSON } from '../src/adapters/notify/go-json.ts';
import { teamsPayload } from '../src/adapters/notify/msteams.ts';
import { AlertRouter } from '../src/adapters/notify/router.ts';
import { slackPayload } from '../src/adapters/notify/slack.ts';
import type { Alert, Provider } from '../src/api/notification/types.ts';
import type { Event } from '../src/core/events/event.ts';
import { startReceiver } from '../test/support/http-receiver.ts';

const dir = mkdtempSync(join(tmpdir(), 'tagpilot-bench-alerts-'));
const meta = (name: string) => ({
  name,
  namespace: 'flux-system',
  labels: {},
  annotations: {},
  uid: '',
});
const provider = (name: string, address: string): Provider => ({
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
  kind: 'Provider',
  metadata: meta(name),
  spec: {
    type: 'generic',
    channel: '',
    username: '',
    address,
    timeoutMs: 5000,
    proxy: '',
    commitStatusExpr: '',
    suspend: false,
  },
});
const alert = (i: number, providerName: string, matchAll: boolean): Alert => ({
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
  kind: 'Alert',
  metadata: meta(`alert-${i}`),
  spec: {
    providerRef: { name: providerName },
    eventSeverity: 'info',
    eventSources: [
      { kind: 'ImageRepository', name: `repo-${i}`, namespace: 'flux-system' },
      { kind: 'ImagePolicy', name: matchAll ? '*' : `policy-${i}`, namespace: 'flux-system' },
    ],
    inclusionList: ['resolved to \\d+\\.\\d+'],
    exclusionList: ['^no change', 'up-to-date$'],
    eventMetadata: { cluster: 'prod' },
    summary: '',
    suspend: false,
  },
});
const event = (i: number, obj = i): Event => ({
  involvedObject: {
    kind: 'ImagePolicy',
    namespace: 'flux-system',
    name: `policy-${obj}`,
    apiVersion: 'image.toolkit.fluxcd.io/v1',
  },
  severity: 'info',
  timestamp: '2026-11-23T10:00:00Z',
  message: `Latest image tag for ghcr.io/org/app-${obj} resolved to 1.${i}.0 (previously ghcr.io/org/app-${obj}:1.${i - 1}.0)`,
  reason: 'Succeeded',
  metadata: {
    'image.toolkit.fluxcd.io/revision': `sha256:${i}`,
    'event.toolkit.fluxcd.io/team': 'ops',
  },
  reportingController: 'image-reflector-controller',
});

function rate(label: string, n: number, ms: number): void {
  console.log(
    `${label.padEnd(58)} ${String(Math.round((n / ms) * 1000)).padStart(9)} /s  (${n} in ${ms.toFixed(0)} ms)`,
  );
}

const outageArg = process.argv.find((a) => a.startsWith('--outage='));
if (outageArg !== undefined) {
  await outage(Number(outageArg.slice('--outage='.length)));
  process.exit(0);
}

/** outage: the proof with default retry settings — receiver down for `seconds`, 20 alerts
 * queued meanwhile, then every one must arrive once, in order; prints how long recovery took. */
async function outage(seconds: number): Promise<void> {
  const rx = await startReceiver();
  const router = new AlertRouter({
    providers: [provider('hook', `${rx.url}/hook`)],
    alerts: [alert(0, 'hook', true)],
    secrets: () => undefined,
    queuePath: join(dir, 'outage.db'),
  });
  try {
    await rx.down();
    const sent = Array.from({ length: 20 }, (_, i) => event(i + 1, i));
    for (const e of sent) router.dispatchEvent(e);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    await rx.up();
    const back = performance.now();
    await router.drained();
    const got = rx.requests.map((q) => (JSON.parse(q.body) as Event).message);
    const ok = got.length === sent.length && got.every((m, i) => m === sent[i]!.message);
    console.log(
      `outage ${seconds}s (default retry): ${got.length}/${sent.length} delivered, ${ok ? 'once each, in order' : 'MISMATCH'}, ` +
        `last one ${((performance.now() - back) / 1000).toFixed(1)} s after the receiver came back`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await router.close();
    await rx.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const receiver = await startReceiver();
try {
  // 1. dispatch with delivery paused.
  await receiver.down();
  const alerts = Array.from({ length: 200 }, (_, i) => alert(i, 'hook', i % 50 === 0));
  const paused = new AlertRouter({
    providers: [provider('hook', `${receiver.url}/hook`)],
    alerts,
    secrets: () => undefined,
    queuePath: join(dir, 'dispatch.db'),
    maxQueue: 100_000,
    retry: { initialDelayMs: 3_600_000, maxDelayMs: 3_600_000 },
    rateLimit: { perObject: { max: 0, windowMs: 1 } },
  });
  const n = 5000;
  let queued = 0;
  let t = performance.now();
  for (let i = 0; i < n; i++) queued += paused.dispatchEvent(event(i + 1, i % 400)).queued.length;
  rate(
    `dispatchEvent, 200 Alerts, ${(queued / n).toFixed(1)} matches/event (file queue)`,
    n,
    performance.now() - t,
  );
  await paused.close();
  await receiver.up();

  // 2. payload encoding.
  const e = event(7);
  const encoders: [string, () => string][] = [
    ['generic (eventv1.Event JSON)', () => eventJSON(e)],
    ['generic-hmac (JSON + HMAC-SHA256)', () => hmacSignature(eventJSON(e), 'key')],
    ['slack/discord payload', () => goJSON(slackPayload(e, '', '', true))],
    ['msteams adaptive card', () => goJSON(teamsPayload(e, 'https://x.example/hook'))],
  ];
  for (const [label, f] of encoders) {
    const reps = 50_000;
    t = performance.now();
    for (let i = 0; i < reps; i++) f();
    rate(`encode ${label}`, reps, performance.now() - t);
  }

  // 3. end-to-end delivery.
  for (const channels of [1, 8]) {
    const from = receiver.requests.length;
    const providers = Array.from({ length: channels }, (_, c) =>
      provider(`hook-${c}`, `${receiver.url}/hook/${c}`),
    );
    const router = new AlertRouter({
      providers,
      alerts: providers.map((p, c) => ({
        ...alert(c, p.metadata.name, true),
        metadata: meta(`a-${c}`),
      })),
      secrets: () => undefined,
      queuePath: join(dir, `deliver-${channels}.db`),
      maxQueue: 100_000,
      rateLimit: { perObject: { max: 0, windowMs: 1 } },
    });
    const total = 2000;
    t = performance.now();
    for (let i = 0; i < total / channels; i++) router.dispatchEvent(event(i + 1, i));
    await router.drained();
    const ms = performance.now() - t;
    if (receiver.requests.length - from !== total)
      throw new Error(`delivered ${receiver.requests.length - from} of ${total}`);
    rate(`deliver to loopback receiver, ${channels} Provider(s)`, total, ms);
    await router.close();
  }
} finally {
  await receiver.stop();
  rmSync(dir, { recursive: true, force: true });
}
