// The engine against a real CNCF distribution registry on loopback: scan → policy → triggers,
// Flux-shaped status, generations, suspend and reconcile requests, and broken objects.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningRegistry, startRegistry } from '../../../test/support/registry.ts';
import { pushTags } from '../../../test/support/registry-push.ts';
import { RegistryPool } from '../../adapters/registry/pool.ts';
import { MemoryObjectStateStore } from '../../adapters/store/object-state-memory.ts';
import { SqliteTagStore } from '../../adapters/store/sqlite.ts';
import { Engine } from './engine.ts';
import { silentLogger } from './logger.ts';
import { buildObjectSet } from './object-set.ts';

const manifests = (host: string, range = '1.x') => `apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
metadata: {name: app, namespace: apps}
spec:
  image: ${host}/team/app
  interval: 1h
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata: {name: app, namespace: apps}
spec:
  imageRepositoryRef: {name: app}
  policy:
    semver: {range: '${range}'}
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata: {name: broken, namespace: apps}
spec:
  imageRepositoryRef: {name: app}
  policy:
    semver: {range: '*-*'}
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata: {name: orphan, namespace: apps}
spec:
  imageRepositoryRef: {name: missing}
  policy: {alphabetical: {}}
`;

// biome-ignore lint/suspicious/noExplicitAny: status is free-form JSON in these assertions
type Json = any;
const statusOf = (state: MemoryObjectStateStore, kind: string, name: string): Json => {
  const s = state.get({ kind, namespace: 'apps', name });
  assert.ok(s, `${kind} ${name} has state`);
  return s.status;
};

describe('Engine with a real registry', () => {
  let registry: RunningRegistry;
  let tags: SqliteTagStore;
  let pool: RegistryPool;
  before(async () => {
    registry = await startRegistry();
    await pushTags({ url: registry.url }, 'team/app', ['1.0.0', '1.1.0', '2.0.0', 'latest']);
    tags = new SqliteTagStore(':memory:');
    pool = new RegistryPool({ maxWaitMs: 2000 });
  });
  const newEngine = (state: MemoryObjectStateStore) =>
    new Engine(
      { state, tags, registry: pool, clock: { now: () => new Date() }, log: silentLogger },
      { concurrency: 2, noCrossNamespaceRefs: false, minRetryMs: 60_000 },
    );
  const load = (engine: Engine, range?: string) =>
    engine.update(
      buildObjectSet([{ path: 'm.yaml', text: manifests(registry.host, range) }], new Map()),
    );
  after(async () => {
    await pool.close();
    tags.close();
    await registry.stop();
  });

  it('scans, selects, and reports every object in Flux’s words', async () => {
    const state = new MemoryObjectStateStore();
    const engine = newEngine(state);

    load(engine);
    await engine.whenIdle();
    await engine.whenIdle();

    const repo = statusOf(state, 'ImageRepository', 'app');
    assert.equal(repo.lastScanResult.tagCount, 4);
    assert.equal(repo.canonicalImageName, `${registry.host}/team/app`);
    const policy = statusOf(state, 'ImagePolicy', 'app');
    assert.deepEqual(policy.latestRef, { name: `${registry.host}/team/app`, tag: '1.1.0' });
    const ready = policy.conditions.find((c: Json) => c.type === 'Ready');
    assert.equal(
      ready?.message,
      `Latest image tag for ${registry.host}/team/app resolved to 1.1.0`,
    );
    const broken = state.get({ kind: 'ImagePolicy', namespace: 'apps', name: 'broken' })?.status;
    assert.match(JSON.stringify(broken?.conditions), /Stalled.*improper constraint/);
    const orphan = state.get({ kind: 'ImagePolicy', namespace: 'apps', name: 'orphan' })?.status;
    assert.match(JSON.stringify(orphan?.conditions), /DependencyNotReady.*does not exist/);
    await engine.stop();
  });

  it('bumps the generation on a spec change and re-selects', async () => {
    const state = new MemoryObjectStateStore();
    const engine = newEngine(state);
    load(engine);
    await engine.whenIdle();

    load(engine, '>=2.0.0');
    await engine.whenIdle();

    const s = state.get({ kind: 'ImagePolicy', namespace: 'apps', name: 'app' });
    assert.equal(s?.generation, 2);
    assert.equal(s?.status.observedGeneration, 2);
    assert.deepEqual(s?.status.latestRef, { name: `${registry.host}/team/app`, tag: '2.0.0' });
    assert.deepEqual(s?.status.observedPreviousRef, {
      name: `${registry.host}/team/app`,
      tag: '1.1.0',
    });
    await engine.stop();
  });

  it('leaves unchanged objects alone on reload, and reconciles everything after a restart', async () => {
    const state = new MemoryObjectStateStore();
    let runs = 0;
    const counting = () =>
      new Engine(
        {
          state,
          tags,
          registry: pool,
          clock: { now: () => new Date() },
          log: silentLogger,
          onReconciled: () => void runs++,
        },
        { concurrency: 2, noCrossNamespaceRefs: false, minRetryMs: 60_000 },
      );
    const first = counting();
    load(first);
    await first.whenIdle();
    const afterFirst = runs;

    load(first);
    await first.whenIdle();
    assert.equal(runs, afterFirst, 'a reload with the same specs runs nothing');
    await first.stop();

    const restarted = counting();
    load(restarted);
    await restarted.whenIdle();
    assert.ok(runs > afterFirst, 'a new process reconciles the objects it finds in its state');
    await restarted.stop();
  });

  it('honours suspend and records handled reconcile requests', async () => {
    const state = new MemoryObjectStateStore();
    const engine = newEngine(state);
    load(engine);
    await engine.whenIdle();
    const ref = { kind: 'ImageRepository', namespace: 'apps', name: 'app' };
    const scanTime = statusOf(state, 'ImageRepository', 'app').lastScanResult.scanTime;

    assert.equal(engine.setSuspended(ref, true), true);
    const token = engine.requestReconcile(ref);
    await engine.whenIdle();

    assert.equal(state.get(ref)?.status.lastHandledReconcileAt, token);
    assert.equal(statusOf(state, 'ImageRepository', 'app').lastScanResult.scanTime, scanTime);
    assert.equal(engine.isSuspended(ref), true);
    await engine.stop();
  });
});
