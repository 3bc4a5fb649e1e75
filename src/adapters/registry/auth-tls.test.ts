// htpasswd (bcrypt) Basic auth over TLS with a CA made here, and mutual TLS, against real registries.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Agent } from 'undici';
import {
  type RunningRegistry,
  registryV2Available,
  startRegistry,
} from '../../../test/support/registry.ts';
import { makePki, type Pki } from '../../../test/support/registry-pki.ts';
import { basicPushAuth, pushTags } from '../../../test/support/registry-push.ts';
import { RegistryPool } from './pool.ts';

const available = registryV2Available();
if (!available)
  console.log(
    '# skipping: docker-registry is not installed (apt-get install docker-registry apache2-utils)',
  );

const dockerconfig = (host: string, user: string, pass: string) => ({
  name: 'team-a/pull',
  type: 'kubernetes.io/dockerconfigjson',
  data: {
    '.dockerconfigjson': JSON.stringify({
      auths: { [host]: { auth: Buffer.from(`${user}:${pass}`).toString('base64') } },
    }),
  },
});

async function list(
  pool: RegistryPool,
  target: Parameters<RegistryPool['listTags']>[0],
): Promise<string[]> {
  const out: string[] = [];
  for await (const b of pool.listTags(target)) out.push(...b);
  return out.sort();
}

describe('htpasswd + TLS and mTLS (distribution 2.8)', { skip: !available }, () => {
  let dir: string;
  let pki: Pki;
  let basic: RunningRegistry;
  let mtls: RunningRegistry;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tagpilot-pki-'));
    pki = makePki(dir);
    basic = await startRegistry({
      auth: { kind: 'htpasswd', users: { alice: 's3cret' } },
      tls: { cert: pki.serverCert, key: pki.serverKey },
    });
    mtls = await startRegistry({
      tls: { cert: pki.serverCert, key: pki.serverKey, clientCa: pki.caCert },
    });
    const trust = new Agent({ connect: { ca: pki.caCertPem } });
    await pushTags(
      { url: basic.url, auth: basicPushAuth('alice', 's3cret'), dispatcher: trust },
      'private/app',
      ['v1', 'v2'],
    );
    const withCert = new Agent({
      connect: { ca: pki.caCertPem, cert: pki.clientCertPem, key: pki.clientKeyPem },
    });
    await pushTags({ url: mtls.url, dispatcher: withCert }, 'secure/app', ['a', 'b', 'c']);
    await trust.close();
    await withCert.close();
  });
  after(async () => {
    await basic?.stop();
    await mtls?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists with Basic credentials from a dockerconfigjson secret and a CA from certSecretRef', async () => {
    const pool = new RegistryPool();
    const tags = await list(pool, {
      registry: basic.host,
      repository: 'private/app',
      insecure: false,
      access: {
        pullSecrets: [dockerconfig(basic.host, 'alice', 's3cret')],
        certSecret: { name: 'team-a/ca', type: 'Opaque', data: { 'ca.crt': pki.caCertPem } },
      },
    });
    assert.deepEqual(tags, ['v1', 'v2']);
    // One anonymous attempt to learn the Basic challenge, then the authenticated request.
    assert.equal(pool.counters()[basic.host]?.requests, 2);
    const again = await list(pool, {
      registry: basic.host,
      repository: 'private/app',
      insecure: false,
      access: {
        pullSecrets: [dockerconfig(basic.host, 'alice', 's3cret')],
        certSecret: { name: 'team-a/ca', type: 'Opaque', data: { 'ca.crt': pki.caCertPem } },
      },
    });
    assert.deepEqual(again, tags);
    assert.equal(
      pool.counters()[basic.host]?.requests,
      3,
      'Basic is sent up front once the host is known',
    );
    await pool.close();
  });

  const failures = [
    {
      name: 'wrong password',
      access: (host: string, ca: string) => ({
        pullSecrets: [dockerconfig(host, 'alice', 'nope')],
        certSecret: { name: 'a/ca', type: 'Opaque', data: { 'ca.crt': ca } },
      }),
      kind: 'unauthorized',
      message: /401 Unauthorized.*credentials were sent and refused/,
    },
    {
      name: 'no credentials',
      access: (_h: string, ca: string) => ({
        certSecret: { name: 'a/ca', type: 'Opaque', data: { 'ca.crt': ca } },
      }),
      kind: 'unauthorized',
      message: /no credentials matched/,
    },
    {
      name: 'untrusted certificate',
      access: (host: string) => ({ pullSecrets: [dockerconfig(host, 'alice', 's3cret')] }),
      kind: 'network',
      message: /not trusted: give its CA with certSecretRef ca\.crt/,
    },
  ];
  for (const f of failures) {
    it(`fails clearly: ${f.name}`, async () => {
      const pool = new RegistryPool({ retry: { attempts: 1, baseMs: 10 } });
      await assert.rejects(
        list(pool, {
          registry: basic.host,
          repository: 'private/app',
          insecure: false,
          access: f.access(basic.host, pki.caCertPem),
        }),
        (err: Error & { kind?: string }) => {
          assert.equal(err.kind, f.kind);
          assert.match(err.message, f.message);
          assert.doesNotMatch(err.message, /s3cret|YWxpY2U/);
          return true;
        },
      );
      await pool.close();
    });
  }

  it('presents a client certificate from certSecretRef (mTLS)', async () => {
    const pool = new RegistryPool({ retry: { attempts: 1, baseMs: 10 } });
    const tags = await list(pool, {
      registry: mtls.host,
      repository: 'secure/app',
      insecure: false,
      access: {
        certSecret: {
          name: 'a/mtls',
          type: 'kubernetes.io/tls',
          data: {
            'ca.crt': pki.caCertPem,
            'tls.crt': pki.clientCertPem,
            'tls.key': pki.clientKeyPem,
          },
        },
      },
    });
    assert.deepEqual(tags, ['a', 'b', 'c']);
    await assert.rejects(
      list(pool, {
        registry: mtls.host,
        repository: 'secure/app',
        insecure: false,
        access: {
          certSecret: { name: 'a/ca-only', type: 'Opaque', data: { caFile: pki.caCertPem } },
        },
      }),
      (err: Error & { kind?: string }) => err.kind === 'network',
    );
    await pool.close();
  });
});
