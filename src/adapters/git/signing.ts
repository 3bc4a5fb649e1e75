// Commit signing with throw-away key material: an OpenPGP key is imported into a private
// GNUPGHOME, an SSH key written to a 0600 file; both live in the run directory and are removed
// (and the gpg-agent stopped) when the run ends. Passwords reach gpg/ssh-keygen through files or
// environment, never argv.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAskpass } from './credentials.ts';
import { SecretError } from './errors.ts';
import { runProgram } from './program.ts';
import type { SigningKey } from './secrets.ts';

/** PreparedSigner is git config + environment that make `git commit` sign, and its cleanup. */
export interface PreparedSigner {
  readonly config: ReadonlyArray<readonly [string, string]>;
  readonly env: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  dispose(): Promise<void>;
}

/** prepareSigner loads `key` into `dir` and test-signs once, so bad keys fail before any network. */
export async function prepareSigner(key: SigningKey, dir: string): Promise<PreparedSigner> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    return key.kind === 'ssh' ? await prepareSsh(key, dir) : await prepareOpenPgp(key, dir);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

async function prepareSsh(
  key: Extract<SigningKey, { kind: 'ssh' }>,
  dir: string,
): Promise<PreparedSigner> {
  const file = join(dir, 'signing_key');
  await writeFile(file, key.identity.endsWith('\n') ? key.identity : `${key.identity}\n`, {
    mode: 0o600,
  });
  const env: Record<string, string> = { SSH_ASKPASS_REQUIRE: 'force', SSH_ASKPASS: '/bin/false' };
  const secrets: string[] = [];
  if (key.password !== undefined) {
    env.SSH_ASKPASS = await writeAskpass(dir);
    env.TAGPILOT_KEY_PASSWORD = key.password;
    secrets.push(key.password);
  }
  const probe = join(dir, 'probe');
  await writeFile(probe, 'tagpilot signing probe\n');
  const r = await runProgram('ssh-keygen', ['-Y', 'sign', '-n', 'git', '-f', file, probe], {
    env,
    secrets,
  });
  if (r.code !== 0) {
    if (/passphrase/i.test(r.stderr))
      throw new SecretError(
        key.secret,
        'password',
        key.password === undefined
          ? 'is required: the identity is encrypted'
          : 'does not decrypt the identity',
      );
    throw new SecretError(
      key.secret,
      'identity',
      'cannot be used for ssh signing (want an OpenSSH private key)',
    );
  }
  return {
    config: [
      ['gpg.format', 'ssh'],
      ['user.signingkey', file],
      ['commit.gpgsign', 'true'],
      ['gpg.ssh.program', 'ssh-keygen'],
    ],
    env,
    secrets,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

async function prepareOpenPgp(
  key: Extract<SigningKey, { kind: 'openpgp' }>,
  dir: string,
): Promise<PreparedSigner> {
  const home = join(dir, 'gnupg');
  await mkdir(home, { recursive: true, mode: 0o700 });
  // The keyring lives for one commit next to its passphrase file: skip the agent's slow
  // re-protection calibration (seconds per import on a busy machine).
  await writeFile(join(home, 'gpg-agent.conf'), 's2k-count 65536\n');
  const env = { GNUPGHOME: home };
  const secrets = key.passphrase === undefined ? [] : [key.passphrase];
  const stopAgent = async (): Promise<void> => {
    await runProgram('gpgconf', ['--kill', 'gpg-agent'], { env, timeoutMs: 5000 });
  };
  const imported = await runProgram('gpg', ['--batch', '--import'], {
    env,
    stdin: key.armored,
    secrets,
  });
  if (imported.code !== 0) {
    await stopAgent();
    throw new SecretError(key.secret, 'git.asc', 'cannot be imported as an OpenPGP private key');
  }
  const listed = await runProgram('gpg', ['--batch', '--with-colons', '--list-secret-keys'], {
    env,
  });
  const fprs = [...listed.stdout.matchAll(/^sec:[\s\S]*?\nfpr:+([0-9A-F]+):/gm)].map((m) => m[1]!);
  if (fprs.length !== 1) {
    await stopAgent();
    throw new SecretError(
      key.secret,
      'git.asc',
      `holds ${fprs.length} secret keys; exactly one is allowed`,
    );
  }
  const passFile = join(dir, 'passphrase');
  await writeFile(passFile, key.passphrase ?? '', { mode: 0o600 });
  const wrapper = join(dir, 'gpg-sign');
  // git appends its own arguments (--status-fd=2 -bsau <key>); the wrapper adds non-interactive ones.
  await writeFile(
    wrapper,
    `#!/bin/sh\nexec gpg --batch --no-tty --pinentry-mode loopback --passphrase-file '${passFile}' "$@"\n`,
    { mode: 0o700 },
  );
  const probe = await runProgram(wrapper, ['-bsau', fprs[0]!], { env, stdin: 'probe\n', secrets });
  if (probe.code !== 0) {
    await stopAgent();
    throw new SecretError(
      key.secret,
      'passphrase',
      key.passphrase === undefined
        ? 'is required: the key is encrypted'
        : 'does not unlock the key',
    );
  }
  return {
    config: [
      ['gpg.format', 'openpgp'],
      ['gpg.program', wrapper],
      ['user.signingkey', fprs[0]!],
      ['commit.gpgsign', 'true'],
    ],
    env,
    secrets,
    dispose: async () => {
      await stopAgent();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** verifySigningKey loads and test-signs `key` in a scratch directory: call it before any network. */
export async function verifySigningKey(key: SigningKey, scratchDir: string): Promise<void> {
  const signer = await prepareSigner(key, scratchDir);
  await signer.dispose();
}
