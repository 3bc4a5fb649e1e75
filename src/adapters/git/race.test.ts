// Races: 10 writer processes (automations for different images, same branch) and a human pushing
// unrelated commits at the same time. Writers share two state directories, so there is lock
// contention inside each group and real push races between the groups and with the human.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { createBareRepo, git, startGitDaemon, tempDir } from '../../../test/support/git-servers.ts';
import type { WriterJob } from '../../../test/support/git-writer.ts';

const writerTs = join(import.meta.dirname, '..', '..', '..', 'test', 'support', 'git-writer.ts');
const writers = 10;
const rounds = 3;
const humanCommits = 10;

function runWriter(job: WriterJob): Promise<Array<{ kind: string; retries: number }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerTs, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`writer failed (${code}): ${err}`)),
    );
  });
}

// A human with a normal clone: commit, push, and on rejection pull --rebase and push again.
async function human(url: string): Promise<number> {
  const work = tempDir('tagpilot-human-');
  git(['clone', '--quiet', url, work]);
  let rejected = 0;
  for (let k = 0; k < humanCommits; k++) {
    writeFileSync(join(work, `human-${k}.txt`), `note ${k}\n`);
    git(['add', '.'], work);
    git(['commit', '--quiet', '-m', `human ${k}`], work);
    for (;;) {
      try {
        git(['push', '--quiet', 'origin', 'HEAD:main'], work);
        break;
      } catch {
        rejected++;
        git(['pull', '--quiet', '--rebase', 'origin', 'main'], work);
      }
    }
    await new Promise((r) => setTimeout(r, 400 + Math.random() * 500)); // spread over the writers' run
  }
  return rejected;
}

it(`${writers} writers and a human on one branch: every update lands exactly once, nothing lost`, async () => {
  const root = tempDir('tagpilot-race-');
  const bare = createBareRepo(root, 'race.git', { 'README.md': 'race\n' });
  const daemon = await startGitDaemon(root);
  const states = [tempDir('tagpilot-race-a-'), tempDir('tagpilot-race-b-')];
  try {
    const url = daemon.url('race.git');
    const jobs = Array.from(
      { length: writers },
      (_, i): WriterJob => ({
        stateDir: states[i % 2]!,
        url,
        branch: 'main',
        updates: Array.from({ length: rounds }, (_, r) => ({
          file: `images/app-${i}.yaml`,
          content: `tag: v${r}\n`,
        })),
      }),
    );
    const [humanRejections, ...results] = await Promise.all([human(url), ...jobs.map(runWriter)]);
    const all = results.flat();
    const retries = all.reduce((n, r) => n + r.retries, 0);
    console.log(
      `race test: ${all.length} updates by ${writers} writers, ${retries} push retries; human pushes rejected ${humanRejections} times`,
    );

    assert.equal(all.filter((r) => r.kind === 'pushed').length, writers * rounds);
    for (let i = 0; i < writers; i++) {
      const file = `images/app-${i}.yaml`;
      const commits = git(['log', '--reverse', '--format=%H', 'main', '--', file], bare).split(
        '\n',
      );
      const values = commits.map((c) => git(['show', `${c}:${file}`], bare));
      assert.deepEqual(
        values,
        Array.from({ length: rounds }, (_, r) => `tag: v${r}`),
        `${file} history`,
      );
    }
    const subjects = git(['log', '--format=%s', 'main'], bare).split('\n');
    for (let k = 0; k < humanCommits; k++)
      assert.ok(subjects.includes(`human ${k}`), `human commit ${k} kept`);
    assert.equal(
      subjects.length,
      1 + writers * rounds + humanCommits,
      'no duplicate or lost commits',
    );
    git(['fsck', '--no-progress', '--strict'], bare);
  } finally {
    await daemon.stop();
  }
});
