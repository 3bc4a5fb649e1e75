// `tagpilot plan --source`: real registry scans resolve the latest images, then the diff of what
// the next automation run would change in the checkout; --write applies it. Nothing is pushed.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runTagpilot } from '../support/cli.ts';
import { tempDir } from '../support/git-servers.ts';
import { deployment, fluxManifests } from '../support/gitops-world.ts';
import { type RunningRegistry, startRegistry } from '../support/registry.ts';
import { pushTags } from '../support/registry-push.ts';

describe('tagpilot plan --source', () => {
  let registry: RunningRegistry;
  let repo: string;
  before(async () => {
    registry = await startRegistry();
    await pushTags({ url: registry.url }, 'team/app', ['1.0.0', '1.4.2', '2.0.0']);
    repo = tempDir('tagpilot-plan-');
    mkdirSync(join(repo, 'deploy'));
    mkdirSync(join(repo, 'clusters'));
    writeFileSync(join(repo, 'deploy', 'app.yaml'), deployment(`${registry.host}/team/app:1.0.0`));
    writeFileSync(
      join(repo, 'clusters', 'flux.yaml'),
      fluxManifests(registry.host, 'https://git.example.com/fleet.git'),
    );
  });
  after(async () => {
    await registry?.stop();
    rmSync(repo, { recursive: true, force: true });
  });

  it('prints the diff the next run would commit, without writing', async () => {
    const r = await runTagpilot(['plan', '--source', repo]);

    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# ImageUpdateAutomation apps\/apps \(update\.path \.\/deploy\)$/m);
    assert.match(r.stdout, /^-.*team\/app:1\.0\.0 #/m);
    assert.match(r.stdout, /^\+.*team\/app:1\.4\.2 #/m);
    assert.match(r.stdout, /1 file\(s\), 1 object\(s\), 1 change\(s\)/);
    assert.equal(
      readFileSync(join(repo, 'deploy', 'app.yaml'), 'utf8'),
      deployment(`${registry.host}/team/app:1.0.0`),
    );
  });

  it('writes the change with --write', async () => {
    const r = await runTagpilot(['plan', '--source', repo, '--write']);

    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      readFileSync(join(repo, 'deploy', 'app.yaml'), 'utf8'),
      deployment(`${registry.host}/team/app:1.4.2`),
    );
  });
});
