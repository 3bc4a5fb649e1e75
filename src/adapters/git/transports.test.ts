// Clone, commit and push over every transport, and the distinct errors, against real servers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bot, hook, newRepo, setFile, withRemote } from '../../../test/support/git-fixture.ts';
import {
  type GitServer,
  git,
  startGitDaemon,
  startGitHttp,
  tempDir,
} from '../../../test/support/git-servers.ts';
import { type SshServer, sshKeygen, startSshd } from '../../../test/support/git-sshd.ts';
import { GitWriteBack } from '../../reconcile/git-write-back.ts';
import { EmptyRepositoryError, GitRefNotFoundError } from '../../reconcile/git-write-back-plan.ts';
import { GitError, SecretError } from './errors.ts';
import type { GitAuth } from './secrets.ts';

let root: string;
let daemon: GitServer;
let http: GitServer;
let ssh: SshServer;

before(async () => {
  root = tempDir('tagpilot-remotes-');
  daemon = await startGitDaemon(root);
  http = await startGitHttp(root, {
    users: { alice: 'wonderland', reader: 'read-pw' },
    bearer: 'tok-0123456789',
    readOnly: ['reader'],
  });
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
      const name = newRepo(root);
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
        url: http.url(newRepo(root)),
        auth: { kind: 'basic', username: 'alice', password: 'wrong-password' },
      }),
      check: (e) =>
        e instanceof GitError &&
        e.kind === 'auth' &&
        !/wrong-password/.test(`${e.message}${e.stderr}`),
    },
    {
      name: 'read-only credentials: fetch works, push is denied',
      setup: () => ({
        url: http.url(newRepo(root)),
        auth: { kind: 'basic', username: 'reader', password: 'read-pw' },
      }),
      check: (e) =>
        e instanceof GitError &&
        e.kind === 'permission-denied' &&
        /push to .*: permission denied: .*403/.test(e.message),
    },
    {
      name: 'no credentials for a protected http repo',
      setup: () => ({ url: http.url(newRepo(root)) }),
      check: (e) => e instanceof GitError && e.kind === 'auth',
    },
    {
      name: 'wrong bearer token',
      setup: () => ({
        url: http.url(newRepo(root)),
        auth: { kind: 'bearer', token: 'tok-wrong-999' },
      }),
      check: (e) =>
        e instanceof GitError &&
        e.kind === 'auth' &&
        !/tok-wrong-999/.test(`${e.message}${e.stderr}`),
    },
    {
      name: 'ssh key not authorised',
      setup: () => ({
        url: ssh.url(newRepo(root)),
        auth: { kind: 'ssh', identity: otherKey, knownHosts: ssh.knownHosts },
      }),
      check: (e) =>
        e instanceof GitError && e.kind === 'auth' && /Permission denied/.test(e.message),
    },
    {
      name: 'ssh host key not in known_hosts',
      setup: () => ({
        url: ssh.url(newRepo(root)),
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
      setup: () => ({ url: daemon.url(newRepo(root, null)) }),
      check: (e) => e instanceof EmptyRepositoryError && /is empty/.test(e.message),
    },
    {
      name: 'missing branch',
      setup: () => ({ url: daemon.url(newRepo(root)), checkout: 'nope' }),
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
        const n = newRepo(root);
        hook(root, n, 'echo "policy: commits must be reviewed" >&2; exit 1');
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
        const n = newRepo(root);
        hook(
          root,
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
  it('abort signal stops a hanging operation', async () => {
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    await assert.rejects(
      withRemote({ url: `git://127.0.0.1:${port}/r.git`, signal: ac.signal }, (r) => r.listRefs()),
      (e) => e instanceof GitError && e.kind === 'aborted',
    );
    for (const s of sockets) s.destroy();
    silent.close();
  });

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
