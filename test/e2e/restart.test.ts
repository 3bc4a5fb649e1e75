// Crash safety of the whole daemon: SIGKILL at random moments while updates are in flight, then
// restart on the same state directory. State must reload from SQLite and every update must land
// exactly once (no duplicate commits), with the repository intact.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningDaemon, startDaemon } from '../support/daemon.ts';
import {
  deployment,
  type GitopsWorld,
  startGitopsWorld,
  waitFor,
} from '../support/gitops-world.ts';
import { seededRandom } from '../support/go-lines.ts';

describe('daemon restart after SIGKILL', () => {
  let world: GitopsWorld;
  let daemon: RunningDaemon | undefined;
  const args = () => ['--source', world.source, '--state-dir', join(world.dir, 'state')];
  before(async () => {
    world = await startGitopsWorld();
  });
  after(async () => {
    await daemon?.stop();
    await world?.stop();
  });

  it('reloads state and completes every update exactly once', async () => {
    const rnd = seededRandom(99);
    const initial = world.head();
    daemon = await startDaemon(args());
    await waitFor('first commit', () => (world.head() !== initial ? true : undefined), {
      logs: () => daemon?.logs() ?? '',
    });
    let kills = 0;

    for (let i = 1; i <= 6; i++) {
      await world.push([`1.0.${i}`]);
      await daemon.post('/api/v1/objects/ImageRepository/apps/app/reconcile');
      await new Promise((r) => setTimeout(r, Math.floor(rnd() * 1800)));
      await daemon.stop({ kill: true });
      kills++;
      daemon = await startDaemon(args());
      // State comes back from SQLite before anything reconciles again.
      const policy = await daemon.get<{ status: { latestRef?: { tag: string } } }>(
        '/api/v1/objects/ImagePolicy/apps/app',
      );
      assert.ok(
        policy.status.latestRef?.tag.startsWith('1.0.'),
        'latestRef reloaded from the state directory',
      );
    }
    await daemon.post('/api/v1/objects/ImageRepository/apps/app/reconcile');
    const final = deployment(`${world.registry.host}/team/app:1.0.6`);
    await waitFor('final update', () => (world.fileAt(world.head()) === final ? true : undefined), {
      logs: () => daemon?.logs() ?? '',
    });

    const commits = world
      .raw(['rev-list', '--reverse', `${initial}..main`])
      .trim()
      .split('\n');
    const contents = commits.map((c) => world.fileAt(c));
    for (let i = 1; i < contents.length; i++) {
      assert.notEqual(
        contents[i],
        contents[i - 1],
        `commit ${commits[i]} repeats the previous change`,
      );
    }
    assert.ok(commits.length <= 7, `${commits.length} commits for 7 distinct tags`);
    world.raw(['fsck', '--strict', '--no-progress']);
    assert.equal(await daemon.stop(), 0, 'SIGTERM stops the daemon cleanly with exit code 0');
    daemon = undefined;
    console.log(
      `restart test: ${kills} SIGKILLs, ${commits.length} commits, all distinct, fsck clean`,
    );
  });
});
