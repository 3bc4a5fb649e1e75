import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createBareRepo,
  type GitServer,
  gitEnv,
  startGitDaemon,
  tempDir,
} from '../../../test/support/git-servers.ts';
import { sshKeygen } from '../../../test/support/git-sshd.ts';
import { applyUpdate } from '../../../test/support/git-writer.ts';
import { GitWriteBack } from '../../reconcile/git-write-back.ts';
import { SecretError } from './errors.ts';
import { GitRemote } from './remote.ts';
import type { SigningKey } from './secrets.ts';
import { verifySigningKey } from './signing.ts';

let root: string;
let daemon: GitServer;
let n = 0;
const gpgHomes: string[] = [];

function gpg(home: string, args: string[], input?: string): string {
  return execFileSync('gpg', ['--batch', '--pinentry-mode', 'loopback', ...args], {
    env: { ...gitEnv, GNUPGHOME: home },
    input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'ignore'],
  });
}

// Generates an ed25519 OpenPGP key; returns the armoured secret key and a GNUPGHOME with its public key.
function openPgpKey(passphrase: string): { armored: string; verifyHome: string } {
  const home = tempDir('tagpilot-gpg-');
  writeFileSync(join(home, 'gpg-agent.conf'), 's2k-count 65536\n'); // fast key generation
  gpg(home, [
    '--passphrase',
    passphrase,
    '--quick-gen-key',
    'Flux Bot <bot@example.com>',
    'ed25519',
    'sign',
    'never',
  ]);
  const armored = gpg(home, ['--passphrase', passphrase, '--armor', '--export-secret-keys']);
  const verifyHome = tempDir('tagpilot-gpg-verify-');
  gpgHomes.push(verifyHome);
  gpg(verifyHome, ['--import'], gpg(home, ['--armor', '--export']));
  execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...gitEnv, GNUPGHOME: home } });
  return { armored, verifyHome };
}

async function signedRun(
  key: SigningKey,
): Promise<{ bare: string; commit: string; state: string }> {
  const name = `s${++n}.git`;
  createBareRepo(root, name, { 'a.txt': 'a\n' });
  const state = tempDir('tagpilot-state-');
  const remote = await GitRemote.open({ stateDir: state, url: daemon.url(name) });
  try {
    const r = await new GitWriteBack().run({
      remote,
      checkout: { branch: 'main' },
      identity: { name: 'Flux Bot', email: 'bot@example.com', signingKey: key },
      apply: async (dir) => applyUpdate(dir, { file: 'a.txt', content: 'b\n' }),
    });
    assert.equal(r.kind, 'pushed');
    return { bare: join(root, name), commit: r.commit!, state };
  } finally {
    await remote.close();
  }
}

function noKeyMaterialLeft(state: string): void {
  const runs = readdirSync(join(state, 'run'));
  assert.deepEqual(runs, [], 'run directories with key material are removed');
}

before(async () => {
  root = tempDir('tagpilot-signing-');
  daemon = await startGitDaemon(root);
});
after(async () => {
  await daemon.stop();
  // gpg and git verify-commit start an agent per test keyring: stop each one.
  for (const home of gpgHomes)
    execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...gitEnv, GNUPGHOME: home } });
});

describe('OpenPGP signing', () => {
  const cases = [
    { name: 'unprotected key', passphrase: '' },
    { name: 'key with passphrase', passphrase: 'correct horse' },
  ];
  for (const c of cases) {
    it(`${c.name}: git verify-commit accepts the signature`, async () => {
      const { armored, verifyHome } = openPgpKey(c.passphrase);
      const key: SigningKey = c.passphrase
        ? { kind: 'openpgp', armored, passphrase: c.passphrase, secret: 'sig' }
        : { kind: 'openpgp', armored, secret: 'sig' };
      const { bare, commit, state } = await signedRun(key);
      const out = execFileSync('git', ['verify-commit', '--raw', commit], {
        cwd: bare,
        env: { ...gitEnv, GNUPGHOME: verifyHome },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      assert.equal(out, '');
      noKeyMaterialLeft(state);
    });
  }
  it('wrong passphrase is a SecretError naming the key, before any network access', async () => {
    const { armored } = openPgpKey('right');
    const key: SigningKey = { kind: 'openpgp', armored, passphrase: 'wrong', secret: 'sig' };
    const isBad = (e: unknown) =>
      e instanceof SecretError &&
      e.secret === 'sig' &&
      e.key === 'passphrase' &&
      !/wrong|right/.test(e.message);
    const scratch = join(tempDir('tagpilot-scratch-'), 'sig');
    await assert.rejects(verifySigningKey(key, scratch), isBad);
    assert.equal(existsSync(scratch), false, 'scratch keyring removed');
    await assert.rejects(signedRun(key), isBad);
  });
  it('a key file with two secret keys is refused', async () => {
    const a = openPgpKey('');
    const b = openPgpKey('');
    const both = a.armored + b.armored;
    await assert.rejects(
      verifySigningKey({ kind: 'openpgp', armored: both, secret: 'sig' }, join(tempDir(), 'x')),
      /exactly one/,
    );
  });
});

describe('SSH signing', () => {
  const cases = [
    { name: 'unencrypted identity', password: '' },
    { name: 'encrypted identity with password', password: 'open sesame' },
  ];
  for (const c of cases) {
    it(`${c.name}: git verify-commit accepts the signature`, async () => {
      const dir = tempDir('tagpilot-sshsig-');
      const [identity, pub] = sshKeygen(dir, 'sign', c.password);
      const key: SigningKey = c.password
        ? { kind: 'ssh', identity, password: c.password, secret: 'sig' }
        : { kind: 'ssh', identity, secret: 'sig' };
      const { bare, commit, state } = await signedRun(key);
      const allowed = join(dir, 'allowed_signers');
      writeFileSync(allowed, `bot@example.com ${pub}`);
      const out = execFileSync(
        'git',
        ['-c', `gpg.ssh.allowedSignersFile=${allowed}`, 'verify-commit', commit],
        {
          cwd: bare,
          env: gitEnv,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      assert.equal(out, '');
      assert.match(
        readFileSync(join(bare, 'objects', '..', 'HEAD'), 'utf8'),
        /ref: refs\/heads\/main/,
      );
      noKeyMaterialLeft(state);
    });
  }
  it('wrong ssh key password is a SecretError naming the key', async () => {
    const [identity] = sshKeygen(tempDir('tagpilot-sshsig-'), 'sign', 'right-one');
    await assert.rejects(
      signedRun({ kind: 'ssh', identity, password: 'wrong-one', secret: 'sig' }),
      {
        name: 'SecretError',
        key: 'password',
      },
    );
  });
});
