import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseNotificationYAML } from './parse.ts';
import { parseSecretsYAML } from './secret.ts';

const header = (kind: string, version = 'v1beta3') =>
  `apiVersion: notification.toolkit.fluxcd.io/${version}\nkind: ${kind}\nmetadata:\n  name: x\n  namespace: ns\n`;

describe('parseNotificationYAML', () => {
  it('reads the Flux Discord setup and skips other kinds', () => {
    const file = join(import.meta.dirname, 'testdata', 'flux-discord', 'notifications.yaml');
    const got = parseNotificationYAML(readFileSync(file, 'utf8'), 'notifications.yaml');
    assert.deepEqual(got.errors, []);
    assert.equal(got.providers.length, 1);
    assert.equal(got.alerts.length, 1);
    const p = got.providers[0]!;
    assert.deepEqual(
      [p.spec.type, p.spec.username, p.spec.secretRef?.name, p.spec.timeoutMs],
      ['discord', 'flux', 'discord-webhook', 15000],
    );
    const a = got.alerts[0]!;
    assert.deepEqual(
      a.spec.eventSources.map((s) => `${s.kind}/${s.namespace}/${s.name}`),
      [
        'ImageRepository/flux-system/*',
        'ImagePolicy/flux-system/nginxhello',
        'ImageUpdateAutomation/flux-system/*',
      ],
    );
    assert.deepEqual(a.spec.eventMetadata, { cluster: 'production' });
  });

  it('reads the Discord example of docs/alerts.md as written', () => {
    const doc = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'docs', 'alerts.md'),
      'utf8',
    );
    const start = doc.indexOf('```yaml\n') + '```yaml\n'.length;
    const yaml = doc.slice(start, doc.indexOf('```', start));
    const got = parseNotificationYAML(yaml, 'docs/alerts.md');
    assert.deepEqual(got.errors, []);
    assert.deepEqual(
      [got.providers[0]?.spec.type, got.alerts[0]?.spec.providerRef.name],
      ['discord', 'discord'],
    );
    const secrets = parseSecretsYAML(yaml, 'docs/alerts.md').secrets;
    assert.equal(
      secrets.get('flux-system/discord-webhook')?.address,
      'https://discord.com/api/webhooks/<id>/<token>',
    );
  });

  it('accepts v1beta2 and defaults the namespace and severity', () => {
    const text = `apiVersion: notification.toolkit.fluxcd.io/v1beta2
kind: Alert
metadata:
  name: old
spec:
  providerRef: {name: slack}
  summary: cluster prod
  eventSources:
    - kind: ImagePolicy
      name: app
      namespace: apps
`;
    const got = parseNotificationYAML(text, 'old.yaml');
    assert.deepEqual(got.errors, []);
    assert.match(
      got.warnings[0]?.message ?? '',
      /apiVersion "notification.toolkit.fluxcd.io\/v1beta2": deprecated/,
    );
    const a = got.alerts[0]!;
    assert.equal(a.metadata.namespace, 'default');
    assert.equal(a.spec.eventSeverity, 'info');
    assert.equal(a.spec.summary, 'cluster prod');
    assert.equal(a.spec.eventSources[0]?.namespace, 'apps');
  });

  const bad = [
    {
      name: 'unknown provider type',
      yaml: `${header('Provider')}spec:\n  type: carrier-pigeon\n`,
      field: 'spec.type',
      value: '"carrier-pigeon"',
    },
    {
      name: 'missing provider type',
      yaml: `${header('Provider')}spec:\n  address: https://x\n`,
      field: 'spec.type',
      value: '',
    },
    {
      name: 'bad timeout',
      yaml: `${header('Provider')}spec:\n  type: slack\n  timeout: 1h\n`,
      field: 'spec.timeout',
      value: '"1h"',
    },
    {
      name: 'bad proxy scheme',
      yaml: `${header('Provider')}spec:\n  type: slack\n  proxy: socks5://p:1080\n`,
      field: 'spec.proxy',
      value: '"socks5://p:1080/<redacted>"',
    },
    {
      name: 'commitStatusExpr on chat provider',
      yaml: `${header('Provider')}spec:\n  type: slack\n  commitStatusExpr: "'x'"\n`,
      field: 'spec.commitStatusExpr',
      value: `"'x'"`,
    },
    {
      name: 'secretRef without name',
      yaml: `${header('Provider')}spec:\n  type: slack\n  secretRef: {}\n`,
      field: 'spec.secretRef.name',
      value: '',
    },
    {
      name: 'suspend not a bool',
      yaml: `${header('Provider')}spec:\n  type: slack\n  suspend: "yes"\n`,
      field: 'spec.suspend',
      value: '"yes"',
    },
    {
      name: 'severity',
      yaml: `${header('Alert')}spec:\n  providerRef: {name: p}\n  eventSeverity: warn\n  eventSources: [{kind: ImagePolicy, name: a}]\n`,
      field: 'spec.eventSeverity',
      value: '"warn"',
    },
    {
      name: 'source kind',
      yaml: `${header('Alert')}spec:\n  providerRef: {name: p}\n  eventSources: [{kind: Deployment, name: a}]\n`,
      field: 'spec.eventSources[0].kind',
      value: '"Deployment"',
    },
    {
      name: 'source name missing',
      yaml: `${header('Alert')}spec:\n  providerRef: {name: p}\n  eventSources: [{kind: ImagePolicy}]\n`,
      field: 'spec.eventSources[0].name',
      value: '',
    },
    {
      name: 'no providerRef',
      yaml: `${header('Alert')}spec:\n  eventSources: [{kind: ImagePolicy, name: a}]\n`,
      field: 'spec.providerRef',
      value: '',
    },
    {
      name: 'no eventSources',
      yaml: `${header('Alert')}spec:\n  providerRef: {name: p}\n`,
      field: 'spec.eventSources',
      value: '',
    },
    {
      name: 'summary too long',
      yaml: `${header('Alert')}spec:\n  providerRef: {name: p}\n  summary: ${'s'.repeat(256)}\n  eventSources: [{kind: ImagePolicy, name: a}]\n`,
      field: 'spec.summary',
      value: `"${'s'.repeat(117)}..."`,
    },
    {
      name: 'eventMetadata value not a string',
      yaml: `${header('Alert')}spec:\n  providerRef: {name: p}\n  eventMetadata: {num: 1}\n  eventSources: [{kind: ImagePolicy, name: a}]\n`,
      field: 'spec.eventMetadata.num',
      value: '1',
    },
    {
      name: 'unsupported version',
      yaml: header('Alert', 'v1'),
      field: 'apiVersion',
      value: '"notification.toolkit.fluxcd.io/v1"',
    },
  ];
  for (const c of bad) {
    it(`rejects: ${c.name}`, () => {
      const got = parseNotificationYAML(c.yaml, 'bad.yaml');
      assert.equal(got.providers.length + got.alerts.length, 0);
      const e = got.errors.find((x) => x.field === c.field);
      assert.ok(e, `no error for ${c.field}: ${got.errors.map((x) => x.message).join('; ')}`);
      assert.equal(e.value, c.value);
      assert.equal(e.file, 'bad.yaml');
      assert.equal(e.doc, 1);
      assert.equal(e.object, 'ns/x');
      assert.ok(
        e.message.startsWith(`bad.yaml (document 1): ${e.kind} ns/x: ${c.field}`),
        e.message,
      );
    });
  }

  it('one bad document does not stop the others', () => {
    const text = [
      `${header('Provider')}spec:\n  type: nope\n`,
      'key: [unclosed\n',
      `${header('Provider').replace('name: x', 'name: good')}spec:\n  type: generic\n  address: http://127.0.0.1/hook\n`,
    ].join('---\n');
    const got = parseNotificationYAML(text, 'mixed.yaml');
    assert.deepEqual(
      got.providers.map((p) => p.metadata.name),
      ['good'],
    );
    assert.deepEqual(
      got.errors.map((e) => [e.doc, e.field]),
      [
        [1, 'spec.type'],
        [2, '(yaml)'],
      ],
    );
  });

  it('reads a course-era v1beta1 Alert with a warning', () => {
    const got = parseNotificationYAML(
      `${header('Alert', 'v1beta1')}spec:\n  providerRef: {name: discord}\n  eventSeverity: info\n  eventSources:\n    - {kind: ImagePolicy, name: nginxhello}\n`,
      'old.yaml',
    );
    assert.deepEqual(got.errors, []);
    assert.equal(got.alerts[0]?.spec.eventSources[0]?.name, 'nginxhello');
    assert.equal(got.warnings[0]?.field, 'apiVersion');
  });

  it('reads YAML 1.1 booleans like the apiserver', () => {
    const got = parseNotificationYAML(
      `${header('Provider')}spec:\n  type: slack\n  suspend: yes\n`,
      'b.yaml',
    );
    assert.equal(got.providers[0]?.spec.suspend, true);
  });

  it('never echoes a webhook address in errors', () => {
    const long = `https://hooks.slack.com/services/T000/B000/${'x'.repeat(2100)}`;
    const got = parseNotificationYAML(
      `${header('Provider')}spec:\n  type: slack\n  address: ${long}\n`,
      'a.yaml',
    );
    assert.equal(got.errors[0]?.field, 'spec.address');
    assert.ok(!got.errors[0]?.message.includes('B000'), got.errors[0]?.message);
  });

  it('loads an Alert with a bad regex but warns about it', () => {
    const got = parseNotificationYAML(
      `${header('Alert')}spec:\n  providerRef: {name: p}\n  inclusionList: ['(?i)ok', '(unclosed']\n  eventSources: [{kind: ImagePolicy, name: a}]\n`,
      'w.yaml',
    );
    assert.equal(got.alerts.length, 1);
    assert.equal(got.warnings[0]?.field, 'spec.inclusionList[1]');
  });
});
