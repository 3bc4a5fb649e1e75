// Differential test: the api schemas accept exactly the field names and value types that Flux's
// own Go API types accept (strict decoding with sigs.k8s.io/yaml, image-reflector-controller
// api v1.2.0, image-automation-controller api v1.2.1, source-controller api v1.9.0).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { goBinary } from '../../test/support/go.ts';
import { loadManifests } from './load.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const meta = { name: 'app', namespace: 'apps', labels: { a: 'b' }, annotations: { c: 'd' } };
const ref = { name: 's' };
const gitRef = { branch: 'main', tag: 'v1', semver: '1.x', name: 'refs/heads/main', commit: 'abc' };
const specs: Record<string, Record<string, Json>> = {
  ImageRepository: {
    image: 'ghcr.io/org/app',
    interval: '5m',
    timeout: '1m',
    secretRef: ref,
    proxySecretRef: ref,
    serviceAccountName: 'sa',
    certSecretRef: ref,
    suspend: false,
    accessFrom: { namespaceSelectors: [{ matchLabels: { team: 'a' } }] },
    exclusionList: ['^x'],
    provider: 'generic',
    insecure: false,
  },
  ImagePolicy: {
    imageRepositoryRef: { name: 'app', namespace: 'apps' },
    policy: {
      semver: { range: '1.x' },
      alphabetical: { order: 'asc' },
      numerical: { order: 'desc' },
    },
    filterTags: { pattern: '^v', extract: '$0' },
    digestReflectionPolicy: 'Always',
    interval: '5m',
    suspend: false,
  },
  ImageUpdateAutomation: {
    sourceRef: {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      name: 'r',
      namespace: 'apps',
    },
    git: {
      checkout: { ref: gitRef },
      commit: {
        author: { name: 'bot', email: 'bot@example.com' },
        signingKey: { secretRef: ref, type: 'gpg' },
        messageTemplate: 'm',
        messageTemplateValues: { k: 'v' },
      },
      push: { branch: 'main', refspec: 'refs/heads/main:refs/heads/x', options: { o: 'v' } },
    },
    interval: '5m',
    policySelector: {
      matchLabels: { a: 'b' },
      matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }],
    },
    update: { strategy: 'Setters', path: './' },
    suspend: false,
  },
  GitRepository: {
    url: 'https://example.com/r.git',
    secretRef: ref,
    provider: 'generic',
    serviceAccountName: 'sa',
    interval: '5m',
    timeout: '60s',
    ref: gitRef,
    verify: { mode: 'HEAD', secretRef: ref },
    proxySecretRef: ref,
    ignore: '/x',
    suspend: false,
    recurseSubmodules: false,
    include: [{ repository: ref, fromPath: 'a', toPath: 'b' }],
    sparseCheckout: ['a'],
  },
};
// Fields each older version lacks (to keep its base object valid); the test checks agreement.
const older: Record<string, string[]> = {
  'image.toolkit.fluxcd.io/v1beta1 ImageRepository': ['provider', 'insecure', 'proxySecretRef'],
  'image.toolkit.fluxcd.io/v1beta1 ImagePolicy': ['digestReflectionPolicy', 'interval', 'suspend'],
  'image.toolkit.fluxcd.io/v1beta1 ImageUpdateAutomation': ['policySelector'],
  'source.toolkit.fluxcd.io/v1beta2 GitRepository': [
    'provider',
    'serviceAccountName',
    'proxySecretRef',
    'sparseCheckout',
  ],
};
const targets = [
  ...['v1', 'v1beta2', 'v1beta1'].flatMap((v) =>
    ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'].map((k) => ({
      apiVersion: `image.toolkit.fluxcd.io/${v}`,
      kind: k,
    })),
  ),
  { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository' },
  { apiVersion: 'source.toolkit.fluxcd.io/v1beta2', kind: 'GitRepository' },
];
// Keys to add. None differs from a real field only in letter case: Go's encoding/json matches
// names case-insensitively, the API server does not.
const KEYS = [
  'foo',
  'name',
  'namespace',
  'spec',
  'policy',
  'alphabetical',
  'semver',
  'range',
  'filterTags',
  'pattern',
  'provider',
  'insecure',
  'interval',
  'suspend',
  'branch',
  'push',
  'commit',
  'author',
  'email',
  'labels',
  'matchLabels',
  'secretRef',
  'type',
  'order',
  'values',
  'kind',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function base(apiVersion: string, kind: string): { [k: string]: Json } {
  const spec = structuredClone(specs[kind]) as { [k: string]: Json };
  for (const f of older[`${apiVersion} ${kind}`] ?? []) delete spec[f];
  if (apiVersion.endsWith('v1beta2') || apiVersion.endsWith('v1beta1')) {
    const commit = (spec.git as { [k: string]: { [k: string]: { [k: string]: Json } } } | undefined)
      ?.commit;
    if (commit) delete commit.signingKey?.type;
    if (commit && apiVersion.endsWith('v1beta1')) delete commit.messageTemplateValues;
  }
  return { apiVersion, kind, metadata: structuredClone(meta), spec };
}

// paths lists every container and leaf under the object (not status), with its value.
function paths(v: Json, at: (string | number)[] = []): { at: (string | number)[]; v: Json }[] {
  const out = [{ at, v }];
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push(...paths(x, [...at, i]));
    });
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  }
  return out;
}

