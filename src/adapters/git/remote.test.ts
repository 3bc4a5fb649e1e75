// Push branch rules, checkout kinds and the cache of the git adapter, against a real git daemon.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bot, hook, newRepo, setFile, withRemote } from '../../../test/support/git-fixture.ts';
import { type GitServer, git, startGitDaemon, tempDir } from '../../../test/support/git-servers.ts';
import { type GitRemotePort, GitWriteBack } from '../../reconcile/git-write-back.ts';

let root: string;
let daemon: GitServer;

before(async () => {
  root = tempDir('tagpilot-remote-');
  daemon = await startGitDaemon(root);
});

after(() => daemon.stop());

describe('push branch rules', () => {
  it('switching branch: creates the push branch, then builds on it; a human commit there survives', async () => {
    const name = newRepo(root);
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
    const name = newRepo(root);
    const bare = join(root, name);
    const seen = join(tempDir('tagpilot-opts-'), 'options');
    hook(root, name, `env | grep '^GIT_PUSH_OPTION_[0-9]' | sort >> '${seen}'; exit 0`);
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
    const name = newRepo(root);
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
    const name = newRepo(root);
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
    const name = newRepo(root);
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
    const name = newRepo(root);
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
      const name = newRepo(root);
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

  it('edits left by a run that died before committing never reach the next commit', async () => {
    const name = newRepo(root);
    const state = tempDir('tagpilot-state-');
    const wb = new GitWriteBack();
    await assert.rejects(
      withRemote({ stateDir: state, url: daemon.url(name) }, (remote) =>
        wb.run({
          remote,
          checkout: { branch: 'main' },
          identity: bot,
          apply: async (dir) => {
            writeFileSync(join(dir, 'junk.txt'), 'half-done\n');
            writeFileSync(join(dir, 'app.yaml'), 'image: app:broken\n');
            throw new Error('setters crashed');
          },
        }),
      ),
      /setters crashed/,
    );
    const r = await withRemote({ stateDir: state, url: daemon.url(name) }, (remote) =>
      wb.run({
        remote,
        checkout: { branch: 'main' },
        identity: bot,
        apply: setFile('ok.txt', 'ok\n'),
      }),
    );
    assert.equal(r.kind, 'pushed');
    const bare = join(root, name);
    assert.equal(git(['ls-tree', '--name-only', 'main'], bare), 'app.yaml\nok.txt');
    assert.equal(git(['show', 'main:app.yaml'], bare), 'image: app:1');
  });

  it('writers for different push branches share one cache concurrently', async () => {
    const name = newRepo(root);
    const state = tempDir('tagpilot-state-');
    const wb = new GitWriteBack();
    const results = await Promise.all(
      ['auto-a', 'auto-b', 'auto-c'].map((branch) =>
        withRemote({ stateDir: state, url: daemon.url(name) }, (remote) =>
          wb.run({
            remote,
            checkout: { branch: 'main' },
            push: { branch },
            identity: bot,
            apply: setFile(`${branch}.txt`, `${branch}\n`),
          }),
        ),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.kind),
      ['pushed', 'pushed', 'pushed'],
    );
    const bare = join(root, name);
    for (const b of ['auto-a', 'auto-b', 'auto-c'])
      assert.equal(git(['show', `${b}:${b}.txt`], bare), b);
    assert.equal(readdirSync(join(state, 'git')).length, 1, 'one cache per URL');
  });

  it('coalesces updates queued for the same branch into fewer commits', async () => {
    const name = newRepo(root);
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
