import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadManifests } from '../api/load.ts';
import type { ImagePolicy, ImageRepository } from '../api/model.ts';
import {
  type ImagePolicyStatus,
  type PolicyPorts,
  readyMessage,
  reconcileImagePolicy,
} from './image-policy.ts';

function load(yaml: string): { policy: ImagePolicy; repository: ImageRepository | undefined } {
  const r = loadManifests(yaml, 'test.yaml');
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  return {
    policy: r.objects.find((o): o is ImagePolicy => o.kind === 'ImagePolicy') as ImagePolicy,
    repository: r.objects.find((o): o is ImageRepository => o.kind === 'ImageRepository'),
  };
}

const repoYaml = (ns = 'apps', extra = '') => `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata: {name: app, namespace: ${ns}}
spec:
  image: ghcr.io/org/app
  interval: 1m
${extra}---
`;
const policyYaml = (spec: string, ns = 'apps') => `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata: {name: app, namespace: ${ns}}
spec:
  imageRepositoryRef: {name: app, namespace: apps}
${spec}`;

function ports(
  tags: string[],
  digests: Record<string, string> = {},
): PolicyPorts & { heads: number } {
  const p = {
    heads: 0,
    storedTags: () => tags,
    resolveDigest: async (_r: ImageRepository, tag: string) => {
      p.heads++;
      const d = digests[tag];
      if (!d) throw new Error(`no digest for ${tag}`);
      return d;
    },
  };
  return p;
}

const ctx = (
  objs: ReturnType<typeof load>,
  previous: ImagePolicyStatus = {},
  labels = {},
  noCross = false,
) => ({
  policy: objs.policy,
  repository: objs.repository,
  namespaceLabels: labels,
  noCrossNamespaceRefs: noCross,
  previous,
});

