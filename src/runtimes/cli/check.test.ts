// `tagpilot check` as a user runs it: a real child process over real files.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runTagpilot } from '../../../test/support/cli.ts';

const seeds = join(import.meta.dirname, '..', '..', 'api', 'testdata', 'seeds');

const good = `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata: {name: web, namespace: apps}
spec: {image: ghcr.io/org/web, interval: 5m}
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata: {name: web, namespace: apps}
spec:
  imageRepositoryRef: {name: web}
  policy: {semver: {range: '>=1.0.0'}}
`;

describe('tagpilot check (CLI)', { concurrency: 4 }, () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tagpilot-check-'));
    await mkdir(join(dir, 'ok'));
    await writeFile(join(dir, 'ok', 'web.yaml'), good);
    await writeFile(join(dir, 'ok', 'values.yaml'), 'replicas: 2\n');
    await mkdir(join(dir, 'ok', 'chart', 'templates'), { recursive: true });
    await writeFile(
      join(dir, 'ok', 'chart', 'templates', 'deploy.yaml'),
      'spec:\n  {{- if .Values.on }}\n  replicas: 1\n  {{- end }}\n',
    );
    await writeFile(
      join(dir, 'warn.yaml'),
      good.replace('v1\nkind: ImagePolicy', 'v1beta2\nkind: ImagePolicy'),
    );
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases = [
    {
      name: 'clean directory with a Helm chart in it',
      args: () => ['check', join(dir, 'ok')],
      code: 0,
      stdout:
        /deploy\.yaml:2:\d+: warning \(document 1\): not valid YAML and contains \{\{ \}\}: looks like a template, skipped/,
      stderr: /✔ 2 object\(s\) in 3 file\(s\): 0 error\(s\), 1 warning\(s\)/,
    },
    {
      name: 'warnings only exit 0',
      args: () => ['check', join(dir, 'warn.yaml')],
      code: 0,
      stdout:
        /warning \(document 2\): ImagePolicy apps\/web apiVersion: image\.toolkit\.fluxcd\.io\/v1beta2 is deprecated/,
      stderr: /✔ .* 0 error\(s\), 1 warning\(s\)/,
    },
    {
      name: 'seed with the mis-indented policy exits 1',
      args: () => ['check', join(seeds, 'wac-hospital')],
      code: 1,
      stdout:
        /input\.yaml:31:3: error \(document 3\): ImagePolicy wac-hospital\/ambulance-ufe spec\.policy: needs exactly one of semver, numerical or alphabetical/,
      stderr: /✗ 3 object\(s\) in 1 file\(s\): 2 error\(s\)/,
    },
    {
      name: 'missing path exits 2 but checks the rest',
      args: () => ['check', join(dir, 'nope'), join(dir, 'ok')],
      code: 2,
      stdout: /nope: error: no such file or directory/,
      stderr: /2 object\(s\)/,
    },
    {
      name: 'no paths is a usage error',
      args: () => ['check'],
      code: 2,
      stdout: /^$/,
      stderr: /give at least one file or directory/,
    },
    {
      name: 'bad output format',
      args: () => ['check', '-o', 'yaml', dir],
      code: 2,
      stdout: /^$/,
      stderr: /-o must be text or json/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await runTagpilot(c.args());
      assert.equal(r.code, c.code, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
      assert.match(r.stdout, c.stdout);
      assert.match(r.stderr, c.stderr);
    });
  }

  it('--namespace sets the namespace of objects that have none', async () => {
    const file = join(dir, 'nons.yaml');
    await writeFile(file, good.replaceAll(', namespace: apps', ''));
    const r = await runTagpilot(['check', '-o', 'json', '--namespace', 'ops', file]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { objects: { namespace: string }[] };
    assert.deepEqual(
      report.objects.map((o) => o.namespace),
      ['ops', 'ops'],
    );
  });

  it('checks notification Providers, Alerts and Receivers too', async () => {
    const file = join(dir, 'notify.yaml');
    await writeFile(
      file,
      `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: {name: chat, namespace: apps}
spec: {type: discordd}
---
apiVersion: notification.toolkit.fluxcd.io/v1
kind: Receiver
metadata: {name: hook, namespace: apps}
spec:
  type: generic
  resources: [{kind: ImageRepository, name: web}]
`,
    );

    const r = await runTagpilot(['check', file]);

    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stdout,
      /error \(document 1\): Provider apps\/chat spec\.type "discordd": must be one of/,
    );
    assert.match(r.stdout, /error \(document 2\): Receiver apps\/hook spec\.secretRef/);
  });

  it('reads manifests from stdin for -', async () => {
    const r = await runTagpilot(['check', '-'], {
      stdin: good.replace('policy: {semver', 'policy: {semverr'),
    });
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stdout,
      /^<stdin>:11:3: error \(document 2\): ImagePolicy apps\/web spec\.policy/m,
    );
    assert.match(
      r.stdout,
      /<stdin>:11:12: warning \(document 2\): ImagePolicy apps\/web spec\.policy\.semverr: unknown field, ignored \(Kubernetes drops it\); did you mean spec\.policy\.semver\?/,
    );
  });

  it('-o json reports objects and diagnostics', async () => {
    const r = await runTagpilot(['check', '-o', 'json', seeds]);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as {
      files: number;
      objects: { kind: string }[];
      errors: number;
      warnings: number;
      diagnostics: { severity: string; file: string; path?: string }[];
    };
    assert.ok(report.files >= 8, `files: ${report.files}`);
    assert.equal(report.errors, report.diagnostics.filter((d) => d.severity === 'error').length);
    assert.ok(report.objects.some((o) => o.kind === 'ImageUpdateAutomation'));
    assert.ok(
      report.diagnostics.some(
        (d) =>
          d.path === 'spec.alphabetical' && d.file.endsWith(join('wac-hospital', 'input.yaml')),
      ),
    );
  });
});
