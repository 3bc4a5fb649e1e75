// Turns validated credentials into files in a private run directory plus environment for git:
// config goes through GIT_CONFIG_COUNT (never argv, which `ps` shows), keys through 0600 files.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SecretError } from './errors.ts';
import { runProgram } from './program.ts';
import type { GitAuth, ProxyConfig } from './secrets.ts';
import { urlScheme } from './secrets.ts';

/** GitCredentials is what a run needs to talk to one remote: clean URL, env and secrets to redact. */
export interface GitCredentials {
  readonly url: string;
  /** config is git configuration; pass it through configEnv together with any other pairs. */
  readonly config: ReadonlyArray<readonly [string, string]>;
  readonly env: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
}

/** configEnv encodes git config pairs as GIT_CONFIG_COUNT/KEY_n/VALUE_n variables. */
export function configEnv(pairs: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(pairs.length) };
  pairs.forEach(([k, v], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = k;
    env[`GIT_CONFIG_VALUE_${i}`] = v;
  });
  return env;
}

/** splitUserinfo removes `user:password@` from a URL, returning both parts. */
export function splitUserinfo(url: string): { url: string; username?: string; password?: string } {
  if (!/^https?:\/\//i.test(url)) return { url };
  const u = new URL(url);
  if (u.username === '' && u.password === '') return { url };
  const username = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  return { url: u.toString(), username, ...(password === '' ? {} : { password }) };
}

async function secretFile(dir: string, name: string, content: string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, content.endsWith('\n') ? content : `${content}\n`, { mode: 0o600 });
  return p;
}

/** writeAskpass writes a helper that prints the key password from the environment (never argv). */
export async function writeAskpass(dir: string): Promise<string> {
  const p = join(dir, 'askpass');
  await writeFile(p, '#!/bin/sh\nprintf \'%s\\n\' "$TAGPILOT_KEY_PASSWORD"\n', { mode: 0o700 });
  await chmod(p, 0o700);
  return p;
}

/** prepareCredentials materialises auth and proxy for `url` inside the private directory `dir`. */
export async function prepareCredentials(
  rawUrl: string,
  auth: GitAuth,
  proxy: ProxyConfig | undefined,
  dir: string,
  secretName = 'secretRef',
  sshTimeoutSec = 30,
): Promise<GitCredentials> {
  // Paths end up in GIT_SSH_COMMAND, which git runs through a shell.
  if (/['\\\n]/.test(dir))
    throw new Error(`state directory '${dir}' must not contain quotes, backslashes or newlines`);
  const pairs: Array<[string, string]> = [];
  const env: Record<string, string> = {};
  const secrets: string[] = [];
  const split = splitUserinfo(rawUrl);
  const url = split.url;
  const scheme = urlScheme(url);

  let effective = auth;
  if (auth.kind === 'none' && split.username !== undefined && split.password !== undefined) {
    effective = {
      kind: 'basic',
      username: split.username,
      password: split.password,
      ...(auth.tls ? { tls: auth.tls } : {}),
    };
  }
  if (effective.kind === 'basic') {
    const b64 = Buffer.from(`${effective.username}:${effective.password}`).toString('base64');
    pairs.push([`http.${url}.extraHeader`, `Authorization: Basic ${b64}`]);
    secrets.push(effective.password, b64);
  } else if (effective.kind === 'bearer') {
    pairs.push([`http.${url}.extraHeader`, `Authorization: Bearer ${effective.token}`]);
    secrets.push(effective.token);
  }
  if (effective.kind !== 'ssh' && effective.tls !== undefined) {
    const t = effective.tls;
    if (t.caCert !== undefined)
      pairs.push(['http.sslCAInfo', await secretFile(dir, 'ca.crt', t.caCert)]);
    if (t.clientCert !== undefined)
      pairs.push(['http.sslCert', await secretFile(dir, 'tls.crt', t.clientCert)]);
    if (t.clientKey !== undefined)
      pairs.push(['http.sslKey', await secretFile(dir, 'tls.key', t.clientKey)]);
  }
  if (effective.kind === 'ssh' || scheme === 'ssh') {
    const opts = [
      'ssh -F /dev/null',
      '-o IdentitiesOnly=yes -o IdentityAgent=none',
      '-o StrictHostKeyChecking=yes -o GlobalKnownHostsFile=/dev/null',
      '-o PasswordAuthentication=no -o KbdInteractiveAuthentication=no',
      `-o ConnectTimeout=${sshTimeoutSec}`,
    ];
    if (effective.kind === 'ssh') {
      const id = await secretFile(dir, 'identity', effective.identity);
      const kh = await secretFile(dir, 'known_hosts', effective.knownHosts);
      opts.push(`-i '${id}' -o UserKnownHostsFile='${kh}'`);
      if (!/^ssh:\/\/[^/@]+@/i.test(url) && !/^[^/:@]+@/.test(url)) opts.push('-o User=git');
      if (effective.password !== undefined) {
        env.SSH_ASKPASS = await writeAskpass(dir);
        env.SSH_ASKPASS_REQUIRE = 'force';
        env.TAGPILOT_KEY_PASSWORD = effective.password;
        secrets.push(effective.password);
        opts.push('-o BatchMode=no');
        await checkIdentity(secretName, id, env, secrets);
      } else {
        opts.push('-o BatchMode=yes');
        await checkIdentity(secretName, id, { SSH_ASKPASS: '/bin/false' }, secrets);
      }
    } else {
      opts.push('-o BatchMode=yes -o UserKnownHostsFile=/dev/null');
    }
    env.GIT_SSH_COMMAND = opts.join(' ');
    env.GIT_SSH_VARIANT = 'ssh';
  }
  if (proxy !== undefined && (scheme === 'http' || scheme === 'https')) {
    const p = new URL(proxy.address);
    if (proxy.username !== undefined) p.username = encodeURIComponent(proxy.username);
    if (proxy.password !== undefined) {
      p.password = encodeURIComponent(proxy.password);
      secrets.push(proxy.password, p.password);
    }
    pairs.push(['http.proxy', p.toString()]);
  }
  return { url, config: pairs, env, secrets };
}

// Derives the public key locally: catches a corrupt key or a wrong password before any network.
async function checkIdentity(
  secretName: string,
  file: string,
  env: Record<string, string>,
  secrets: readonly string[],
): Promise<void> {
  const r = await runProgram('ssh-keygen', ['-y', '-f', file], { env, secrets, timeoutMs: 10_000 });
  if (r.code === 0) return;
  if (/passphrase|incorrect/i.test(r.stderr)) {
    const problem =
      env.TAGPILOT_KEY_PASSWORD === undefined
        ? 'is required: the ssh identity is encrypted'
        : 'does not decrypt the ssh identity';
    throw new SecretError(secretName, 'password', problem);
  }
  throw new SecretError(secretName, 'identity', 'cannot be loaded as an ssh private key');
}
