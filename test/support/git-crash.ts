// The crash-safety loop shared by the crash test (few runs) and bench/git-crash.ts (200 runs):
// a writer process is SIGKILLed (with its git children) at a random moment, then a normal run
// must finish the same update; at the end every update is on the remote exactly once.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBareRepo, git, startGitDaemon, tempDir } from './git-servers.ts';
import { runWriterJob, type WriterJob } from './git-writer.ts';

const writerTs = join(import.meta.dirname, 'git-writer.ts');

/** CrashReport is what the loop observed. */
export interface CrashReport {
  readonly runs: number;
  /** killed: the writer was still running when SIGKILL arrived. */
  readonly killed: number;
  /** pushedByWriter: the writer pushed before it was killed or exited (the next run found nothing to do). */
  readonly pushedByWriter: number;
  /** completedByNextRun: the next run made and pushed the commit. */
  readonly completedByNextRun: number;
  /** commitsPerUpdate: how many commits touched each update's file (must all be 1). */
  readonly commitsPerUpdate: readonly number[];
  readonly remoteCommits: number;
  readonly fsckRemote: string;
  readonly fsckCache: string;
  readonly leftoverLocks: readonly string[];
  /** leftoverRunDirs: credential directories of killed runs not yet swept (must be none). */
  readonly leftoverRunDirs: readonly string[];
  readonly ms: number;
  /** writerMs: duration of one unkilled writer process (kill delays are drawn from 0..1.2×). */
  readonly writerMs: number;
}

function killLater(job: WriterJob, delayMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    // detached: own process group, so the kill takes git and its helpers down too, like a pod stop.
    const child = spawn(process.execPath, [writerTs, JSON.stringify(job)], {
      detached: true,
      stdio: 'ignore',
    });
    let exited = false;
    const timer = setTimeout(() => {
      if (!exited && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // exited in the meantime
        }
      }
    }, delayMs);
    child.on('exit', (_code, signal) => {
      exited = true;
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

/** crashLoop runs `runs` kill-then-recover iterations against a real git daemon. */
export async function crashLoop(runs: number, random = Math.random): Promise<CrashReport> {
  const started = performance.now();
  const root = tempDir('tagpilot-crash-');
  const bare = createBareRepo(root, 'crash.git', { 'README.md': 'crash test\n' });
  const daemon = await startGitDaemon(root);
  const stateDir = tempDir('tagpilot-crash-state-');
  // One unkilled writer measures how long a whole run takes; kills are spread over 1.2× that.
  const t0 = performance.now();
  const warm: WriterJob = {
    stateDir,
    url: daemon.url('crash.git'),
    branch: 'main',
    updates: [{ file: 'warmup.txt', content: 'w\n' }],
  };
  await killLater(warm, 60_000);
  const maxDelayMs = (performance.now() - t0) * 1.2;
  let killed = 0;
  let pushedByWriter = 0;
  let completedByNextRun = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const job: WriterJob = {
        stateDir,
        url: daemon.url('crash.git'),
        branch: 'main',
        updates: [{ file: `updates/${i}.txt`, content: `update ${i}\n` }],
      };
      if (await killLater(job, Math.floor(random() * maxDelayMs))) killed++;
      const [after] = (await runWriterJob(job)) as Array<{ kind: string }>;
      if (after?.kind === 'pushed') completedByNextRun++;
      else pushedByWriter++;
    }
    const commitsPerUpdate = Array.from(
      { length: runs },
      (_, i) =>
        git(['log', '--format=%H', 'main', '--', `updates/${i}.txt`], bare)
          .split('\n')
          .filter(Boolean).length,
    );
    const cacheDirs = readdirSync(join(stateDir, 'git'));
    const cacheGit = join(stateDir, 'git', cacheDirs[0]!, 'repo.git');
    return {
      runs,
      killed,
      pushedByWriter,
      completedByNextRun,
      commitsPerUpdate,
      remoteCommits: Number(git(['rev-list', '--count', 'main'], bare)),
      fsckRemote: git(['fsck', '--no-progress', '--strict'], bare),
      fsckCache: git(['fsck', '--no-progress', '--no-dangling'], cacheGit),
      leftoverLocks: readdirSync(join(stateDir, 'locks')).map(
        (n) => `${n}: ${readFileSync(join(stateDir, 'locks', n), 'utf8')}`,
      ),
      leftoverRunDirs: readdirSync(join(stateDir, 'run')),
      ms: performance.now() - started,
      writerMs: maxDelayMs / 1.2,
    };
  } finally {
    await daemon.stop();
  }
}
