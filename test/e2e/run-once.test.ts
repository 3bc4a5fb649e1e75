// `tagpilot run --once`: one full pass for a CI job — scan, select, commit, push, report, exit.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runTagpilot } from '../support/cli.ts';
import { deployment, type GitopsWorld, startGitopsWorld } from '../support/gitops-world.ts';

describe('tagpilot run --once', () => {
  let world: GitopsWorld;
  before(async () => {
    world = await startGitopsWorld();
  });
  after(async () => {
    await world?.stop();
  });

  it('commits the update, reports every object Ready and exits 0', async () => {
    const initial = world.head();

    const r = await runTagpilot(
      ['run', '--once', '--source', world.source, '--state-dir', join(world.dir, 'state')],
      {
        timeoutMs: 120_000,
      },
    );

    assert.equal(r.code, 0, r.stderr);
    assert.notEqual(world.head(), initial);
    assert.equal(world.fileAt(world.head()), deployment(`${world.registry.host}/team/app:1.0.0`));
    assert.match(r.stderr, /^✔ ImageUpdateAutomation apps\/apps: repository up-to-date$/m);
    assert.match(
      r.stderr,
      /^✔ ImagePolicy apps\/app: Latest image tag for .* resolved to 1\.0\.0$/m,
    );
  });

  it('exits 1 and names the object when something is not Ready', async () => {
    const source = join(world.dir, 'source-broken');
    mkdirSync(source);
    copyFileSync(join(world.source, 'flux.yaml'), join(source, 'flux.yaml'));
    writeFileSync(
      join(source, 'orphan.yaml'),
      'apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolicy\nmetadata: {name: orphan, namespace: apps}\nspec:\n  imageRepositoryRef: {name: missing}\n  policy: {alphabetical: {}}\n',
    );

    const r = await runTagpilot(
      ['run', '--once', '--source', source, '--state-dir', join(world.dir, 'state2')],
      {
        timeoutMs: 120_000,
      },
    );

    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /^✗ ImagePolicy apps\/orphan: .*referenced ImageRepository does not exist/m,
    );
    assert.match(r.stderr, /^✔ ImagePolicy apps\/app: /m);
  });
});
