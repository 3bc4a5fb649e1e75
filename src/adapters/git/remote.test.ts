// The git adapter + write-back workflow against real git servers on loopback.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createBareRepo,
  type GitServer,
  git,
  type SshServer,
  sshKeygen,
  startGitDaemon,
  startGitHttp,
  startSshd,
  tempDir,
} from '../../../test/support/git-servers.ts';
import { applyUpdate } from '../../../test/support/git-writer.ts';
import { type GitRemotePort, GitWriteBack } from '../../reconcile/git-write-back.ts';
import { EmptyRepositoryError, GitRefNotFoundError } from '../../reconcile/git-write-back-plan.ts';
import { GitError, SecretError } from './errors.ts';
import { GitRemote, type GitRemoteOptions } from './remote.ts';
import type { GitAuth } from './secrets.ts';

const bot = { name: 'Flux Bot', email: 'bot@example.com' };
let root: string;
let daemon: GitServer;
let http: GitServer;
let ssh: SshServer;
let repoCount = 0;

function newRepo(files: Record<string, string> | null = { 'app.yaml': 'image: app:1\n' }): string {
  const name = `r${++repoCount}.git`;
  createBareRepo(root, name, files ?? undefined);
  return name;
}

async function withRemote<T>(
  opts: Omit<GitRemoteOptions, 'stateDir'> & { stateDir?: string },
  fn: (r: GitRemote) => Promise<T>,
): Promise<T> {
  const remote = await GitRemote.open({
    stateDir: opts.stateDir ?? tempDir('tagpilot-state-'),
    ...opts,
  });
  try {
    return await fn(remote);
  } finally {
    await remote.close();
  }
}

// Reports no file list, so the commit stages by scanning the whole worktree (Flux's way).
function setFile(file: string, content: string) {
  return async (dir: string) => {
    const { changed, message } = applyUpdate(dir, { file, content });
    return { changed, message };
  };
}

function hook(name: string, script: string): void {
  const p = join(root, name, 'hooks', 'pre-receive');
  writeFileSync(p, `#!/bin/sh\n${script}\n`);
  chmodSync(p, 0o755);
}

before(async () => {
  root = tempDir('tagpilot-remotes-');
  daemon = await startGitDaemon(root);
  http = await startGitHttp(root, { users: { alice: 'wonderland' }, bearer: 'tok-0123456789' });
  ssh = await startSshd(root);
});

after(async () => {
  await daemon.stop();
  await http.stop();
  await ssh.stop();
});

describe('clone, commit and push on every transport', () => {
  const transports: Array<{
    name: string;
    url: (n: string) => string;
    auth: () => GitAuth | undefined;
  }> = [
    { name: 'git daemon', url: (n) => daemon.url(n), auth: () => undefined },
    {
      name: 'http basic',
      url: (n) => http.url(n),
      auth: () => ({ kind: 'basic', username: 'alice', password: 'wonderland' }),
    },
    {
      name: 'http bearer',
      url: (n) => http.url(n),
      auth: () => ({ kind: 'bearer', token: 'tok-0123456789' }),
    },
    {
      name: 'ssh',
      url: (n) => ssh.url(n),
      auth: () => ({ kind: 'ssh', identity: ssh.clientKey, knownHosts: ssh.knownHosts }),
    },
    { name: 'file', url: (n) => `file://${join(root, n)}`, auth: () => undefined },
  ];
  for (const t of transports) {
    it(t.name, async () => {
      const name = newRepo();
      const auth = t.auth();
      const state = tempDir('tagpilot-state-');
      const wb = new GitWriteBack();
      const first = await withRemote(
        { stateDir: state, url: t.url(name), ...(auth ? { auth } : {}) },
        (remote) =>
          wb.run({
            remote,
            checkout: { branch: 'main' },
            identity: bot,
            apply: setFile('app.yaml', 'image: app:2\n'),
          }),
      );
      assert.equal(first.kind, 'pushed');
      const bare = join(root, name);
      assert.equal(git(['rev-parse', 'main'], bare), first.commit);
      assert.equal(git(['show', 'main:app.yaml'], bare), 'image: app:2');
      assert.equal(
        git(['log', '-1', '--format=%an <%ae>|%cn <%ce>|%B', 'main'], bare),
        'Flux Bot <bot@example.com>|Flux Bot <bot@example.com>|set app.yaml to image: app:2',
      );
      const again = await withRemote(
        { stateDir: state, url: t.url(name), ...(auth ? { auth } : {}) },
        (remote) =>
          wb.run({
            remote,
            checkout: { branch: 'main' },
            identity: bot,
            apply: setFile('app.yaml', 'image: app:2\n'),
          }),
      );
      assert.equal(again.kind, 'no-change');
      assert.equal(git(['rev-list', '--count', 'main'], bare), '2');
    });
  }
});

