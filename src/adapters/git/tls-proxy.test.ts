// HTTPS with a private CA and client certificates, and a forward proxy with credentials.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createBareRepo,
  type GitServer,
  git,
  startGitHttp,
  tempDir,
} from '../../../test/support/git-servers.ts';
import { makeTlsFixture, startHttpProxy, type TlsFixture } from '../../../test/support/git-tls.ts';
import { applyUpdate } from '../../../test/support/git-writer.ts';
import { GitWriteBack } from '../../reconcile/git-write-back.ts';
import { GitError } from './errors.ts';
import { GitRemote, type GitRemoteOptions } from './remote.ts';
import { validateAuthSecret } from './secrets.ts';

let root: string;
let tls: TlsFixture;
let https: GitServer;
let mtls: GitServer;
let plain: GitServer & { requests: number };
let n = 0;

async function writeBack(opts: Omit<GitRemoteOptions, 'stateDir'>) {
  const remote = await GitRemote.open({
    stateDir: tempDir('tagpilot-state-'),
    timeoutMs: 20_000,
    ...opts,
  });
  try {
    return await new GitWriteBack().run({
      remote,
      checkout: { branch: 'main' },
      identity: { name: 'bot', email: 'bot@example.com' },
      apply: async (dir) => applyUpdate(dir, { file: 'f.txt', content: `${++n}\n` }),
    });
  } finally {
    await remote.close();
  }
}

before(async () => {
  root = tempDir('tagpilot-tls-repos-');
  createBareRepo(root, 'r.git', { 'a.txt': 'a\n' });
  tls = makeTlsFixture();
  https = await startGitHttp(root, {
    users: { alice: 'pw-alice' },
    tls: { key: tls.serverKey, cert: tls.serverCert },
  });
  mtls = await startGitHttp(root, {
    tls: { key: tls.serverKey, cert: tls.serverCert, clientCa: tls.ca },
  });
  plain = await startGitHttp(root, { users: { alice: 'pw-alice' } });
});
after(async () => {
  await https.stop();
  await mtls.stop();
  await plain.stop();
});

describe('https', () => {
  it('trusts the server through ca.crt from the secret', async () => {
    const auth = validateAuthSecret(https.url('r.git'), {
      name: 'git-auth',
      data: { username: 'alice', password: 'pw-alice', 'ca.crt': tls.ca },
    });
    const r = await writeBack({ url: https.url('r.git'), auth });
    assert.equal(r.kind, 'pushed');
    assert.equal(git(['rev-parse', 'main'], `${root}/r.git`), r.commit);
  });
  it('without ca.crt the unknown CA is a TLS error', async () => {
    await assert.rejects(
      writeBack({
        url: https.url('r.git'),
        auth: { kind: 'basic', username: 'alice', password: 'pw-alice' },
      }),
      (e) => e instanceof GitError && e.kind === 'tls',
    );
  });
  it('presents tls.crt/tls.key as client certificate', async () => {
    const auth = validateAuthSecret(mtls.url('r.git'), {
      name: 'git-auth',
      data: { 'ca.crt': tls.ca, 'tls.crt': tls.clientCert, 'tls.key': tls.clientKey },
    });
    assert.equal((await writeBack({ url: mtls.url('r.git'), auth })).kind, 'pushed');
  });
  it('without a client certificate the server refuses the handshake', async () => {
    const auth = validateAuthSecret(mtls.url('r.git'), {
      name: 'git-auth',
      data: { 'ca.crt': tls.ca },
    });
    await assert.rejects(
      writeBack({ url: mtls.url('r.git'), auth }),
      (e) => e instanceof GitError && (e.kind === 'tls' || e.kind === 'failed'),
    );
  });
});

describe('proxy', () => {
  it('sends every request through the proxy with its credentials, never showing the password', async () => {
    const proxy = await startHttpProxy('px:proxy-secret-1');
    try {
      const before = plain.requests;
      const r = await writeBack({
        url: plain.url('r.git'),
        auth: { kind: 'basic', username: 'alice', password: 'pw-alice' },
        proxy: { address: proxy.url, username: 'px', password: 'proxy-secret-1' },
      });
      assert.equal(r.kind, 'pushed');
      assert.ok(proxy.requests() > 0);
      assert.equal(
        plain.requests - before,
        proxy.requests(),
        'all git requests went through the proxy',
      );
      await assert.rejects(
        writeBack({
          url: plain.url('r.git'),
          proxy: { address: proxy.url, username: 'px', password: 'wrong-proxy-pw' },
        }),
        (e) =>
          e instanceof GitError &&
          !/wrong-proxy-pw|proxy-secret-1/.test(`${e.message}${e.stderr}${e.args.join(' ')}`),
      );
    } finally {
      await proxy.stop();
    }
  });
});
