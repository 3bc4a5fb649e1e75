import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReceiverYAML } from './parse-receiver.ts';
import { webhookPath } from './webhook-path.ts';

function receiver(spec: string, apiVersion = 'notification.toolkit.fluxcd.io/v1'): string {
  return `apiVersion: ${apiVersion}\nkind: Receiver\nmetadata:\n  name: r\n  namespace: flux-system\nspec:\n${spec}`;
}

const base = '  type: generic\n  secretRef:\n    name: tok\n';
const res = '  resources:\n    - kind: ImageRepository\n      name: app\n';

const bad = [
  {
    spec: `  type: gitlab-ee\n  secretRef:\n    name: tok\n${res}`,
    want: 'Receiver flux-system/r: spec.type "gitlab-ee": must be one of',
  },
  {
    spec: `  type: generic-oidc\n  secretRef:\n    name: tok\n${res}`,
    want: 'spec.type "generic-oidc": is a Flux receiver type tagpilot does not support',
  },
  { spec: `  type: generic\n${res}`, want: 'spec.secretRef: is required' },
  { spec: base, want: 'spec.resources: is required' },
  {
    spec: `${base}  resources:\n    - kind: Deployment\n      name: app\n`,
    want: 'spec.resources[0].kind "Deployment": must be one of',
  },
  {
    spec: `${base}  resources:\n    - kind: ImageRepository\n`,
    want: 'spec.resources[0].name: is required',
  },
  {
    spec: `${base}  resources:\n    - kind: ImageRepository\n      name: "*"\n`,
    want: "spec.resources[0].matchLabels: is required when name is '*'",
  },
  {
    spec: `${base}  resources:\n    - kind: ImageRepository\n      name: app\n      filter: res.x == 1\n`,
    want: 'spec.resources[0].filter "res.x == 1": CEL filters are not supported',
  },
  {
    spec: `${base}${res}  resourceFilter: "true"\n`,
    want: 'spec.resourceFilter "true": CEL filters are not supported',
  },
  { spec: `${base}${res}  events: push\n`, want: 'spec.events "push": must be a list of strings' },
  { spec: `${base}${res}  suspend: "yes"\n`, want: 'spec.suspend "yes": must be true or false' },
  {
    spec: `${base}${res}`,
    apiVersion: 'notification.toolkit.fluxcd.io/v2',
    want: 'apiVersion "notification.toolkit.fluxcd.io/v2": must be',
  },
];

describe('parseReceiverYAML rejects bad Receivers with file, object, field and value', () => {
  for (const c of bad) {
    it(c.want, () => {
      const out = parseReceiverYAML(receiver(c.spec, c.apiVersion), 'receivers.yaml');
      assert.equal(out.receivers.length, 0);
      const messages = out.errors.map((e) => e.message);
      assert.ok(
        messages.some(
          (m) => m.startsWith('receivers.yaml (document 1): Receiver') && m.includes(c.want),
        ),
        messages.join('\n'),
      );
    });
  }

  it('keeps the good Receivers of a file that also holds a bad one, and skips other kinds', () => {
    const text = [
      receiver(`  type: nope\n${res}`),
      'apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolicy\nmetadata:\n  name: p\n',
      receiver(`${base}${res}`, 'notification.toolkit.fluxcd.io/v1beta2').replace(
        'name: r',
        'name: ok',
      ),
      'key: [unclosed',
    ].join('\n---\n');
    const out = parseReceiverYAML(text, 'mixed.yaml');
    assert.deepEqual(
      out.receivers.map((r) => r.name),
      ['ok'],
    );
    assert.deepEqual([...new Set(out.errors.map((e) => e.doc))], [1, 4]);
    assert.ok(out.errors.at(-1)?.message.startsWith('mixed.yaml (document 4): document'));
  });

  it('warns about kinds tagpilot does not reconcile and about empty resources', () => {
    const out = parseReceiverYAML(
      receiver(
        `${base}  resources:\n    - kind: Kustomization\n      name: apps\n    - kind: ImagePolicy\n      name: p\n`,
      ),
      'r.yaml',
    );
    assert.equal(out.receivers.length, 1);
    assert.match(
      out.warnings[0]?.message ?? '',
      /spec\.resources\[0\]\.kind "Kustomization": is not reconciled by tagpilot/,
    );
    const empty = parseReceiverYAML(receiver(`${base}  resources: []\n`), 'r.yaml');
    assert.match(empty.warnings[0]?.message ?? '', /spec\.resources \[\]: is empty/);
  });

  it('reads every field of a valid Receiver and defaults the namespace', () => {
    const text = receiver(
      `  type: github\n  events: [package, ping]\n  suspend: true\n  interval: 10m\n  secretRef:\n    name: tok\n  resources:\n    - apiVersion: image.toolkit.fluxcd.io/v1\n      kind: ImageRepository\n      name: "*"\n      namespace: apps\n      matchLabels:\n        team: web\n`,
    ).replace('  namespace: flux-system\n', '');
    const [r] = parseReceiverYAML(text, 'r.yaml', 'tenant').receivers;
    assert.deepEqual(r, {
      name: 'r',
      namespace: 'tenant',
      type: 'github',
      secretName: 'tok',
      events: ['package', 'ping'],
      suspend: true,
      resources: [
        {
          apiVersion: 'image.toolkit.fluxcd.io/v1',
          kind: 'ImageRepository',
          name: '*',
          namespace: 'apps',
          matchLabels: { team: 'web' },
        },
      ],
    });
  });
});

describe('webhookPath', () => {
  it('is /hook/ + sha256(token + name + namespace), as sha256sum computes it', () => {
    // printf '%s' 'my-tokenflux-receiverflux-system' | sha256sum
    assert.equal(
      webhookPath('my-token', 'flux-receiver', 'flux-system'),
      '/hook/238e2a9cfdb00acf8396633e1be55d74b3fc74a20bfdde6a78906c2bc907fe1a',
    );
  });
});
