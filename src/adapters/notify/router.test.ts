// The whole pipeline behind dispatchEvent with real HTTP receivers: Flux's metadata handling,
// dedup, Alert/Provider rules, statuses for bad config, and no secret in any log or status.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HttpReceiver, startReceiver } from '../../../test/support/http-receiver.ts';
import type { Alert, AlertSpec, Provider, ProviderSpec } from '../../api/notification/types.ts';
import type { Event } from '../../core/events/event.ts';
import { AlertRouter, type AlertRouterOptions } from './router.ts';

const meta = (name: string, namespace = 'flux-system', uid = '') => ({
  name,
  namespace,
  labels: {},
  annotations: {},
  uid,
});

function provider(name: string, spec: Partial<ProviderSpec>, uid = ''): Provider {
  return {
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    kind: 'Provider',
    metadata: meta(name, 'flux-system', uid),
    spec: {
      type: 'generic',
      channel: '',
      username: '',
      address: '',
      timeoutMs: 2000,
      proxy: '',
      commitStatusExpr: '',
      suspend: false,
      ...spec,
    },
  };
}

function alert(name: string, spec: Partial<AlertSpec>): Alert {
  return {
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    kind: 'Alert',
    metadata: meta(name),
    spec: {
      providerRef: { name: 'hook' },
      eventSeverity: 'info',
      eventSources: [{ kind: 'ImagePolicy', name: '*', namespace: 'flux-system' }],
      inclusionList: [],
      exclusionList: [],
      eventMetadata: {},
      summary: '',
      suspend: false,
      ...spec,
    },
  };
}

function event(over: Partial<Event> = {}): Event {
  return {
    involvedObject: {
      kind: 'ImagePolicy',
      namespace: 'flux-system',
      name: 'podinfo',
      apiVersion: 'image.toolkit.fluxcd.io/v1',
    },
    severity: 'info',
    timestamp: '2026-11-23T10:00:00Z',
    message: 'Latest image tag for ghcr.io/org/podinfo resolved to 6.7.1',
    reason: 'Succeeded',
    reportingController: 'image-reflector-controller',
    ...over,
  };
}