describe('distinct, clear errors', () => {
  const wrong = tempDir('tagpilot-keys-');
  const [otherKey] = sshKeygen(wrong, 'other');
  const cases: Array<{
    name: string;
    setup: () => { url: string; auth?: GitAuth; timeoutMs?: number };
    check: (e: unknown) => boolean;
  }> = [
    {
      name: 'wrong basic password',
      setup: () => ({
        url: http.url(newRepo()),
        auth: { kind: 'basic', username: 'alice', password: 'wrong-password' },
      }),
      check: (e) =>
        e instanceof GitError &&
        e.kind === 'auth' &&
        !/wrong-password/.test(`${e.message}${e.stderr}`),
    },
    {
      name: 'no credentials for a protected http repo',
      setup: () => ({ url: http.url(newRepo()) }),
      check: (e) => e instanceof GitError && e.kind === 'auth',
    },
    {
      name: 'wrong bearer token',
      setup: () => ({ url: http.url(newRepo()), auth: { kind: 'bearer', token: 'tok-wrong-999' } }),
      check: (e) =>
        e instanceof GitError &&
        e.kind === 'auth' &&
        !/tok-wrong-999/.test(`${e.message}${e.stderr}`),
    },
    {
      name: 'ssh key not authorised',
      setup: () => ({
        url: ssh.url(newRepo()),
        auth: { kind: 'ssh', identity: otherKey, knownHosts: ssh.knownHosts },
      }),
      check: (e) =>
        e instanceof GitError && e.kind === 'auth' && /Permission denied/.test(e.message),
    },
    {
      name: 'ssh host key not in known_hosts',
      setup: () => ({
        url: ssh.url(newRepo()),
        auth: {
          kind: 'ssh',
          identity: ssh.clientKey,
          knownHosts: `[127.0.0.1]:${ssh.port} ${readFileSync(join(wrong, 'other.pub'), 'utf8')}`,
        },
      }),
      check: (e) => e instanceof GitError && e.kind === 'auth' && /host key/i.test(e.message),
    },
    {
      name: 'empty remote repository',
      setup: () => ({ url: daemon.url(newRepo(null)) }),
      check: (e) => e instanceof EmptyRepositoryError && /is empty/.test(e.message),
    },
    {
      name: 'missing branch',
      setup: () => ({ url: daemon.url(newRepo()), checkout: 'nope' }),
      check: (e) => e instanceof GitRefNotFoundError && /branch 'nope' not found/.test(e.message),
    },
    {
      name: 'missing repository',
      setup: () => ({
        url: http.url('missing.git'),
        auth: { kind: 'basic', username: 'alice', password: 'wonderland' },
      }),
      check: (e) => e instanceof GitError && e.kind === 'not-found',
    },
    {
      name: 'hook rejection',
      setup: () => {
        const n = newRepo();
        hook(n, 'echo "policy: commits must be reviewed" >&2; exit 1');
        return { url: daemon.url(n) };
      },
      check: (e) =>
        e instanceof GitError &&
        e.kind === 'hook-rejected' &&
        /server hook/.test(e.message) &&
        /must be reviewed/.test(e.message),
    },
    {
      name: 'protected branch',
      setup: () => {
        const n = newRepo();
        hook(
          n,
          'echo "error: GH006: Protected branch update failed for refs/heads/main." >&2; exit 1',
        );
        return { url: daemon.url(n) };
      },
      check: (e) =>
        e instanceof GitError &&
        e.kind === 'protected-branch' &&
        /protected branch/.test(e.message),
    },
    {
      name: 'encrypted ssh identity without password (before any network)',
      setup: () => {
        const [enc] = sshKeygen(tempDir('tagpilot-keys-'), 'enc', 'sekrit-pass');
        return {
          url: 'ssh://git@192.0.2.1:1/never-contacted.git',
          auth: { kind: 'ssh', identity: enc, knownHosts: ssh.knownHosts },
        };
      },
      check: (e) => e instanceof SecretError && e.key === 'password' && /encrypted/.test(e.message),
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const s = c.setup() as { url: string; auth?: GitAuth; checkout?: string };
      const wb = new GitWriteBack();
      await assert.rejects(
        withRemote(
          {
            url: s.url,
            ...(s.auth ? { auth: s.auth } : {}),
            timeoutMs: 20_000,
            secretName: 'git-auth',
          },
          (remote) =>
            wb.run({
              remote,
              checkout: { branch: s.checkout ?? 'main' },
              identity: bot,
              apply: setFile('x', 'y\n'),
            }),
        ),
        (e) => {
          assert.ok(
            c.check(e),
            `unexpected error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
          );
          return true;
        },
      );
    });
  }
  it('timeout', async () => {
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((s) => sockets.push(s)); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const t0 = performance.now();
    await assert.rejects(
      withRemote({ url: `git://127.0.0.1:${port}/r.git`, timeoutMs: 300 }, (r) => r.listRefs()),
      (e) =>
        e instanceof GitError && e.kind === 'timeout' && /timed out after 300 ms/.test(e.message),
    );
    assert.ok(performance.now() - t0 < 5000);
    for (const s of sockets) s.destroy();
    silent.close();
  });
});

describe('push branch rules', () => {
  it('switching branch: creates the push branch, then builds on it; a human commit there survives', async () => {
    const name = newRepo();
    const bare = join(root, name);
    const state = tempDir('tagpilot-state-');
    const wb = new GitWriteBack();
    const run = (file: string, content: string) =>
      withRemote({ stateDir: state, url: daemon.url(name) }, (remote) =>
        wb.run({
          remote,
          checkout: { branch: 'main' },
          push: { branch: 'auto' },
          identity: bot,
          apply: setFile(file, content),
        }),
      );
    const r1 = await run('a.txt', '1\n');
    assert.equal(r1.kind, 'pushed');
    assert.equal(
      r1.forced,
      true,
      'status shows that a switched push branch is force(-with-lease) pushed',
    );
    // A human adds a commit to the push branch.
    const work = tempDir('tagpilot-human-');
    git(['clone', '--quiet', '--branch', 'auto', bare, work]);
    writeFileSync(join(work, 'human.txt'), 'hi\n');
    git(['add', '.'], work);
    git(['commit', '--quiet', '-m', 'human'], work);
    git(['push', '--quiet', 'origin', 'auto'], work);
    const r2 = await run('b.txt', '2\n');
    assert.equal(r2.kind, 'pushed');
    assert.equal(
      git(['log', '--format=%s', 'auto'], bare),
      'set b.txt to 2\nhuman\nset a.txt to 1\ninitial',
    );
    assert.equal(git(['rev-list', '--count', 'main'], bare), '1', 'checkout branch untouched');
  });

  it('refspec push and push options', async () => {
    const name = newRepo();
    const bare = join(root, name);
    const seen = join(tempDir('tagpilot-opts-'), 'options');
    hook(name, `env | grep '^GIT_PUSH_OPTION_[0-9]' | sort >> '${seen}'; exit 0`);
    const r = await withRemote({ url: daemon.url(name) }, (remote) =>
      new GitWriteBack().run({
        remote,
        checkout: { branch: 'main' },
        push: {
          branch: 'auto',
          refspec: 'refs/heads/auto:refs/heads/review',
          options: { 'ci.skip': '', topic: 'images' },
        },
        identity: bot,
        apply: setFile('a.txt', '1\n'),
      }),
    );
    assert.equal(r.refspec, 'refs/heads/auto:refs/heads/review');
    assert.equal(git(['rev-parse', 'review'], bare), r.commit);
    assert.equal(git(['rev-parse', 'auto'], bare), r.commit);
    assert.match(
      readFileSync(seen, 'utf8'),
      /GIT_PUSH_OPTION_0=ci\.skip=\nGIT_PUSH_OPTION_1=topic=images/,
    );
  });

  it('tag checkout pushes to the push branch', async () => {
    const name = newRepo();
    const bare = join(root, name);
    git(['tag', '-a', '-m', 'release', 'v1.0.0', 'main'], bare);
    const r = await withRemote({ url: daemon.url(name) }, (remote) =>
      new GitWriteBack().run({
        remote,
        checkout: { tag: 'v1.0.0' },
        push: { branch: 'from-tag' },
        identity: bot,
        apply: setFile('t.txt', 't\n'),
      }),
    );
    assert.equal(r.kind, 'pushed');
    assert.equal(
      git(['rev-parse', 'from-tag^'], bare),
      git(['rev-parse', 'v1.0.0^{commit}'], bare),
    );
  });
});

describe('checkout kinds', () => {
  it('commit checkout builds on exactly that commit', async () => {
    const name = newRepo();
    const bare = join(root, name);
    const first = git(['rev-parse', 'main'], bare);
    const work = tempDir('tagpilot-human-');
    git(['clone', '--quiet', bare, work]);
    writeFileSync(join(work, 'later.txt'), 'later\n');
    git(['add', '.'], work);
    git(['commit', '--quiet', '-m', 'later'], work);
    git(['push', '--quiet', 'origin', 'main'], work);
    const r = await withRemote({ url: daemon.url(name) }, (remote) =>
      new GitWriteBack().run({
        remote,
        checkout: { commit: first },
        push: { branch: 'pinned' },
        identity: bot,
        apply: setFile('p.txt', 'p\n'),
      }),
    );
    assert.equal(r.kind, 'pushed');
    assert.equal(git(['rev-parse', 'pinned^'], bare), first);
  });

  it('semver checkout uses the injected selector over the remote tags', async () => {
    const name = newRepo();
    const bare = join(root, name);
    git(['tag', 'v1.0.0', 'main'], bare);
    git(['tag', 'v1.2.0', 'main'], bare);
    git(['tag', 'other', 'main'], bare);
    let offered: readonly string[] = [];
    const wb = new GitWriteBack({
      selectSemver: (range, tags) => {
        offered = tags;
        assert.equal(range, '1.x');
        return 'v1.2.0';
      },
    });
    const r = await withRemote({ url: daemon.url(name) }, (remote) =>
      wb.run({
        remote,
        checkout: { semver: '1.x' },
        push: { branch: 'sv' },
        identity: bot,
        apply: setFile('s.txt', 's\n'),
      }),
    );
    assert.deepEqual([...offered].sort(), ['other', 'v1.0.0', 'v1.2.0']);
    assert.equal(r.kind, 'pushed');
    assert.equal(git(['rev-parse', 'sv^'], bare), git(['rev-parse', 'v1.2.0'], bare));
  });
});

describe('cache', () => {
  it('short-circuits on an unchanged remote head without touching the cache', async () => {
    const name = newRepo();
    const state = tempDir('tagpilot-state-');
    const head = git(['rev-parse', 'main'], join(root, name));
    const r = await withRemote({ stateDir: state, url: daemon.url(name) }, (remote) =>
      new GitWriteBack().run({
        remote,
        checkout: { branch: 'main' },
        identity: bot,
        lastObservedRevision: `main@sha1:${head}`,
        apply: () => assert.fail('apply must not run'),
      }),
    );
    assert.equal(r.kind, 'up-to-date');
    assert.equal(existsSync(join(state, 'git')), false);
  });

  const damage = [
    {
      name: 'half-written cache (no marker) is rebuilt',
      hurt: (gitDir: string) => rmSync(join(gitDir, 'tagpilot-cache')),
    },
    {
      name: 'lost objects are detected and the cache rebuilt',
      hurt: (gitDir: string) => {
        for (const e of readdirSync(join(gitDir, 'objects')))
          if (/^[0-9a-f]{2}$|^pack$/.test(e))
            rmSync(join(gitDir, 'objects', e), { recursive: true });
      },
    },
    {
      name: 'a broken HEAD is detected and the cache rebuilt',
      hurt: (gitDir: string) => writeFileSync(join(gitDir, 'HEAD'), 'garbage'),
    },
    {
      name: 'stale lock files of a killed run are removed',
      hurt: (gitDir: string) => {
        writeFileSync(join(gitDir, 'packed-refs.lock'), '');
        writeFileSync(join(gitDir, 'refs', 'heads', 'main.lock'), '');
      },
    },
  ];
  for (const d of damage) {
    it(d.name, async () => {
      const name = newRepo();
      const state = tempDir('tagpilot-state-');
      const wb = new GitWriteBack();
      let gitDir = '';
      await withRemote({ stateDir: state, url: daemon.url(name) }, async (remote) => {
        gitDir = remote.cache.gitDir;
        return wb.run({
          remote,
          checkout: { branch: 'main' },
          identity: bot,
          apply: setFile('a.txt', '1\n'),
        });
      });
      d.hurt(gitDir);
      const r = await withRemote(
        { stateDir: state, url: daemon.url(name) },
        (remote: GitRemotePort) =>
          wb.run({
            remote,
            checkout: { branch: 'main' },
            identity: bot,
            apply: setFile('b.txt', '2\n'),
          }),
      );
      assert.equal(r.kind, 'pushed');
      assert.equal(
        git(['log', '--format=%s', 'main'], join(root, name)),
        'set b.txt to 2\nset a.txt to 1\ninitial',
      );
      git(['fsck', '--no-progress'], gitDir);
    });
  }

  it('coalesces updates queued for the same branch into fewer commits', async () => {
    const name = newRepo();
    const state = tempDir('tagpilot-state-');
    const wb = new GitWriteBack();
    const results = await withRemote({ stateDir: state, url: daemon.url(name) }, (remote) =>
      Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          wb.run({
            remote,
            checkout: { branch: 'main' },
            identity: bot,
            apply: setFile(`img/${i}.yaml`, `tag: ${i}\n`),
          }),
        ),
      ),
    );
    const commits = new Set(results.map((r) => r.commit));
    assert.ok(commits.size < 6, `expected coalescing, got ${commits.size} commits`);
    assert.ok(results.some((r) => r.batched > 1));
    const bare = join(root, name);
    for (let i = 0; i < 6; i++)
      assert.equal(git(['show', `main:img/${i}.yaml`], bare), `tag: ${i}`);
    assert.equal(Number(git(['rev-list', '--count', 'main'], bare)), commits.size + 1);
  });
});
