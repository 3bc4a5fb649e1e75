// Git write-back at scale: a repository of COMMITS commits × FILES files (default 50,000 × 10,000)
// generated with `git fast-import`, served by a local `git daemon`. Prints the time of a fresh clone
// (full and shallow, for reference), tagpilot's first run (cold cache), a second run after one new
// upstream commit (warm cache, incremental fetch) and a no-op run (short-circuit on the remote head).
// Usage: node bench/git.ts [commits] [files]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRemote } from '../src/adapters/git/remote.ts';
import { GitWriteBack, type WriteBackResult } from '../src/reconcile/git-write-back.ts';
import {
  createBareRepo,
  git,
  gitEnv,
  startGitDaemon,
  tempDir,
} from '../test/support/git-servers.ts';

const commits = Number(process.argv[2] ?? 50_000);
const files = Number(process.argv[3] ?? 10_000);

function fastImport(bare: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('git', ['fast-import', '--quiet', '--force'], {
      cwd: bare,
      env: gitEnv,
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    p.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`fast-import exited ${c}`))));
    const chunks: string[] = [];
    let size = 0;
    const write = (s: string): void => {
      chunks.push(s);
      size += s.length;
      if (size > 1 << 20) flush();
    };
    const flush = (): void => {
      p.stdin.write(chunks.join(''));
      chunks.length = 0;
      size = 0;
    };
    const data = (s: string): string => `data ${Buffer.byteLength(s)}\n${s}\n`;
    const path = (i: number): string => `apps/team-${i % 100}/app-${i}/deploy.yaml`;
    const t = 1_700_000_000;
    write(`commit refs/heads/main\ncommitter Gen <gen@example.com> ${t} +0000\n${data('initial')}`);
    for (let i = 0; i < files; i++)
      write(
        `M 100644 inline ${path(i)}\n${data(`image: registry.example.com/app-${i}:1.0.0 # {"$imagepolicy": "ns:app-${i}"}\n`)}`,
      );
    for (let c = 1; c < commits; c++) {
      const f = c % files;
      write(
        `commit refs/heads/main\ncommitter Gen <gen@example.com> ${t + c} +0000\n${data(`change ${c}`)}`,
      );
      write(
        `M 100644 inline ${path(f)}\n${data(`image: registry.example.com/app-${f}:1.0.${c} # {"$imagepolicy": "ns:app-${f}"}\n`)}`,
      );
    }
    flush();
    p.stdin.end();
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

function gitAsync(args: string[], cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('git', args, { cwd, env: gitEnv, stdio: 'ignore' });
    p.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`git ${args[0]} exited ${c}`))));
  });
}

const root = tempDir('tagpilot-bench-git-');
const bare = createBareRepo(root, 'big.git');
const [, genMs] = await timed(() => fastImport(bare));
git(['gc', '--quiet'], bare);
console.log(
  `generated ${commits} commits × ${files} files in ${(genMs / 1000).toFixed(1)} s (${git(['count-objects', '-vH'], bare).match(/size-pack: (.*)/)?.[1]})`,
);

const daemon = await startGitDaemon(root);
const url = daemon.url('big.git');
try {
  const [, fullClone] = await timed(() =>
    gitAsync(['clone', '--quiet', url, join(tempDir(), 'c')]),
  );
  const [, shallowClone] = await timed(() =>
    gitAsync([
      'clone',
      '--quiet',
      '--depth=1',
      '--single-branch',
      '--branch=main',
      url,
      join(tempDir(), 'c'),
    ]),
  );

  const stateDir = tempDir('tagpilot-bench-state-');
  const wb = new GitWriteBack();
  const bot = { name: 'tagpilot', email: 'bot@example.com' };
  const run = (
    n: number,
    lastObservedRevision?: string,
    reportFiles = true,
  ): Promise<[WriteBackResult, number]> =>
    timed(async () => {
      const remote = await GitRemote.open({ stateDir, url, timeoutMs: 600_000 });
      try {
        return await wb.run({
          remote,
          checkout: { branch: 'main' },
          identity: bot,
          ...(lastObservedRevision === undefined ? {} : { lastObservedRevision }),
          apply: async (dir) => {
            const p = join(dir, 'apps/team-7/app-7/deploy.yaml');
            writeFileSync(p, readFileSync(p, 'utf8').replace(/:[0-9.]+ #/, `:9.9.${n} #`));
            // The setters engine knows which files it rewrote: only those are staged.
            const files = reportFiles ? { files: ['apps/team-7/app-7/deploy.yaml'] } : {};
            return { changed: true, message: `bench update ${n}`, ...files };
          },
        });
      } finally {
        await remote.close();
      }
    });

  const [first, firstMs] = await run(1);
  // One new upstream commit by someone else.
  const work = tempDir();
  git(['clone', '--quiet', '--depth=1', url, work]);
  const upstream = (content: string): void => {
    git(['fetch', '--quiet', '--depth=1', 'origin', 'main'], work);
    git(['reset', '--quiet', '--hard', 'FETCH_HEAD'], work);
    writeFileSync(join(work, 'apps/team-3/app-3/deploy.yaml'), content);
    git(['commit', '--quiet', '-am', 'upstream change'], work);
    git(['push', '--quiet', 'origin', 'HEAD:main'], work);
  };
  upstream('image: registry.example.com/app-3:2.0.0\n');
  const [second, secondMs] = await run(2);
  const noops: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [noop, ms] = await run(3, second.revision);
    if (noop.kind !== 'up-to-date') throw new Error(`no-op run did ${noop.kind}`);
    noops.push(ms);
  }
  noops.sort((a, b) => a - b);
  // The same as the second run, but the apply step reports no file list: the whole tree is staged.
  upstream('image: registry.example.com/app-3:3.0.0\n');
  const [, scanMs] = await run(4, undefined, false);
  const noopMedian = noops[2]!;
  const fmt = (ms: number): string => `${ms.toFixed(0).padStart(7)} ms`;
  console.log(`fresh clone (full history)   ${fmt(fullClone)}`);
  console.log(`fresh clone (--depth=1)      ${fmt(shallowClone)}   (what Flux does every run)`);
  console.log(`tagpilot first run           ${fmt(firstMs)}   (${first.kind}, cold cache)`);
  console.log(
    `tagpilot second run          ${fmt(secondMs)}   (${second.kind}, after 1 upstream commit)`,
  );
  console.log(`  same, staged by tree scan   ${fmt(scanMs)}   (apply reports no file list)`);
  console.log(
    `tagpilot no-op run (median)  ${fmt(noopMedian)}   (short-circuit; min ${noops[0]!.toFixed(0)} ms)`,
  );
  console.log(
    `second run speed-up          ${(fullClone / secondMs).toFixed(1)}× vs full clone, ${(shallowClone / secondMs).toFixed(1)}× vs shallow clone`,
  );
  console.log(
    `targets: second ≥ 10× faster than a fresh clone: ${fullClone / secondMs >= 10 ? 'met' : 'NOT met'}; no-op ≤ 100 ms: ${noopMedian <= 100 ? 'met' : 'NOT met'}`,
  );
} finally {
  await daemon.stop();
}
