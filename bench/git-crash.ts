// Crash-safety proof at full size: 200 writers SIGKILLed at random points (git children included),
// each followed by a normal run; prints the counts. Usage: node bench/git-crash.ts [runs]
import { crashLoop } from '../test/support/git-crash.ts';

const runs = Number(process.argv[2] ?? 200);
const r = await crashLoop(runs);
const once = r.commitsPerUpdate.every((n) => n === 1);
console.log(`runs                         ${r.runs}`);
console.log(`killed mid-run               ${r.killed}`);
console.log(`pushed by the writer itself  ${r.pushedByWriter}`);
console.log(`completed by the next run    ${r.completedByNextRun}`);
console.log(`every update exactly once    ${once}`);
console.log(`remote commits               ${r.remoteCommits} (expected ${runs + 2})`);
console.log(
  `git fsck remote / cache      ${r.fsckRemote === '' ? 'clean' : r.fsckRemote} / ${r.fsckCache === '' ? 'clean' : r.fsckCache}`,
);
console.log(`leftover lock files          ${r.leftoverLocks.length}`);
console.log(`leftover run directories     ${r.leftoverRunDirs.length}`);
console.log(`writer process duration      ${Math.round(r.writerMs)} ms`);
console.log(`total                        ${(r.ms / 1000).toFixed(1)} s`);
if (!once || r.remoteCommits !== runs + 2 || r.fsckRemote !== '' || r.fsckCache !== '')
  process.exitCode = 1;
