// Pure unit tests of the workflow with an in-memory remote (the real one is tested in
// src/adapters/git against real servers): retries, their bound and jitter, lock loss, batching.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type GitRemotePort,
  type GitWorktree,
  GitWriteBack,
  joinMessages,
} from './git-write-back.ts';
import { ConcurrentWriterError, PushRetriesExhaustedError } from './git-write-back-plan.ts';

const A = 'a'.repeat(40);

// rejections: how many pushes fail non-fast-forward before one succeeds.
function fakeRemote(rejections: number, held = true) {
  const log: string[] = [];
  let head = A;
  let n = 0;
  const remote: GitRemotePort = {
    url: 'git://fake/r.git',
    listRefs: async () => new Map([['refs/heads/main', head]]),
    lockWriter: async () => ({
      stillHeld: async () => held,
      release: async () => void log.push('release'),
    }),
    worktree: async ({ base }) => {
      log.push(`worktree ${base.slice(0, 1)}`);
      const wt: GitWorktree = {
        dir: '/fake',
        commit: async (message) => {
          log.push(`commit ${JSON.stringify(message)}`);
          return `${++n}`.padStart(40, 'c');
        },
        push: async () => {
          if (rejections-- > 0) {
            head = 'b'.repeat(40); // someone else pushed
            return { ok: false, reason: 'non-fast-forward' };
          }
          return { ok: true };
        },
        pushRefspec: async () => {},
      };
      return wt;
    },
  };
  return { remote, log };
}

const identity = { name: 'bot', email: 'bot@example.com' };
const sleeps: number[] = [];
const opts = { sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 };

describe('GitWriteBack', () => {
  it('re-applies on the new head after each non-fast-forward and reports the retries', async () => {
    const { remote, log } = fakeRemote(2);
    let applied = 0;
    const r = await new GitWriteBack(opts).run({
      remote,
      checkout: { branch: 'main' },
      identity,
      apply: async () => ({ changed: true, message: `m${++applied}` }),
    });
    assert.equal(r.kind, 'pushed');
    assert.equal(r.retries, 2);
    assert.equal(applied, 3);
    assert.deepEqual(
      log.filter((l) => l.startsWith('worktree')),
      ['worktree a', 'worktree b', 'worktree b'],
    );
    assert.equal(log.at(-1), 'release');
  });

  it('releases the writer lock before the result is delivered', async () => {
    const { remote, log } = fakeRemote(0);
    const released = await new GitWriteBack(opts)
      .run({
        remote,
        identity,
        checkout: { branch: 'main' },
        apply: async () => ({ changed: true, message: 'm' }),
      })
      .then(() => log.includes('release'));
    assert.equal(released, true);
  });

  it('gives up after maxRetries with exponential, jittered waits', async () => {
    sleeps.length = 0;
    const { remote, log } = fakeRemote(100);
    await assert.rejects(
      new GitWriteBack({ ...opts, maxRetries: 3, retryBaseMs: 10 }).run({
        remote,
        identity,
        checkout: { branch: 'main' },
        apply: async () => ({ changed: true, message: 'm' }),
      }),
      PushRetriesExhaustedError,
    );
    assert.deepEqual(sleeps, [10, 20, 40]);
    assert.equal(log.at(-1), 'release', 'lock released after failure');
  });

  it('does not push when the lock was taken over', async () => {
    const { remote } = fakeRemote(0, false);
    await assert.rejects(
      new GitWriteBack(opts).run({
        remote,
        identity,
        checkout: { branch: 'main' },
        apply: async () => ({ changed: true, message: 'm' }),
      }),
      ConcurrentWriterError,
    );
  });

  it('reports no-change without committing', async () => {
    const { remote, log } = fakeRemote(0);
    const r = await new GitWriteBack(opts).run({
      remote,
      identity,
      checkout: { branch: 'main' },
      apply: async () => ({ changed: false, message: '' }),
    });
    assert.equal(r.kind, 'no-change');
    assert.equal(log.filter((l) => l.startsWith('commit')).length, 0);
  });

  it('batches only requests with the same author and push settings', async () => {
    const { remote, log } = fakeRemote(0);
    const wb = new GitWriteBack(opts);
    const req = (name: string, file: string) =>
      wb.run({
        remote,
        identity: { name, email: 'x@example.com' },
        checkout: { branch: 'main' },
        apply: async () => ({ changed: true, message: `set ${file}` }),
      });
    const results = await Promise.all([req('a', '1'), req('a', '2'), req('b', '3'), req('a', '4')]);
    const commits = log.filter((l) => l.startsWith('commit'));
    assert.ok(commits.length >= 2 && commits.length <= 3, commits.join('\n'));
    assert.ok(
      commits.some((c) => c.includes('set 3') && !c.includes('set 1')),
      'author b never shares a commit with a',
    );
    assert.equal(new Set(results.map((r) => r.commit)).size, commits.length);
  });
});

describe('joinMessages', () => {
  const cases = [
    { name: 'single message kept verbatim', in: ['Update\n\nbody\n'], want: 'Update\n\nbody\n' },
    { name: 'several separated by a blank line', in: ['a\n', 'b\n\n'], want: 'a\n\nb' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(joinMessages(c.in), c.want));
});
