import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic } from './diagnostic.ts';
import { loadManifests } from './load.ts';
import type {
  ImagePolicy,
  ImageRepository,
  ImageUpdateAutomation,
  ManifestObject,
} from './model.ts';

const IR = (spec: string, apiVersion = 'image.toolkit.fluxcd.io/v1') => `apiVersion: ${apiVersion}
kind: ImageRepository
metadata:
  name: app
  namespace: apps
spec:
${spec}`;
const IP = (spec: string, apiVersion = 'image.toolkit.fluxcd.io/v1') => `apiVersion: ${apiVersion}
kind: ImagePolicy
metadata:
  name: app
  namespace: apps
spec:
  imageRepositoryRef:
    name: app
${spec}`;
const IUA = (spec: string, apiVersion = 'image.toolkit.fluxcd.io/v1') => `apiVersion: ${apiVersion}
kind: ImageUpdateAutomation
metadata:
  name: auto
  namespace: apps
spec:
  interval: 5m
  sourceRef:
    name: repo
${spec}`;
const GIT = `  git:
    commit:
      author:
        email: bot@example.com`;

function load(text: string) {
  const r = loadManifests(text, 'm.yaml');
  return { ...r, lines: r.diagnostics.map(formatDiagnostic) };
}

function only<T extends ManifestObject>(objects: ManifestObject[]): T {
  assert.equal(objects.length, 1, 'expected exactly one valid object');
  return objects[0] as T;
}

describe('loadManifests: defaults applied as Flux does', () => {
  it('ImageRepository defaults: exclusionList, timeout = interval, provider, canonical name', () => {
    const r = load(IR('  image: alpine\n  interval: 5m'));
    assert.deepEqual(r.lines, []);
    const repo = only<ImageRepository>(r.objects);
    assert.deepEqual(repo.spec.exclusionList, ['^.*\\.sig$']);
    assert.equal(repo.spec.timeout.ms, 300_000);
    assert.equal(repo.spec.provider, 'generic');
    assert.equal(repo.spec.insecure, false);
    assert.equal(repo.spec.canonicalImageName, 'index.docker.io/library/alpine');
  });

  const exclusionCases = [
    { name: 'empty list falls back to the default', list: '[]', want: ['^.*\\.sig$'] },
    { name: 'a given list replaces the default', list: '["^dev-"]', want: ['^dev-'] },
  ];
  for (const c of exclusionCases) {
    it(`exclusionList: ${c.name}`, () => {
      const r = load(IR(`  image: alpine\n  interval: 5m\n  exclusionList: ${c.list}`));
      assert.deepEqual(only<ImageRepository>(r.objects).spec.exclusionList, c.want);
    });
  }

  const timeoutCases = [
    { spec: '  interval: 500ms', want: 1000 },
    { spec: '  interval: 1h\n  timeout: 90s', want: 90_000 },
    { spec: '  interval: 1h\n  timeout: 100ms', want: 1000 },
    { spec: '  interval: 1m30s', want: 90_000 },
  ];
  for (const c of timeoutCases) {
    it(`effective timeout for ${JSON.stringify(c.spec)} is ${c.want}ms`, () => {
      const r = load(IR(`  image: alpine\n${c.spec}`));
      assert.equal(only<ImageRepository>(r.objects).spec.timeout.ms, c.want);
    });
  }

  it('ImagePolicy defaults: order asc, digest policy Never, ref namespace = own namespace', () => {
    const r = load(IP('  policy:\n    alphabetical: {}'));
    assert.deepEqual(r.lines, []);
    const p = only<ImagePolicy>(r.objects);
    assert.deepEqual(p.spec.policy, { kind: 'alphabetical', order: 'asc' });
    assert.equal(p.spec.digestReflectionPolicy, 'Never');
    assert.deepEqual(p.spec.imageRepositoryRef, { name: 'app', namespace: 'apps' });
    assert.equal(p.spec.filterTags, undefined);
    assert.equal(p.spec.interval, undefined);
  });

  it('ImagePolicy Always with interval 0s uses 10m', () => {
    const r = load(
      IP(
        "  policy:\n    semver:\n      range: '>=1.0.0'\n  digestReflectionPolicy: Always\n  interval: 0s",
      ),
    );
    assert.deepEqual(r.lines, []);
    assert.equal(only<ImagePolicy>(r.objects).spec.interval?.ms, 600_000);
  });

  it('ImageUpdateAutomation defaults: sourceRef kind/namespace, update Setters at root', () => {
    const r = load(IUA(GIT));
    assert.deepEqual(r.lines, []);
    const a = only<ImageUpdateAutomation>(r.objects);
    assert.deepEqual(a.spec.sourceRef, { kind: 'GitRepository', name: 'repo', namespace: 'apps' });
    assert.deepEqual(a.spec.update, { strategy: 'Setters', path: '' });
    assert.equal(a.spec.git?.commit.messageTemplate, undefined);
    assert.equal(a.spec.git?.commit.author.name, '');
  });

  it('objects without a namespace get the default namespace', () => {
    const text =
      'apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageRepository\nmetadata: {name: x}\nspec: {image: alpine, interval: 1m}\n';
    assert.equal(loadManifests(text, 'f').objects[0]?.metadata.namespace, 'default');
    assert.equal(
      loadManifests(text, 'f', { defaultNamespace: 'ops' }).objects[0]?.metadata.namespace,
      'ops',
    );
  });

  it('reads YAML 1.1 booleans as Kubernetes does', () => {
    const r = load(IR('  image: alpine\n  interval: 5m\n  suspend: yes'));
    assert.equal(only<ImageRepository>(r.objects).spec.suspend, true);
  });
});

