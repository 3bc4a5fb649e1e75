// Delivery through a real receiver that goes away and comes back: every queued alert arrives
// exactly once and in order, also across a router restart (SQLite queue). The outage here is
// short (3 s) with fast retry settings; the 60 s of the issue is the same path with defaults.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type HttpReceiver, startReceiver } from '../../../test/support/http-receiver.ts';
import type { Alert, Provider } from '../../api/notification/types.ts';
import type { Event } from '../../core/events/event.ts';
import { backoffMs, defaultRetry } from './delivery.ts';
import { AlertRouter } from './router.ts';

const dir = mkdtempSync(join(tmpdir(), 'tagpilot-delivery-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const meta = (name: string) => ({
  name,
  namespace: 'flux-system',
  labels: {},
  annotations: {},
  uid: '',
});

function provider(address: string): Provider {
  return {
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    kind: 'Provider',
    metadata: meta('webhook'),
    spec: {
      type: 'generic',
      channel: '',
      username: '',
      address,
      timeoutMs: 2000,
      proxy: '',
      commitStatusExpr: '',
      suspend: false,
    },
  };
}

const alert: Alert = {
  apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
  kind: 'Alert',
  metadata: meta('images'),
  spec: {
    providerRef: { name: 'webhook' },
    eventSeverity: 'info',
    eventSources: [{ kind: 'ImagePolicy', name: '*', namespace: 'flux-system' }],
    inclusionList: [],
    exclusionList: [],
    eventMetadata: {},
    summary: '',
    suspend: false,
  },
};

const event = (i: number): Event => ({
  involvedObject: {
    kind: 'ImagePolicy',
    namespace: 'flux-system',
    name: `app-${i % 3}`,
    apiVersion: 'image.toolkit.fluxcd.io/v1',
  },
  severity: 'info',
  timestamp: '2026-11-23T10:00:00Z',
  message: `Latest image tag for ghcr.io/org/app resolved to 1.0.${i}`,
  reason: 'Succeeded',
  reportingController: 'image-reflector-controller',
});

const fastRetry = { initialDelayMs: 150, maxDelayMs: 600 };

function messages(r: HttpReceiver): string[] {
  return r.requests.map((q) => (JSON.parse(q.body) as Event).message);
}

describe('delivery', () => {
  it('backs off exponentially up to the cap', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((n) => backoffMs(defaultRetry, n)),
      [2000, 4000, 8000, 16000, 30000, 30000],
    );
  });

  it('delivers every alert once, in order, after a 3 s outage', async () => {
    const receiver = await startReceiver();
    const router = new AlertRouter({
      providers: [provider(`${receiver.url}/hook`)],
      alerts: [alert],
      secrets: () => undefined,
      queuePath: ':memory:',
      retry: fastRetry,
    });
    try {
      await receiver.down();
      const sent = Array.from({ length: 8 }, (_, i) => event(i));
      for (const e of sent) assert.equal(router.dispatchEvent(e).queued.length, 1);
      await sleep(3000);
      assert.equal(receiver.requests.length, 0);
      assert.equal(router.pending(), 8);
      const status = router.status().find((s) => s.kind === 'Provider');
      assert.equal(status?.condition.reason, 'DeliveryRetrying');
      await receiver.up();
      await router.drained();
      assert.deepEqual(
        messages(receiver),
        sent.map((e) => e.message),
      );
      assert.equal(router.status().find((s) => s.kind === 'Provider')?.condition.status, 'True');
    } finally {
      await router.close();
      await receiver.stop();
    }
  });

  it('keeps queued alerts across a restart and sends them once, in order', async () => {
    const receiver = await startReceiver();
    const queuePath = join(dir, 'restart.db');
    const options = {
      providers: [provider(`${receiver.url}/hook`)],
      alerts: [alert],
      secrets: () => undefined,
      queuePath,
      retry: fastRetry,
    };
    await receiver.down();
    const first = new AlertRouter(options);
    const sent = Array.from({ length: 5 }, (_, i) => event(i));
    for (const e of sent) first.dispatchEvent(e);
    await sleep(300);
    await first.close();
    await receiver.up();
    const second = new AlertRouter(options);
    try {
      await second.drained();
      await sleep(200);
      assert.deepEqual(
        messages(receiver),
        sent.map((e) => e.message),
      );
      assert.equal(second.pending(), 0);
    } finally {
      await second.close();
      await receiver.stop();
    }
  });

  it('retries 503s on the head item and keeps later alerts behind it', async () => {
    let failures = 3;
    const receiver = await startReceiver(() =>
      failures-- > 0 ? { status: 503, body: 'busy' } : { status: 200 },
    );
    const router = new AlertRouter({
      providers: [provider(`${receiver.url}/hook`)],
      alerts: [alert],
      secrets: () => undefined,
      queuePath: ':memory:',
      retry: fastRetry,
    });
    try {
      const sent = [event(10), event(11), event(12)];
      for (const e of sent) router.dispatchEvent(e);
      await router.drained();
      const got = messages(receiver);
      assert.deepEqual(got.slice(0, 3), [sent[0]!.message, sent[0]!.message, sent[0]!.message]);
      assert.deepEqual(
        got.slice(3),
        sent.map((e) => e.message),
      );
    } finally {
      await router.close();
      await receiver.stop();
    }
  });

  it('abandons after a final 4xx and reports it on the Alert and Provider', async () => {
    const receiver = await startReceiver(() => ({ status: 400, body: 'bad payload' }));
    const router = new AlertRouter({
      providers: [provider(`${receiver.url}/hook`)],
      alerts: [alert],
      secrets: () => undefined,
      queuePath: ':memory:',
      retry: fastRetry,
    });
    try {
      router.dispatchEvent(event(1));
      await router.drained();
      assert.equal(receiver.requests.length, 1);
      const a = router.status().find((s) => s.kind === 'Alert');
      assert.equal(a?.condition.status, 'False');
      assert.equal(a?.condition.reason, 'NotificationDispatchFailed');
      assert.match(
        a?.condition.message ?? '',
        /failed to send notification for ImagePolicy\/flux-system\/app-1: .*status code 400: bad payload/,
      );
    } finally {
      await router.close();
      await receiver.stop();
    }
  });

  it('gives up on a receiver that stays down past maxAttempts', async () => {
    const gone = await startReceiver();
    await gone.stop();
    const router = new AlertRouter({
      providers: [provider(`${gone.url}/hook`)],
      alerts: [alert],
      secrets: () => undefined,
      queuePath: ':memory:',
      retry: { initialDelayMs: 20, maxDelayMs: 40, maxAttempts: 3 },
    });
    try {
      router.dispatchEvent(event(2));
      await router.drained();
      const p = router.status().find((s) => s.kind === 'Provider');
      assert.equal(p?.condition.reason, 'NotificationDispatchFailed');
      assert.match(p?.condition.message ?? '', /gave up after 3 attempts/);
    } finally {
      await router.close();
    }
  });
});
