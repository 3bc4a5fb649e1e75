// Crash safety: writers SIGKILLed (with their git children) at random points, each followed by a
// normal run. The full proof is 200 kills: `node bench/git-crash.ts` (about 1.4 s per kill
// on the 2-core CI machine); this test runs TAGPILOT_CRASH_RUNS (default 15) to fit the test budget.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { crashLoop } from '../../../test/support/git-crash.ts';

const runs = Number(process.env.TAGPILOT_CRASH_RUNS ?? 15);

it(`${runs} SIGKILLed writers, each followed by a normal run: every update lands exactly once`, async () => {
  const r = await crashLoop(runs);
  console.log(
    `crash test: ${r.runs} runs, ${r.killed} killed mid-run, ${r.pushedByWriter} pushed by the writer itself (before the kill or unkilled), ` +
      `${r.completedByNextRun} completed by the next run; remote ${r.remoteCommits} commits; ` +
      `writer ${Math.round(r.writerMs)} ms; total ${Math.round(r.ms)} ms (full 200-run proof: node bench/git-crash.ts)`,
  );
  assert.deepEqual(r.commitsPerUpdate, Array(runs).fill(1), 'each update committed exactly once');
  assert.equal(r.remoteCommits, runs + 2, 'initial + warm-up + one per update, no duplicates');
  assert.equal(r.pushedByWriter + r.completedByNextRun, runs);
  assert.ok(r.killed > 0, 'at least one writer was killed mid-run');
  assert.equal(r.fsckRemote, '');
  assert.equal(r.fsckCache, '');
  assert.deepEqual(r.leftoverLocks, [], 'no lock file survives');
  assert.deepEqual(r.leftoverRunDirs, [], 'credential directories of killed runs are swept');
});