// Each case: manifest → substrings every reported line must contain, per severity.
const problemCases: {
  name: string;
  text: string;
  errors?: string[];
  warnings?: string[];
  valid?: number;
}[] = [
  {
    name: 'policy with no member (mis-indented alphabetical)',
    text: IP('  policy:\n  alphabetical:\n    order: asc'),
    errors: [
      'm.yaml:9:3: error (document 1): ImagePolicy apps/app spec.policy: needs exactly one of semver, numerical or alphabetical; spec.alphabetical is not a field of spec: indent it under policy: (Flux stalls: "given ImagePolicyChoice object is invalid")',
    ],
    warnings: [
      'm.yaml:10:3: warning (document 1): ImagePolicy apps/app spec.alphabetical: unknown field, ignored (Kubernetes drops it); did you mean spec.policy.alphabetical?',
    ],
  },
  {
    name: 'policy: {} is invalid',
    text: IP('  policy: {}'),
    errors: ['spec.policy {}: needs exactly one of semver, numerical or alphabetical'],
  },
  {
    name: 'policy member set to null counts as unset',
    text: IP('  policy:\n    numerical:'),
    errors: [
      'spec.policy {"numerical":null}: needs exactly one of semver, numerical or alphabetical; numerical is empty',
    ],
  },
  {
    name: 'several policy members: Flux uses semver first',
    text: IP("  policy:\n    numerical: {order: desc}\n    semver: {range: '1.x'}"),
    warnings: ['spec.policy: sets semver and numerical; Flux uses only semver'],
    valid: 1,
  },
  {
    name: 'bad order value',
    text: IP('  policy:\n    numerical: {order: DESC}'),
    errors: ['spec.policy.numerical.order "DESC": must be one of asc, desc'],
  },
  {
    name: 'unparsable semver range',
    text: IP("  policy:\n    semver: {range: 'not a range'}"),
    errors: [
      'spec.policy.semver.range "not a range": improper constraint: "not a range" (Flux stalls: InvalidPolicy)',
    ],
  },
  {
    name: 'empty semver range',
    text: IP("  policy:\n    semver: {range: ''}"),
    errors: ['spec.policy.semver.range "": improper constraint: "" (Flux stalls: InvalidPolicy)'],
  },
  {
    name: 'bad filter pattern',
    text: IP("  policy:\n    alphabetical: {}\n  filterTags:\n    pattern: '^v(?P<x'"),
    errors: ['spec.filterTags.pattern "^v(?P<x": invalid regular expression pattern'],
  },
  {
    name: 'extract refers to groups the pattern lacks',
    text: IP(
      "  policy:\n    numerical: {}\n  filterTags:\n    pattern: '^main-(?P<ts>[0-9]+)'\n    extract: '$timestamp-$2-${ts}$$1'",
    ),
    warnings: [
      'spec.filterTags.extract "$timestamp-$2-${ts}$$1": refers to $timestamp, $2, which spec.filterTags.pattern does not define; Flux expands them to an empty string for every tag',
    ],
    valid: 1,
  },
  {
    name: 'interval without Always',
    text: IP('  policy: {alphabetical: {}}\n  interval: 5m'),
    errors: [
      'spec.interval "5m": spec.interval is only accepted when spec.digestReflectionPolicy is set to \'Always\'',
    ],
  },
  {
    name: 'Always without interval',
    text: IP('  policy: {alphabetical: {}}\n  digestReflectionPolicy: Always'),
    errors: [
      "spec.interval: spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'",
    ],
  },
  {
    name: 'interval with a day unit',
    text: IR('  image: alpine\n  interval: 1d'),
    errors: ['spec.interval "1d": must match ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$'],
  },
  {
    name: 'timeout with hours (not allowed by the CRD)',
    text: IR('  image: alpine\n  interval: 5m\n  timeout: 1h'),
    errors: ['spec.timeout "1h": must match ^([0-9]+(\\.[0-9]+)?(ms|s|m))+$'],
  },
  {
    name: 'interval overflowing Go durations',
    text: IR('  image: alpine\n  interval: 9999999999h'),
    errors: ['spec.interval "9999999999h": time: invalid duration "9999999999h"'],
  },
  {
    name: 'image with a tag',
    text: IR('  image: ghcr.io/app/web:1.0\n  interval: 5m'),
    errors: [
      "spec.image \"ghcr.io/app/web:1.0\": image 'ghcr.io/app/web:1.0' should not include a tag; remove ':1.0' (Flux stalls: ImageURLInvalid)",
    ],
  },
  {
    name: 'image with a scheme',
    text: IR('  image: https://ghcr.io/app/web\n  interval: 5m'),
    errors: ["should not include URL scheme; remove 'https://'"],
  },
  {
    name: 'image in upper case',
    text: IR('  image: ghcr.io/App/web\n  interval: 5m'),
    errors: ['spec.image "ghcr.io/App/web": could not parse reference: ghcr.io/App/web'],
  },
  {
    name: 'bad exclusion regex and too many exclusions',
    text: IR(
      `  image: alpine\n  interval: 5m\n  exclusionList: ['(', ${Array.from({ length: 25 }, (_, i) => `'x${i}'`).join(', ')}]`,
    ),
    errors: [
      'spec.exclusionList: must have at most 25 items, has 26',
      'spec.exclusionList[0] "(": invalid regular expression',
    ],
  },
  {
    name: 'provider on v1beta1 is unknown there',
    text: IR('  image: alpine\n  interval: 5m\n  provider: aws', 'image.toolkit.fluxcd.io/v1beta1'),
    warnings: [
      'apiVersion: image.toolkit.fluxcd.io/v1beta1 was removed in Flux image controllers v1.0',
      'spec.provider: unknown field, ignored (Kubernetes drops it); it is a field of image.toolkit.fluxcd.io/v1 only',
    ],
    valid: 1,
  },
  {
    name: 'v1beta2 is deprecated but read',
    text: IR('  image: alpine\n  interval: 5m', 'image.toolkit.fluxcd.io/v1beta2'),
    warnings: ['image.toolkit.fluxcd.io/v1beta2 is deprecated'],
    valid: 1,
  },
  {
    name: 'v1alpha1 is not supported',
    text: IR('  image: alpine\n  interval: 5m', 'image.toolkit.fluxcd.io/v1alpha1'),
    errors: ['image.toolkit.fluxcd.io/v1alpha1 is not supported'],
  },
  {
    name: 'unknown kind in the image group',
    text: 'apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolcy\nmetadata: {name: x}\n',
    errors: [
      'unknown kind "ImagePolcy" in image.toolkit.fluxcd.io (known: ImageRepository, ImagePolicy, ImageUpdateAutomation); did you mean ImagePolicy?',
    ],
  },
  {
    name: 'unknown field in a v1 spec with a case hint',
    text: IR('  image: alpine\n  interval: 5m\n  exclusionlist: []'),
    warnings: [
      'spec.exclusionlist: unknown field, ignored (Kubernetes drops it); did you mean spec.exclusionList?',
    ],
    valid: 1,
  },
  {
    name: 'missing name and bad namespace',
    text: 'apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageRepository\nmetadata:\n  namespace: Apps\nspec: {image: alpine, interval: 1m}\n',
    errors: [
      'metadata.name: is required',
      'metadata.namespace "Apps": must be a lowercase RFC 1123 label',
    ],
  },
  {
    name: 'kind without apiVersion',
    text: 'kind: ImagePolicy\nmetadata: {name: x}\n',
    errors: ['apiVersion: must be a non-empty string'],
  },
  {
    name: 'number where a string is needed',
    text: IUA(`${GIT}\n    checkout:\n      ref:\n        branch: 2024`),
    errors: ['spec.git.checkout.ref.branch 2024: must be a string, not a number'],
  },
  {
    name: 'automation without git, with a wrong source kind and strategy',
    text: IUA('  update: {strategy: Kustomize}').replace(
      '    name: repo',
      '    name: repo\n    kind: Bucket',
    ),
    errors: [
      'spec.sourceRef.kind "Bucket": must be one of GitRepository',
      'spec.update.strategy "Kustomize": must be one of Setters',
      'spec.git: is required: Flux stalls with "source kind \'GitRepository\' necessitates field .spec.git"',
    ],
  },
  {
    name: 'bad policy selector',
    text: IUA(
      `${GIT}\n  policySelector:\n    matchExpressions:\n      - {key: app, operator: In}\n      - {key: tier, operator: Exists, values: [x]}`,
    ),
    errors: [
      'spec.policySelector.matchExpressions[0].values: must not be empty for operator In',
      'spec.policySelector.matchExpressions[1].values ["x"]: must be empty for operator Exists',
    ],
  },
  {
    name: 'workload identity needs a feature gate',
    text: IR('  image: alpine\n  interval: 5m\n  provider: aws\n  serviceAccountName: irsa'),
    warnings: [
      'spec.serviceAccountName: with provider aws needs the ObjectLevelWorkloadIdentity feature gate',
    ],
    valid: 1,
  },
  {
    name: 'removed template field',
    text: IUA(`${GIT}\n      messageTemplate: '{{ range .Updated.Images }}{{ . }}{{ end }}'`),
    warnings: ['spec.git.commit.messageTemplate: uses .Updated, which Flux v1 removed'],
    valid: 1,
  },
  {
    name: 'signingKey.type is v1 only',
    text: IUA(
      `${GIT}\n      signingKey: {secretRef: {name: k}, type: ssh}`,
      'image.toolkit.fluxcd.io/v1beta2',
    ),
    warnings: [
      'deprecated',
      'spec.git.commit.signingKey.type: unknown field, ignored (Kubernetes drops it); it is a field of image.toolkit.fluxcd.io/v1 only',
    ],
    valid: 1,
  },
  {
    name: 'URL credentials are masked in messages',
    text: 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata: {name: r}\nspec: {interval: 1m, url: "git+https://bot:12345678@example.com/r.git"}\n',
    errors: ['spec.url "git+https://***@example.com/r.git": must match ^(http|https|ssh)://.*$'],
  },
  {
    name: 'URL credentials in an image are masked in Flux messages too',
    text: IR('  image: https://bot:12345678@ghcr.io/org/app\n  interval: 5m'),
    errors: [
      "spec.image \"https://***@ghcr.io/org/app\": image 'https://***@ghcr.io/org/app' should not include URL scheme; remove 'https://'",
    ],
  },
  {
    name: 'Secret values never appear in messages',
    text: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: apps}\ndata:\n  password: 12345678\n',
    errors: ['Secret apps/s data.password: must be a string, not a number'],
  },
  {
    name: 'a Helm template is skipped with one warning',
    text: 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  {{- if .Values.x }}\n  replicas: {{ .Values.r }}\n  {{- end }}\n',
    warnings: [
      'm.yaml:4:5: warning (document 1): not valid YAML and contains {{ }}: looks like a template, skipped',
    ],
  },
  {
    name: 'a broken Flux manifest with a template string keeps its errors',
    text: IUA(`${GIT}\n      messageTemplate: '{{ .Changed }}'\n  broken: [`),
    errors: ['invalid YAML'],
  },
  {
    name: 'non-Flux objects and plain YAML are skipped silently',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\nreplicas: 3\n---\n- a\n---\n',
  },
];

