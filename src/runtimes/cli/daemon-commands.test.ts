import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parse } from 'yaml';
import { runTagpilot } from '../../../test/support/cli.ts';
import { goBinary } from '../../../test/support/go.ts';
import { askGo } from '../../../test/support/go-lines.ts';
import type { DaemonObject } from './daemon-client.ts';
import { type FakeDaemon, startFakeDaemon } from './flux/fake-daemon.test-support.ts';
import { memoryIO } from './flux/memory-io.test-support.ts';
import { runCli } from './main.ts';

const ready = (message: string, status: 'True' | 'False' = 'True') => ({
  type: 'Ready',
  status,
  reason: status === 'True' ? 'Succeeded' : 'Failed',
  message,
});

function fixtures(): DaemonObject[] {
  return [
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImageRepository',
      metadata: {
        name: 'podinfo',
        namespace: 'flux-system',
        labels: { team: 'a' },
        annotations: { 'reconcile.fluxcd.io/requestedAt': 'old', note: 'kept' },
      },
      spec: {
        image: 'ghcr.io/stefanprodan/podinfo',
        interval: '5m',
        exclusionList: ['^.*\\.sig$'],
      },
      status: {
        conditions: [ready('successful scan: found 3 tags with checksum 123')],
        lastScanResult: { tagCount: 3, scanTime: '2026-11-23T10:00:00.123Z' },
      },
    },
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1beta2',
      kind: 'ImageRepository',
      metadata: { name: 'app', namespace: 'apps' },
      spec: { image: 'docker.io/org/app', interval: '1m', suspend: true },
    },
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImagePolicy',
      metadata: { name: 'podinfo', namespace: 'flux-system' },
      spec: { imageRepositoryRef: { name: 'podinfo' }, policy: { semver: { range: '>=5.0.0' } } },
      status: {
        conditions: [ready('Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 5.0.3')],
        latestRef: { name: 'ghcr.io/stefanprodan/podinfo', tag: '5.0.3', digest: 'sha256:abc' },
      },
    },
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImageUpdateAutomation',
      metadata: { name: 'flux-system', namespace: 'flux-system' },
      spec: { interval: '1m', sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
    },
  ];
}