describe('reconcileImagePolicy', () => {
  it('resolves the latest tag with Flux’s message and marks a change', async () => {
    const objs = load(repoYaml() + policyYaml('  policy: {semver: {range: 1.0.x}}'));

    const out = await reconcileImagePolicy(ctx(objs), ports(['1.2.0', '1.0.1', '1.0.0']));

    assert.equal(out.kind, 'ready');
    assert.ok(out.kind === 'ready');
    assert.deepEqual(out.value.latestRef, { name: 'ghcr.io/org/app', tag: '1.0.1' });
    assert.equal(out.value.message, 'Latest image tag for ghcr.io/org/app resolved to 1.0.1');
    assert.equal(out.value.changed, true);
  });

  it('keeps the previous ref and says "previously"', async () => {
    const objs = load(repoYaml() + policyYaml('  policy: {semver: {range: 1.x}}'));
    const previous = { latestRef: { name: 'ghcr.io/org/app', tag: '1.0.0' } };

    const out = await reconcileImagePolicy(ctx(objs, previous), ports(['1.1.0', '1.0.0']));

    assert.ok(out.kind === 'ready');
    assert.deepEqual(out.value.observedPreviousRef, previous.latestRef);
    assert.equal(
      out.value.message,
      'Latest image tag for ghcr.io/org/app resolved to 1.1.0 (previously ghcr.io/org/app:1.0.0)',
    );
  });

  const failures: {
    name: string;
    yaml: string;
    tags: string[];
    kind: string;
    reason: string;
    message: RegExp;
    labels?: Record<string, string>;
    noCross?: boolean;
  }[] = [
    {
      name: 'no tags waits for the repository',
      yaml: repoYaml() + policyYaml('  policy: {alphabetical: {}}'),
      tags: [],
      kind: 'retry',
      reason: 'DependencyNotReady',
      message: /^retrying in 30s error: no tags in database$/,
    },
    {
      name: 'no semver match retries',
      yaml: repoYaml() + policyYaml('  policy: {semver: {range: ^9}}'),
      tags: ['1.0.0'],
      kind: 'retry',
      reason: 'Failure',
      message: /^unable to determine latest version from provided list$/,
    },
    {
      name: 'missing repository',
      yaml: policyYaml('  policy: {alphabetical: {}}'),
      tags: [],
      kind: 'retry',
      reason: 'DependencyNotReady',
      message: /referenced ImageRepository does not exist/,
    },
    {
      name: 'cross-namespace without accessFrom',
      yaml: repoYaml() + policyYaml('  policy: {alphabetical: {}}', 'other'),
      tags: ['a'],
      kind: 'retry',
      reason: 'AccessDenied',
      message: /missing ACL labels on 'accessFrom'/,
    },
    {
      name: 'cross-namespace with mismatching labels',
      yaml:
        repoYaml('apps', '  accessFrom: {namespaceSelectors: [{matchLabels: {team: a}}]}\n') +
        policyYaml('  policy: {alphabetical: {}}', 'other'),
      tags: ['a'],
      kind: 'retry',
      reason: 'AccessDenied',
      labels: { team: 'b' },
      message: /ACL labels mismatch on namespace 'other'/,
    },
    {
      name: 'cross-namespace refs blocked',
      yaml: repoYaml() + policyYaml('  policy: {alphabetical: {}}', 'other'),
      tags: ['a'],
      kind: 'retry',
      reason: 'AccessDenied',
      noCross: true,
      message: /cross-namespace references have been blocked/,
    },
  ];
  for (const c of failures) {
    it(c.name, async () => {
      const out = await reconcileImagePolicy(
        ctx(load(c.yaml), {}, c.labels ?? {}, c.noCross ?? false),
        ports(c.tags),
      );

      assert.equal(out.kind, c.kind);
      assert.ok(out.kind !== 'ready');
      assert.equal(out.reason, c.reason);
      assert.match(out.message, c.message);
    });
  }

  // The api layer already rejects these; the reconciler must still stall if one slips through.
  const invalidSpecs: { name: string; patch: Partial<ImagePolicy['spec']>; message: RegExp }[] = [
    {
      name: 'invalid range stalls',
      patch: { policy: { kind: 'semver', range: '*-*' } },
      message: /^invalid policy: improper constraint/,
    },
    {
      name: 'bad pattern stalls',
      patch: { filterTags: { pattern: '^test-(.*', extract: '' } },
      message: /^failed to filter tags: invalid regular expression pattern/,
    },
  ];
  for (const c of invalidSpecs) {
    it(c.name, async () => {
      const objs = load(repoYaml() + policyYaml('  policy: {alphabetical: {}}'));
      const policy = { ...objs.policy, spec: { ...objs.policy.spec, ...c.patch } };

      const out = await reconcileImagePolicy(ctx({ ...objs, policy }), ports(['a']));

      assert.ok(out.kind === 'stalled');
      assert.equal(out.reason, 'InvalidPolicy');
      assert.match(out.message, c.message);
    });
  }

  it('allows cross-namespace access with matching labels', async () => {
    const yaml =
      repoYaml('apps', '  accessFrom: {namespaceSelectors: [{matchLabels: {}}]}\n') +
      policyYaml('  policy: {alphabetical: {}}', 'other');

    const out = await reconcileImagePolicy(ctx(load(yaml)), ports(['b', 'a']));

    assert.equal(out.kind, 'ready');
  });

  // Flux's TestImagePolicyReconciler_digestReflection, pass 2 behaviour (reflector.md §2.8.2).
  const D1 = 'sha256:1111';
  const D2 = 'sha256:2222';
  const digestCases: {
    mode: string;
    prevDigest?: string;
    wantDigest?: string;
    wantHeads: number;
  }[] = [
    { mode: 'Never', prevDigest: D1, wantHeads: 0 },
    { mode: 'IfNotPresent', prevDigest: D1, wantDigest: D1, wantHeads: 0 },
    { mode: 'IfNotPresent', wantDigest: D2, wantHeads: 1 },
    { mode: 'Always', prevDigest: D1, wantDigest: D2, wantHeads: 1 },
  ];
  for (const c of digestCases) {
    it(`digestReflectionPolicy ${c.mode} with previous digest ${c.prevDigest ?? 'none'}`, async () => {
      const interval = c.mode === 'Always' ? '\n  interval: 5m' : '';
      const objs = load(
        repoYaml() +
          policyYaml(
            `  policy: {semver: {range: v1.x}}\n  digestReflectionPolicy: ${c.mode}${interval}`,
          ),
      );
      const previous = {
        latestRef: {
          name: 'ghcr.io/org/app',
          tag: 'v1.1.1',
          ...(c.prevDigest ? { digest: c.prevDigest } : {}),
        },
      };
      const p = ports(['v2.0.0', 'v1.1.1', 'v1.1.0'], { 'v1.1.1': D2 });

      const out = await reconcileImagePolicy(ctx(objs, previous), p);

      assert.ok(out.kind === 'ready');
      assert.equal(out.value.latestRef?.digest, c.wantDigest);
      assert.equal(p.heads, c.wantHeads);
      assert.equal(out.value.requeueAfterMs, c.mode === 'Always' ? 300_000 : undefined);
    });
  }

  it('a failed digest lookup leaves the ref alone and retries', async () => {
    const objs = load(
      repoYaml() +
        policyYaml('  policy: {semver: {range: v1.x}}\n  digestReflectionPolicy: IfNotPresent'),
    );

    const out = await reconcileImagePolicy(ctx(objs), ports(['v1.0.0']));

    assert.ok(out.kind === 'retry');
    assert.equal(out.reason, 'Failed');
    assert.match(out.message, /^failed fetching digest of ghcr.io\/org\/app:v1.0.0: /);
  });
});

describe('readyMessage (composeImagePolicyReadyMessage)', () => {
  const cases = [
    {
      latest: { name: 'foo/bar', tag: '1.0.0' },
      prev: undefined,
      want: 'Latest image tag for foo/bar resolved to 1.0.0',
    },
    {
      latest: { name: 'foo/bar', tag: '1.1.0' },
      prev: { name: 'foo/bar', tag: '1.0.0' },
      want: 'Latest image tag for foo/bar resolved to 1.1.0 (previously foo/bar:1.0.0)',
    },
    {
      latest: { name: 'foo/bar', tag: '1.0.0' },
      prev: { name: 'foo/bar', tag: '1.0.0' },
      want: 'Latest image tag for foo/bar resolved to 1.0.0',
    },
    {
      latest: { name: 'foo/bar', tag: '1.0.0', digest: 'sha256:1234567890abcdef' },
      prev: { name: 'baz/qux', tag: '1.0.0' },
      want: 'Latest image tag for foo/bar resolved to 1.0.0 with digest sha256:1234567890abcdef (previously baz/qux:1.0.0)',
    },
    {
      latest: { name: 'foo/bar', tag: '1.0.0', digest: 'sha256:1234567890abcdef' },
      prev: { name: 'foo/bar', tag: '1.0.0', digest: 'sha256:abcdef1234567890' },
      want: 'Latest image tag for foo/bar resolved to 1.0.0 with digest sha256:1234567890abcdef (previously foo/bar:1.0.0@sha256:abcdef1234567890)',
    },
  ];
  for (const c of cases) {
    it(c.want, () => assert.equal(readyMessage(c.latest, c.prev), c.want));
  }
});