describe('AlertRouter', () => {
  let receiver: HttpReceiver;
  const routers: AlertRouter[] = [];
  const lines: string[] = [];
  const logger = {
    info: (f: Record<string, unknown>, m: string) => lines.push(`${m} ${JSON.stringify(f)}`),
    error: (f: Record<string, unknown>, m: string) => lines.push(`${m} ${JSON.stringify(f)}`),
  };
  const open = (o: Partial<AlertRouterOptions>): AlertRouter => {
    const r = new AlertRouter({
      providers: [provider('hook', { address: `${receiver.url}/hook` })],
      alerts: [alert('a', {})],
      secrets: () => undefined,
      queuePath: ':memory:',
      retry: { initialDelayMs: 50, maxDelayMs: 100, maxAttempts: 2 },
      logger,
      ...o,
    });
    routers.push(r);
    return r;
  };
  const bodies = (from: number) =>
    receiver.requests.slice(from).map((r) => JSON.parse(r.body) as Event);

  before(async () => {
    receiver = await startReceiver((r) =>
      r.url.startsWith('/fail')
        ? { status: 500, body: `upstream said ${r.headers['x-api-key'] ?? ''}` }
        : { status: 200, body: '[]' },
    );
  });
  after(async () => {
    for (const r of routers) await r.close();
    await receiver.stop();
  });

  it('cleans and merges metadata like notification-controller', async () => {
    const from = receiver.requests.length;
    const r = open({
      alerts: [alert('a', { eventMetadata: { cluster: 'prod' }, summary: 'Prod' })],
    });
    r.dispatchEvent(
      event({
        metadata: {
          'event.toolkit.fluxcd.io/team': 'ops',
          'image.toolkit.fluxcd.io/revision': 'sha256:abc',
          'image.toolkit.fluxcd.io/token': 'internal',
          'image.toolkit.fluxcd.io/digest': 'sha256:def',
          unprefixed: 'dropped',
        },
      }),
    );
    await r.drained();
    assert.deepEqual(bodies(from)[0]?.metadata, {
      cluster: 'prod',
      revision: 'sha256:abc',
      summary: 'Prod',
      team: 'ops',
    });
  });

  it('drops trace events and duplicates within the interval', async () => {
    const r = open({});
    assert.equal(r.dispatchEvent(event({ severity: 'trace' })).dropped, 'trace');
    assert.equal(r.dispatchEvent(event()).queued.length, 1);
    assert.equal(r.dispatchEvent(event()).dropped, 'duplicate');
    assert.equal(r.dispatchEvent(event({ message: 'something else' })).queued.length, 1);
    await r.drained();
  });

  it('sends once per matching Alert and honours matchLabels from the caller', async () => {
    const from = receiver.requests.length;
    const r = open({
      alerts: [
        alert('all', {}),
        alert('team-a', {
          eventSources: [
            {
              kind: 'ImagePolicy',
              name: '*',
              namespace: 'flux-system',
              matchLabels: { team: 'a' },
            },
          ],
        }),
        alert('errors', { eventSeverity: 'error' }),
      ],
    });
    const res = r.dispatchEvent(event(), { team: 'a' });
    assert.deepEqual(
      res.queued.map((q) => q.alert),
      ['flux-system/all', 'flux-system/team-a'],
    );
    await r.drained();
    assert.equal(receiver.requests.length - from, 2);
  });

  it('reports bad configuration on the Alert and Provider, and keeps the good ones working', async () => {
    const from = receiver.requests.length;
    const r = open({
      providers: [
        provider('hook', { address: `${receiver.url}/hook` }),
        provider('nosecret', { secretRef: { name: 'missing' } }),
        provider('pigeon', { type: 'telegram' }),
        provider('paused', { address: `${receiver.url}/paused`, suspend: true }),
      ],
      alerts: [
        alert('good', {}),
        alert('to-nosecret', { providerRef: { name: 'nosecret' } }),
        alert('to-pigeon', { providerRef: { name: 'pigeon' } }),
        alert('to-nowhere', { providerRef: { name: 'ghost' } }),
        alert('to-paused', { providerRef: { name: 'paused' } }),
      ],
    });
    const res = r.dispatchEvent(event({ message: 'config test' }));
    assert.deepEqual(
      res.queued.map((q) => q.alert),
      ['flux-system/good'],
    );
    await r.drained();
    assert.deepEqual(
      receiver.requests.slice(from).map((q) => q.url),
      ['/hook'],
    );
    const status = new Map(r.status().map((s) => [`${s.kind} ${s.key}`, s.condition]));
    assert.match(
      status.get('Provider flux-system/nosecret')?.message ?? '',
      /failed to get secret 'flux-system\/missing'/,
    );
    assert.match(
      status.get('Provider flux-system/pigeon')?.message ?? '',
      /provider type "telegram" is not supported by tagpilot/,
    );
    assert.match(
      status.get('Alert flux-system/to-nowhere')?.message ?? '',
      /Provider 'flux-system\/ghost' not found/,
    );
    assert.equal(status.get('Alert flux-system/to-nosecret')?.reason, 'InvalidConfig');
    assert.equal(status.get('Alert flux-system/to-paused'), undefined);
    assert.equal(status.get('Alert flux-system/good')?.status, 'True');
  });

  it('sends to forge providers only events that carry a commit', async () => {
    const from = receiver.requests.length;
    const r = open({
      providers: [
        provider('gh', {
          type: 'github',
          address: `${receiver.url}/org/repo`,
          secretRef: { name: 'gh' },
        }),
      ],
      alerts: [
        alert('a', {
          providerRef: { name: 'gh' },
          eventSources: [{ kind: 'ImageUpdateAutomation', name: '*', namespace: 'flux-system' }],
        }),
      ],
      secrets: (ns, name) =>
        ns === 'flux-system' && name === 'gh' ? { token: 'ghp_secret' } : undefined,
    });
    const iua = {
      kind: 'ImageUpdateAutomation',
      namespace: 'flux-system',
      name: 'auto',
      apiVersion: 'image.toolkit.fluxcd.io/v1',
    };
    assert.equal(
      r.dispatchEvent(event({ involvedObject: iua, message: 'repository up-to-date' })).queued
        .length,
      0,
    );
    const sha = '5394cb7f48332b2de7c17dd8b8384bbc84b7e738';
    const pushed = event({
      involvedObject: iua,
      message: "pushed commit '5394cb7' to branch 'main'",
      metadata: { 'event.toolkit.fluxcd.io/commit': sha },
    });
    assert.equal(r.dispatchEvent(pushed).queued.length, 1);
    await r.drained();
    const post = receiver.requests.slice(from).find((q) => q.method === 'POST');
    assert.equal(post?.url, `/api/v3/repos/org/repo/statuses/${sha}`);
    assert.equal(JSON.parse(post?.body ?? '{}').context, 'imageupdateautomation/auto/tagpilot');
  });

  it('blocks cross-namespace events when asked to', async () => {
    const r = open({
      noCrossNamespaceRefs: true,
      alerts: [
        alert('a', { eventSources: [{ kind: 'ImagePolicy', name: '*', namespace: 'apps' }] }),
      ],
    });
    const res = r.dispatchEvent(
      event({
        involvedObject: {
          kind: 'ImagePolicy',
          namespace: 'apps',
          name: 'x',
          apiVersion: 'image.toolkit.fluxcd.io/v1',
        },
      }),
    );
    assert.equal(res.queued.length, 0);
    assert.match(
      r.status()[0]?.condition.message ?? '',
      /cross-namespace references have been blocked/,
    );
  });

  it('never logs or reports secret values', async () => {
    lines.length = 0;
    const secretPath = '/fail/T0KEN-IN-PATH';
    const r = open({
      providers: [provider('hook', { type: 'generic-hmac', secretRef: { name: 's' } })],
      secrets: () => ({
        address: `${receiver.url}${secretPath}`,
        token: 'hmac-secret-key',
        headers: 'X-Api-Key: header-secret-value\n',
      }),
    });
    r.dispatchEvent(event({ message: 'secret test' }));
    await r.drained();
    const everything = [...lines, JSON.stringify(r.status())].join('\n');
    assert.match(everything, /status code 500/);
    for (const s of ['T0KEN-IN-PATH', 'hmac-secret-key', 'header-secret-value'])
      assert.ok(!everything.includes(s), `leaked ${s}`);
  });
});
