import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyGitFailure } from './errors.ts';
import { redact, runGit } from './exec.ts';
import { classifyPushRejection } from './worktree-session.ts';

describe('classifyGitFailure', () => {
  const cases = [
    {
      name: 'http 401',
      stderr: "fatal: unable to access 'http://h/r/': The requested URL returned error: 401",
      want: 'auth',
    },
    {
      name: 'no prompt',
      stderr: "fatal: could not read Username for 'http://h': terminal prompts disabled",
      want: 'auth',
    },
    {
      name: 'ssh key refused',
      stderr:
        'git@h: Permission denied (publickey).\nfatal: Could not read from remote repository.',
      want: 'auth',
    },
    {
      name: 'unknown host key',
      stderr:
        'No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\nHost key verification failed.',
      want: 'auth',
    },
    {
      name: 'missing repo',
      stderr: 'fatal: remote error: access denied or repository not exported: /nope.git',
      want: 'auth',
    },
    {
      name: 'http 403 on push',
      stderr: "fatal: unable to access 'https://h/r/': The requested URL returned error: 403",
      want: 'permission-denied',
    },
    {
      name: 'read-only deploy key',
      stderr:
        'ERROR: The key you are authenticating with has been marked as read only.\nfatal: Could not read from remote repository.',
      want: 'permission-denied',
    },
    {
      name: 'github permission',
      stderr: 'remote: Permission to org/repo.git denied to bot.\nfatal: unable to access',
      want: 'permission-denied',
    },
    {
      name: 'http 404',
      stderr: "fatal: repository 'http://h/nope.git/' not found",
      want: 'not-found',
    },
    {
      name: 'corrupt pack',
      stderr: 'error: inflate: data stream error\nfatal: loose object 1234 is corrupt',
      want: 'corrupt-cache',
    },
    { name: 'other', stderr: 'fatal: something odd', want: 'failed' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(classifyGitFailure(c.stderr), c.want));
});

describe('classifyPushRejection', () => {
  const cases = [
    {
      name: 'fetch first',
      out: '!\trefs/heads/main:refs/heads/main\t[rejected] (fetch first)',
      err: '',
      want: 'non-fast-forward',
    },
    {
      name: 'lease',
      out: '!\trefs/heads/a:refs/heads/a\t[rejected] (stale info)',
      err: '',
      want: 'non-fast-forward',
    },
    {
      name: 'hook',
      out: '!\trefs/heads/main:refs/heads/main\t[remote rejected] (pre-receive hook declined)',
      err: 'remote: nope',
      want: 'hook-rejected',
    },
    {
      name: 'github protected',
      out: '!\trefs/heads/main:refs/heads/main\t[remote rejected] (protected branch hook declined)',
      err: 'remote: error: GH006: Protected branch update failed',
      want: 'protected-branch',
    },
    {
      name: 'gitlab protected',
      out: '!\trefs/heads/main:refs/heads/main\t[remote rejected] (pre-receive hook declined)',
      err: 'remote: GitLab: You are not allowed to push code to protected branches on this project.',
      want: 'protected-branch',
    },
    {
      name: 'lost the server ref lock',
      out: '!\trefs/heads/main:refs/heads/main\t[remote rejected] (failed to update ref)',
      err: "remote: error: cannot lock ref 'refs/heads/main': is at 1 but expected 2",
      want: 'non-fast-forward',
    },
    {
      name: 'accepted',
      out: '*\trefs/heads/main:refs/heads/main\t[new branch]',
      err: '',
      want: undefined,
    },
  ];
  for (const c of cases)
    it(c.name, () => assert.equal(classifyPushRejection(c.out, c.err), c.want));
});

describe('redact and runGit', () => {
  it('removes URL passwords and listed secrets', () => {
    assert.equal(
      redact('https://bob:s3cr3t@h/r token=abcd1234', ['abcd1234']),
      'https://bob:***@h/r token=***',
    );
  });
  it('reports args, exit code and redacted stderr', async () => {
    await assert.rejects(
      runGit(['ls-remote', 'http://u:pw-123456@127.0.0.1:1/x'], { timeoutMs: 10_000 }),
      (e: unknown) => {
        assert.ok(e instanceof Error && e.name === 'GitError');
        const g = e as import('./errors.ts').GitError;
        assert.equal(g.args[0], 'ls-remote');
        assert.notEqual(g.exitCode, 0);
        assert.doesNotMatch(`${g.message}${g.stderr}${g.args.join(' ')}`, /pw-123456/);
        return true;
      },
    );
  });
  it('times out with kind timeout', async () => {
    // git daemon never exits on its own: the timeout must kill it.
    await assert.rejects(
      runGit(['daemon', '--listen=127.0.0.1', '--port=0', '/nonexistent'], { timeoutMs: 200 }),
      {
        name: 'GitError',
        kind: 'timeout',
      },
    );
  });
});
