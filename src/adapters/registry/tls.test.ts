// certSecretRef and proxySecretRef validation, with Flux's messages.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makePki, type Pki } from '../../../test/support/registry-pki.ts';
import { tlsFromSecret } from './tls.ts';
import { proxyFromSecret } from './transport.ts';

describe('tlsFromSecret', () => {
  let dir: string;
  let pki: Pki;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tagpilot-tls-'));
    pki = makePki(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts ca.crt alone and keeps the system roots', () => {
    const t = tlsFromSecret('ns/ca', { 'ca.crt': pki.caCertPem });
    assert.ok((t.ca?.length ?? 0) > 10);
    assert.equal(t.ca?.at(-1), pki.caCertPem);
    assert.equal(t.cert, undefined);
  });

  it('accepts the legacy names certFile/keyFile/caFile', () => {
    const t = tlsFromSecret('ns/old', {
      certFile: pki.clientCertPem,
      keyFile: pki.clientKeyPem,
      caFile: pki.caCertPem,
    });
    assert.equal(t.cert, pki.clientCertPem);
    assert.equal(t.key, pki.clientKeyPem);
  });

  const bad = [
    {
      data: () => ({ 'tls.crt': pki.clientCertPem }),
      error: "secret 'ns/s' contains 'tls.crt' but missing 'tls.key'",
    },
    {
      data: () => ({ 'tls.key': pki.clientKeyPem }),
      error: "secret 'ns/s' contains 'tls.key' but missing 'tls.crt'",
    },
    {
      data: () => ({ other: 'x' }),
      error: "secret 'ns/s' must contain either 'ca.crt' or both 'tls.crt' and 'tls.key'",
    },
    {
      data: () => ({ 'ca.crt': 'not a pem' }),
      error: "secret 'ns/s': failed to parse CA certificate",
    },
    {
      data: () => ({ 'tls.crt': pki.caCertPem, 'tls.key': pki.clientKeyPem }),
      error: "secret 'ns/s': failed to parse TLS certificate and key",
    },
  ];
  for (const b of bad) {
    it(b.error, () => {
      assert.throws(
        () => tlsFromSecret('ns/s', b.data()),
        (err: Error & { kind?: string }) => {
          assert.equal(err.message, b.error);
          assert.equal(err.kind, 'config');
          return true;
        },
      );
    });
  }
});

describe('proxyFromSecret', () => {
  const cases = [
    {
      data: { address: 'http://proxy:3128', username: 'u', password: 'p' },
      ok: { address: 'http://proxy:3128', username: 'u', password: 'p' },
    },
    { data: { address: 'http://proxy:3128', password: 'p' }, ok: { address: 'http://proxy:3128' } },
    { data: { address: 'socks5://proxy:1080' }, ok: { address: 'socks5://proxy:1080' } },
    { data: {}, error: "secret 'ns/p': key 'address' not found" },
    { data: { address: '' }, error: "secret 'ns/p': proxy address is empty" },
    {
      data: { address: 'ftp://proxy' },
      error: "proxy URL must use one of the supported schemes (http, https, socks5), got 'ftp'",
    },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.data), () => {
      if (c.ok) assert.deepEqual(proxyFromSecret('ns/p', c.data), c.ok);
      else
        assert.throws(() => proxyFromSecret('ns/p', c.data as Record<string, string>), {
          message: c.error,
        });
    });
  }
});