function setAt(root: Json, at: (string | number)[], value: Json): void {
  let cur = root as { [k: string]: Json };
  for (const seg of at.slice(0, -1)) cur = cur[seg as string] as { [k: string]: Json };
  cur[at[at.length - 1] as string] = value;
}

function mutate(obj: { [k: string]: Json }, r: () => number): void {
  const all = paths(obj).filter(
    (p) => p.at.length > 0 && p.at[0] !== 'apiVersion' && p.at[0] !== 'kind',
  );
  const p = all[Math.floor(r() * all.length)];
  if (!p) return;
  const { at, v } = p;
  if (r() < 0.5 && v !== null && typeof v === 'object' && !Array.isArray(v)) {
    v[KEYS[Math.floor(r() * KEYS.length)] ?? 'foo'] = 'x';
    return;
  }
  const swaps: Json[] =
    typeof v === 'string'
      ? [42, true, [], {}]
      : typeof v === 'boolean'
        ? ['x', 42, []]
        : Array.isArray(v)
          ? ['x', {}, 7]
          : ['x', [], 42];
  setAt(obj, at, swaps[Math.floor(r() * swaps.length)] ?? 42);
}

// Only unknown fields are compared: Go's decoder knows nothing of patterns, enums, required
// fields or Flux's own rules, and sigs.k8s.io/yaml coerces scalars into string fields that
// the API server's schema validation (which tagpilot follows) rejects.
const UNKNOWN = /: unknown field/;
describe('api schemas agree with Flux Go types (strict decoding)', () => {
  it('on 4,000 generated manifests', () => {
    const r = rng(20261123);
    const cases = Array.from({ length: 4000 }, (_, i) => {
      const t = targets[i % targets.length] ?? { apiVersion: '', kind: '' };
      const obj = base(t.apiVersion, t.kind);
      if (i >= targets.length) mutate(obj, r);
      return { ...t, yaml: JSON.stringify(obj, null, 1) };
    });
    const out = execFileSync(goBinary('schema'), [], {
      input: `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`,
      maxBuffer: 64 << 20,
    })
      .toString('utf8')
      .trimEnd()
      .split('\n');
    assert.equal(out.length, cases.length);
    const mismatches: string[] = [];
    let goOk = 0;
    let unknown = 0;
    cases.forEach((c, i) => {
      const go = JSON.parse(out[i] ?? '{}') as { ok: boolean; error?: string };
      const lines = loadManifests(c.yaml, 'x.yaml').diagnostics.map(
        (d) => `${d.path ?? ''}: ${d.message}`,
      );
      const tsUnknown = lines.filter((l) => UNKNOWN.test(l));
      const goUnknown = go.error?.includes('unknown field') ?? false;
      if (go.ok) goOk++;
      if (goUnknown) unknown++;
      if (goUnknown !== tsUnknown.length > 0) {
        mismatches.push(
          `${c.apiVersion} ${c.kind}: go=${go.error ?? 'ok'} ts=${tsUnknown.join(' | ') || 'ok'}\n${c.yaml}`,
        );
      }
    });
    console.log(
      `schema differential: ${cases.length} manifests, ${goOk} accepted by Go, ${unknown} with unknown fields`,
    );
    assert.deepEqual(mismatches.slice(0, 3), []);
    // Every unmutated base object is valid for its version, so mutations test something.
    const bases = out
      .slice(0, targets.length)
      .map((l) => (JSON.parse(l) as { ok: boolean; error?: string }).error ?? 'ok');
    assert.deepEqual(
      bases,
      targets.map(() => 'ok'),
    );
    assert.ok(
      goOk > cases.length / 5 && unknown > cases.length / 10,
      `weak cases: ${goOk} valid, ${unknown} unknown`,
    );
  });
});
