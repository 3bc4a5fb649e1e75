// Debian's sshd in the foreground with its own host key, port and config, for git over SSH.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, type GitServer, stopChild, tempDir, waitForPort } from './git-servers.ts';

/** SshServer is a running sshd plus a client identity allowed to log in. */
export interface SshServer extends GitServer {
  readonly clientKey: string;
  readonly knownHosts: string;
  readonly port: number;
}

/** sshKeygen creates an ed25519 key (optionally encrypted) and returns [private, public]. */
export function sshKeygen(dir: string, name: string, passphrase = ''): [string, string] {
  const f = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', name, '-f', f]);
  return [readFileSync(f, 'utf8'), readFileSync(`${f}.pub`, 'utf8')];
}

/** startSshd runs Debian's sshd in the foreground with key-only auth for `authorizedKeys`. */
export async function startSshd(root: string, authorizedKeys: string[] = []): Promise<SshServer> {
  const dir = tempDir('tagpilot-sshd-');
  mkdirSync('/run/sshd', { recursive: true });
  const port = await freePort();
  const [clientKey, clientPub] = sshKeygen(dir, 'client');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host')]);
  writeFileSync(join(dir, 'authorized_keys'), [clientPub, ...authorizedKeys].join('\n'));
  const user = process.env.USER ?? 'root';
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      `SetEnv PATH=${process.env.PATH}`,
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  let log = '';
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  await waitForPort(port, child, () => log);
  const hostPub = readFileSync(join(dir, 'host.pub'), 'utf8')
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
  return {
    root,
    port,
    clientKey,
    knownHosts: `[127.0.0.1]:${port} ${hostPub}\n`,
    url: (name) => `ssh://${user}@127.0.0.1:${port}${join(root, name)}`,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