describe('daemon-backed image commands', () => {
  let d: FakeDaemon;
  const run = async (...args: string[]) => {
    const io = memoryIO({ TAGPILOT_SERVER: d.url });
    const code = await runCli(args, io);
    return { code, out: io.out(), err: io.err() };
  };
  before(async () => {
    d = await startFakeDaemon(fixtures());
  });
  beforeEach(() => {
    d.objects.splice(0, d.objects.length, ...fixtures());
    d.outcome = () => ({ ready: ready('ok') });
  });
  after(() => d.close());

  it('get images repository prints flux columns, padded and TAB-joined', async () => {
    const r = await run('get', 'images', 'repository');
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      'NAME   \tLAST SCAN           \tSUSPENDED\tREADY\tMESSAGE                                        \n' +
        'podinfo\t2026-11-23T10:00:00Z\tFalse    \tTrue \tsuccessful scan: found 3 tags with checksum 123\t\n',
    );
  });

  const tables = [
    {
      args: ['get', 'images', 'repository', '-A'],
      lines: [
        'NAMESPACE  \tNAME   \tLAST SCAN',
        'apps       \tapp    \t',
        'flux-system\tpodinfo\t2026',
      ],
    },
    {
      args: ['get', 'image', 'policy'],
      lines: ['NAME   \tIMAGE', 'podinfo\tghcr.io/stefanprodan/podinfo\t5.0.3\tTrue'],
    },
    {
      args: ['get', 'images', 'all'],
      lines: [
        'imagerepository/podinfo\t',
        'imagepolicy/podinfo\t',
        'imageupdateautomation/flux-system\t        \tFalse    \tFalse\twaiting to be reconciled\t\n',
      ],
    },
    {
      args: ['get', 'images', 'repository', '-n', 'apps', '--no-header'],
      lines: ['app\t\tTrue\tFalse\twaiting to be reconciled\t\n'],
    },
  ];
  for (const t of tables) {
    it(`${t.args.join(' ')} shows the expected rows`, async () => {
      const r = await run(...t.args);
      assert.equal(r.code, 0, r.err);
      for (const l of t.lines)
        assert.ok(r.out.includes(l), `missing ${JSON.stringify(l)} in\n${r.out}`);
    });
  }

  it('--status-selector keeps matching objects, and leaves the header when none match', async () => {
    const failing = await run(
      'get',
      'images',
      'repository',
      '-A',
      '--status-selector',
      'ready!=true',
    );
    assert.equal(failing.code, 0, failing.err);
    assert.deepEqual(
      failing.out
        .split('\n')
        .slice(1, -1)
        .map((l) => l.split('\t')[1]?.trim()),
      ['app'],
    );
    const none = await run('get', 'images', 'policy', '--status-selector', 'Ready=False');
    assert.equal(none.code, 0);
    assert.equal(none.out.split('\n').length, 2, none.out);
    const bad = await run('get', 'images', 'policy', '--status-selector', 'Ready');
    assert.equal(bad.code, 2);
  });

  it('-l filters by labels; nothing left is "no objects found"', async () => {
    const hit = await run('get', 'images', 'repository', '-l', 'team=a');
    assert.match(hit.out, /^podinfo\t/m);
    const miss = await run('get', 'images', 'repository', '-l', 'team in (b,c)');
    assert.equal(miss.code, 1);
    assert.match(miss.err, /no ImageRepository objects found/);
  });

  it('get images all separates tables with a blank line', async () => {
    const r = await run('get', 'images', 'all');
    assert.equal(r.out.split('\n\n').length, 4);
  });

  const failures = [
    {
      args: ['get', 'images', 'repository', 'nope'],
      code: 1,
      err: `✗ ImageRepository object 'nope' not found in "flux-system" namespace`,
    },
    {
      args: ['get', 'images', 'policy', '-n', 'empty'],
      code: 1,
      err: '✗ no ImagePolicy objects found in "empty" namespace',
    },
    {
      args: ['get', 'images', 'all', '--watch'],
      code: 2,
      err: 'expected a single resource type, but found all',
    },
    {
      args: ['get', 'images', 'policy', '-o', 'wide'],
      code: 2,
      err: '-o must be table, json or yaml',
    },
    {
      args: ['reconcile', 'image', 'repository', 'app', '-n', 'apps'],
      code: 1,
      err: '✗ resource is suspended',
    },
    {
      args: ['reconcile', 'image', 'policy', 'nope'],
      code: 1,
      err: "✗ ImagePolicy object 'nope' not found",
    },
    {
      args: ['suspend', 'image', 'policy', 'podinfo', 'nope'],
      code: 1,
      err: '✗ ImagePolicy nope not found in flux-system namespace',
    },
    { args: ['export', 'image', 'policy'], code: 2, err: 'name is required' },
    {
      args: ['export', 'image', 'update', '--all', '-n', 'apps'],
      code: 1,
      err: '✗ no objects found in "apps" namespace',
    },
  ];
  for (const f of failures) {
    it(`${f.args.join(' ')} fails with exit ${f.code}`, async () => {
      const r = await run(...f.args);
      assert.equal(r.code, f.code, r.err);
      assert.ok(r.err.includes(f.err), r.err);
    });
  }

  it('-o json and -o yaml carry the objects with status', async () => {
    const j = await run('get', 'images', 'policy', '-o', 'json');
    assert.equal(JSON.parse(j.out).items[0].status.latestRef.tag, '5.0.3');
    const y = await run('get', 'images', 'all', '-A', '-o', 'yaml');
    assert.equal(parse(y.out).items.length, 4);
  });

  it('reconcile waits for the handled token and prints flux lines', async () => {
    d.outcome = () => ({
      ready: ready('successful scan: found 7 tags'),
      status: { lastScanResult: { tagCount: 7, scanTime: new Date().toISOString() } },
    });
    const r = await run('reconcile', 'image', 'repository', 'podinfo');
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.err,
      '► annotating ImageRepository podinfo in flux-system namespace\n✔ ImageRepository annotated\n◎ waiting for ImageRepository reconciliation\n✔ scan fetched 7 tags\n',
    );
    assert.ok(
      d.requests.includes('POST /api/v1/objects/ImageRepository/flux-system/podinfo/reconcile'),
    );
  });

  it('reconcile of a policy prints the selected ref with digest', async () => {
    const r = await run('reconcile', 'image', 'policy', 'podinfo');
    assert.match(r.err, /✔ selected ref ghcr\.io\/stefanprodan\/podinfo:5\.0\.3@sha256:abc\n$/);
  });

  it('reconcile fails with the Ready message when Ready=False', async () => {
    d.outcome = () => ({ ready: ready('git push failed: denied', 'False') });
    const r = await run('reconcile', 'image', 'update', 'flux-system');
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /✗ ImageUpdateAutomation reconciliation failed: 'git push failed: denied'\n$/,
    );
  });

  it('reconcile times out when the daemon never handles the request', async () => {
    d.outcome = () => 'ignore';
    const started = Date.now();
    const r = await run('reconcile', 'image', 'policy', 'podinfo', '--timeout', '1s');
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /✗ timeout waiting for ImagePolicy flux-system\/podinfo reconciliation after 1s/,
    );
    assert.ok(Date.now() - started < 5000);
  });

  it('suspend then resume (which waits for one name) flips spec.suspend', async () => {
    const s = await run('suspend', 'image', 'policy', 'podinfo');
    assert.equal(s.code, 0, s.err);
    assert.equal(
      s.err,
      '► suspending image policy podinfo in flux-system namespace\n✔ image policy suspended\n',
    );
    assert.equal(d.objects[2]?.spec.suspend, true);
    const r = await run('resume', 'image', 'policy', 'podinfo');
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.err,
      /✔ image policy resumed\n◎ waiting for ImagePolicy reconciliation\n✔ ImagePolicy podinfo reconciliation completed\n✔ selected ref /,
    );
    assert.equal(d.objects[2]?.spec.suspend, false);
  });

  it('suspend --all suspends every object of the kind in the namespace', async () => {
    const r = await run('suspend', 'image', 'repository', '--all', '-A');
    assert.equal(r.code, 2);
    const ok = await run('suspend', 'image', 'repository', '--all');
    assert.equal(ok.code, 0, ok.err);
    assert.equal(d.objects[0]?.spec.suspend, true);
    assert.notEqual(d.objects[1]?.metadata.namespace, 'flux-system');
  });

  it('export prints clean manifests that match sigs.k8s.io/yaml', async () => {
    const r = await run('export', 'image', 'repository', '--all', '-A');
    assert.equal(r.code, 0, r.err);
    const docs = r.out.split(/^(?=---\n)/m);
    assert.equal(docs.length, 2);
    assert.ok(!r.out.includes('requestedAt'), 'runtime annotation dropped');
    assert.ok(r.out.includes('note: kept'));
    assert.ok(!r.out.includes('status'));
    const answers = await askGo<{ object: unknown }, { yaml: string }>(
      goBinary('flux-export'),
      docs.map((doc) => ({ object: parse(doc) })),
    );
    assert.deepEqual(
      answers.map((a) => a.yaml),
      docs,
    );
  });

  it('get --watch prints a row without header when an object changes', async () => {
    setTimeout(() => {
      const p = d.objects[2];
      if (p?.status?.latestRef) p.status.latestRef.tag = '5.0.4';
    }, 300);
    const r = await run('get', 'images', 'policy', '--watch', '--timeout', '2500ms');
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines.length, 3, r.out);
    assert.match(lines[2] as string, /^podinfo\tghcr\.io\/stefanprodan\/podinfo\t5\.0\.4\t/);
  });

  it('reports an unreachable daemon clearly (real process, exit 1)', async () => {
    const res = await runTagpilot(['get', 'images', 'all', '--server', 'http://127.0.0.1:1']);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /✗ cannot reach the tagpilot daemon at http:\/\/127\.0\.0\.1:1/);
  });
});
