import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../../test/support/git-servers.ts';
import { sshKeygen } from '../../../test/support/git-sshd.ts';
import { configEnv, prepareCredentials, splitUserinfo } from './credentials.ts';

describe('splitUserinfo', () => {
  const cases = [
    {
      in: 'https://bob:p%40ss@h/r.git',
      want: { url: 'https://h/r.git', username: 'bob', password: 'p@ss' },
    },
    { in: 'https://bob@h/r.git', want: { url: 'https://h/r.git', username: 'bob' } },
    { in: 'https://h/r.git', want: { url: 'https://h/r.git' } },
    { in: 'ssh://git@h/r.git', want: { url: 'ssh://git@h/r.git' } },
  ];
  for (const c of cases) it(c.in, () => assert.deepEqual(splitUserinfo(c.in), c.want));
});

describe('prepareCredentials', () => {
  it('turns URL credentials into a scoped header and strips them from the URL', async () => {
    const c = await prepareCredentials(
      'https://bob:s3cret-pw@h/r.git',
      { kind: 'none' },
      undefined,
      tempDir(),
    );
    assert.equal(c.url, 'https://h/r.git');
    const header = c.config.find(([k]) => k === 'http.https://h/r.git.extraHeader');
    assert.equal(
      header?.[1],
      `Authorization: Basic ${Buffer.from('bob:s3cret-pw').toString('base64')}`,
    );
    assert.ok(c.secrets.includes('s3cret-pw'));
  });

  it('prefers the Secret over URL credentials, and proxies with encoded credentials', async () => {
    const c = await prepareCredentials(
      'http://url-user:url-pw@h/r.git',
      { kind: 'bearer', token: 'tok-abcdef' },
      { address: 'http://proxy:3128', username: 'p x', password: 'p@ss:w' },
      tempDir(),
    );
    const pairs = Object.fromEntries(c.config);
    assert.equal(pairs['http.http://h/r.git.extraHeader'], 'Authorization: Bearer tok-abcdef');
    assert.equal(pairs['http.proxy'], 'http://p%20x:p%40ss%3Aw@proxy:3128/');
    assert.doesNotMatch(JSON.stringify(c.config), /url-pw/);
  });

  it('writes ssh material 0600 and checks host keys strictly with user git by default', async () => {
    const dir = tempDir();
    const [identity] = sshKeygen(tempDir(), 'id');
    const c = await prepareCredentials(
      'ssh://h:2222/r.git',
      { kind: 'ssh', identity, knownHosts: 'h ssh-ed25519 AAAA' },
      undefined,
      dir,
    );
    const cmd = c.env.GIT_SSH_COMMAND ?? '';
    assert.match(cmd, /StrictHostKeyChecking=yes/);
    assert.match(cmd, /-o User=git/);
    assert.match(cmd, /BatchMode=yes/);
    assert.equal(statSync(join(dir, 'identity')).mode & 0o777, 0o600);
    assert.equal(readFileSync(join(dir, 'known_hosts'), 'utf8'), 'h ssh-ed25519 AAAA\n');
  });

  it('refuses a state directory that would break the ssh command line', async () => {
    await assert.rejects(
      prepareCredentials(
        'ssh://h/r',
        { kind: 'ssh', identity: 'x', knownHosts: 'h a b' },
        undefined,
        "/tmp/it's",
      ),
      /must not contain quotes/,
    );
  });
});

describe('configEnv', () => {
  it('encodes pairs as GIT_CONFIG_COUNT/KEY/VALUE', () => {
    assert.deepEqual(
      configEnv([
        ['a.b', '1'],
        ['c.d', 'x y'],
      ]),
      {
        GIT_CONFIG_COUNT: '2',
        GIT_CONFIG_KEY_0: 'a.b',
        GIT_CONFIG_VALUE_0: '1',
        GIT_CONFIG_KEY_1: 'c.d',
        GIT_CONFIG_VALUE_1: 'x y',
      },
    );
  });
});