describe('loadManifests: problems name file, document, object, field, value and why', () => {
  for (const c of problemCases) {
    it(c.name, () => {
      const r = load(c.text);
      const errors = r.lines.filter((l) => l.includes(': error'));
      const warnings = r.lines.filter((l) => l.includes(': warning'));
      for (const want of c.errors ?? []) {
        assert.ok(
          errors.some((l) => l.includes(want)),
          `no error containing ${JSON.stringify(want)} in:\n${r.lines.join('\n')}`,
        );
      }
      for (const want of c.warnings ?? []) {
        assert.ok(
          warnings.some((l) => l.includes(want)),
          `no warning containing ${JSON.stringify(want)} in:\n${r.lines.join('\n')}`,
        );
      }
      assert.equal(errors.length, (c.errors ?? []).length, `errors:\n${errors.join('\n')}`);
      assert.equal(warnings.length, (c.warnings ?? []).length, `warnings:\n${warnings.join('\n')}`);
      assert.equal(r.objects.length, c.valid ?? 0);
      assert.ok(!r.lines.some((l) => l.includes('12345678')), 'secret value leaked');
    });
  }
});

describe('loadManifests: one bad document never stops the others', () => {
  it('loads the valid documents around a broken one and keeps document numbers', () => {
    const text = [
      IR('  image: alpine\n  interval: 5m'),
      'spec: [unclosed',
      IP('  policy: {semver: {range: "1.x"}}'),
    ].join('\n---\n');
    const r = load(text);
    assert.deepEqual(
      r.objects.map((o) => o.kind),
      ['ImageRepository', 'ImagePolicy'],
    );
    assert.deepEqual(
      r.objects.map((o) => o.origin.document),
      [1, 3],
    );
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]?.document, 2);
    assert.match(r.lines[0] ?? '', /^m\.yaml:\d+:\d+: error \(document 2\): invalid YAML/);
  });

  it('reads the items of a List (kubectl get -o yaml)', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: image.toolkit.fluxcd.io/v1',
      '  kind: ImageRepository',
      '  metadata: {name: app, namespace: apps}',
      '  spec: {image: alpine, interval: 5m}',
      '- apiVersion: image.toolkit.fluxcd.io/v1',
      '  kind: ImagePolicy',
      '  metadata: {name: p, namespace: apps}',
      '  spec:',
      '    imageRepositoryRef: {name: app}',
      '    policy: {}',
    ].join('\n');
    const r = load(text);
    assert.deepEqual(
      r.objects.map((o) => o.kind),
      ['ImageRepository'],
    );
    assert.equal(r.lines.length, 1, r.lines.join('\n'));
    assert.match(
      r.lines[0] ?? '',
      /^m\.yaml:13:5: error \(document 1\): ImagePolicy apps\/p spec\.policy \{\}: needs exactly one/,
    );
  });

  it('records invalid objects so references to them still resolve', () => {
    const r = load(IP('  policy: {}'));
    assert.deepEqual(
      r.invalid.map((o) => `${o.kind} ${o.namespace}/${o.name}`),
      ['ImagePolicy apps/app'],
    );
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      );
    const r = load(`apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n${bomb.join('\n')}\n`);
    assert.equal(r.objects.length, 0);
    assert.match(r.lines.join('\n'), /invalid YAML: .*alias/i);
  });
});
