// One broken file, policy, template or secret never stops the others: each broken object shows
// the right Stalled/Failed status and message, and the healthy automation still commits.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runTagpilot } from '../support/cli.ts';
import { type RunningDaemon, startDaemon } from '../support/daemon.ts';
import { git, tempDir } from '../support/git-servers.ts';
import {
  deployment,
  type GitopsWorld,
  startGitopsWorld,
  waitFor,
} from '../support/gitops-world.ts';

type Item = {
  kind: string;
  metadata: { name: string };
  status: { conditions?: { type: string; status: string; reason: string; message: string }[] };
};

describe('bad input beside healthy objects', () => {
  let world: GitopsWorld;
  let daemon: RunningDaemon;
  before(async () => {
    world = await startGitopsWorld();
    // The broken-template automation gets its own marked file, so it always has a change to
    // commit and always reaches its template (whatever the healthy automation does first).
    const work = tempDir('tagpilot-bad-input-');
    git(['clone', '--quiet', world.bare, work]);
    mkdirSync(join(work, 'other'));
    writeFileSync(
      join(work, 'other', 'app.yaml'),
      deployment(`${world.registry.host}/team/app:0.1.0`),
    );
    git(['add', '--all'], work);
    git(['commit', '--quiet', '-m', 'add other'], work);
    git(['push', '--quiet', 'origin', 'HEAD:main'], work);
    rmSync(work, { recursive: true, force: true });
    const gitUrl = world.git.url('gitops.git');
    writeFileSync(
      join(world.source, 'broken.yaml'),
      'apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolicy\nmetadata: {name: broken\n',
    );
    writeFileSync(
      join(world.source, 'problems.yaml'),
      `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata: {name: orphan, namespace: apps}
spec:
  imageRepositoryRef: {name: does-not-exist}
  policy: {alphabetical: {order: asc}}
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata: {name: locked, namespace: apps}
spec:
  image: ${world.registry.host}/team/app
  interval: 1h
  secretRef: {name: missing-pull-secret}
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageUpdateAutomation
metadata: {name: bad-template, namespace: apps}
spec:
  interval: 1h
  sourceRef: {kind: GitRepository, name: gitops}
  git:
    commit:
      author: {name: x, email: x@example.com}
      messageTemplate: '{{ range .Changed.Changes }}'
  update: {path: ./other}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: private, namespace: apps}
spec:
  url: ${gitUrl}
  interval: 1h
  ref: {branch: main}
  secretRef: {name: missing-git-secret}
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageUpdateAutomation
metadata: {name: no-secret, namespace: apps}
spec:
  interval: 1h
  sourceRef: {kind: GitRepository, name: private}
  git:
    commit:
      author: {name: x, email: x@example.com}
  update: {path: ./deploy}
`,
    );
    daemon = await startDaemon(['--source', world.source, '--state-dir', join(world.dir, 'state')]);
  });
  after(async () => {
    await daemon?.stop();
    await world?.stop();
  });

  it('keeps the healthy automation working', async () => {
    const initial = world.head();

    await waitFor('healthy commit', () => (world.head() !== initial ? true : undefined), {
      logs: () => daemon.logs(),
    });

    assert.match(world.fileAt(world.head()), /team\/app:1\.0\.0 #/);
  });

  const expectations: {
    kind: string;
    name: string;
    status: string;
    reason: string;
    message: RegExp;
  }[] = [
    {
      kind: 'ImagePolicy',
      name: 'orphan',
      status: 'False',
      reason: 'DependencyNotReady',
      message: /referenced ImageRepository does not exist/,
    },
    {
      kind: 'ImageRepository',
      name: 'locked',
      status: 'False',
      reason: 'AuthenticationFailed',
      message: /secret 'apps\/missing-pull-secret' not found/,
    },
    {
      kind: 'ImageUpdateAutomation',
      name: 'bad-template',
      status: 'False',
      reason: 'GitOperationFailed',
      message:
        /unable to create commit message template from spec: template: commit message:1: unexpected EOF/,
    },
    {
      kind: 'ImageUpdateAutomation',
      name: 'no-secret',
      status: 'False',
      reason: 'SourceManagerFailed',
      message: /secret 'apps\/missing-git-secret' not found/,
    },
    {
      kind: 'ImagePolicy',
      name: 'app',
      status: 'True',
      reason: 'Succeeded',
      message: /resolved to 1\.0\.0/,
    },
  ];
  for (const e of expectations) {
    it(`${e.kind} ${e.name}: Ready=${e.status} ${e.reason}`, async () => {
      let ready: NonNullable<Item['status']['conditions']>[number] | undefined;
      for (let i = 0; i < 200 && ready?.reason !== e.reason; i++) {
        const item = await daemon.get<Item>(`/api/v1/objects/${e.kind}/apps/${e.name}`);
        ready = item.status.conditions?.find((c) => c.type === 'Ready');
        if (ready?.reason !== e.reason) await new Promise((r) => setTimeout(r, 50));
      }

      assert.equal(ready?.status, e.status);
      assert.equal(ready?.reason, e.reason);
      assert.match(ready?.message ?? '', e.message);
    });
  }

  it('shows every object with its Ready state and message in `get images all`', async () => {
    const r = await runTagpilot(['get', 'images', 'all', '-n', 'apps', '--server', daemon.url]);

    assert.equal(r.code, 0, r.stderr);
    const row = (kind: string, name: string) =>
      r.stdout.split('\n').find((l) => l.startsWith(`${kind}/${name}`)) ?? '';
    assert.match(
      row('imagepolicy', 'orphan'),
      /False\s+.*referenced ImageRepository does not exist/,
    );
    assert.match(row('imagerepository', 'locked'), /False\s+.*missing-pull-secret/);
    assert.match(
      row('imageupdateautomation', 'bad-template'),
      /False\s+.*unable to create commit message template/,
    );
    assert.match(row('imagepolicy', 'app'), /True\s+.*resolved to 1\.0\.0/);
  });

  it('reports the broken file in the logs with its path and position', () => {
    assert.match(daemon.logs(), /broken\.yaml.*invalid YAML|invalid YAML.*broken\.yaml/);
  });
});
