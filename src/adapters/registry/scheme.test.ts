// Local hosts without `insecure`: HTTPS first, plain HTTP only when the host does not speak TLS.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
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
import { pushTags } from '../../../test/support/registry-push.ts';
import { scanRepository } from '../../reconcile/scan-repository.ts';
import { MemoryTagStore } from '../store/memory.ts';
import { RegistryPool } from './pool.ts';

const available = registryV2Available();
if (!available) console.log('# skipping: docker-registry is not installed');

describe('scheme for local registries (reference parser says http)', { skip: !available }, () => {
  let dir: string;
  let pki: Pki;
  let plain: RunningRegistry;
  let tls: RunningRegistry;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tagpilot-scheme-'));
    pki = makePki(dir);
    plain = await startRegistry();
    tls = await startRegistry({ tls: { cert: pki.serverCert, key: pki.serverKey } });
    await pushTags({ url: plain.url }, 'x/plain', ['p']);
    const trust = new Agent({ connect: { ca: pki.caCertPem } });
    await pushTags({ url: tls.url, dispatcher: trust }, 'x/tls', ['t']);
    await trust.close();
  });
  after(async () => {
    await plain?.stop();
    await tls?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const scan = (pool: RegistryPool, image: string, ca?: string) =>
    scanRepository(
      {
        object: { namespace: 'ns', name: image },
        image,
        ...(ca
          ? { access: { certSecret: { name: 'ns/ca', type: 'Opaque', data: { 'ca.crt': ca } } } }
          : {}),
      },
      { registry: pool, store: new MemoryTagStore(), clock: { now: () => new Date() } },
    );

  it('falls back to plain HTTP for a registry without TLS, and remembers it', async () => {
    const pool = new RegistryPool({ retry: { attempts: 1, baseMs: 10 } });
    const o = await scan(pool, `${plain.host}/x/plain`);
    assert.equal(o.kind, 'ready', JSON.stringify(o));
    const o2 = await scan(pool, `${plain.host}/x/plain`);
    assert.equal(o2.kind, 'ready');
    const c = pool.counters()[plain.host];
    // One failed TLS attempt (counted as a network error), then plain HTTP twice.
    assert.equal(c?.networkErrors, 1);
    assert.equal(c?.requests, 3);
    await pool.close();
  });

  it('does not remember plain HTTP when nothing answered at all', async () => {
    const pool = new RegistryPool({ retry: { attempts: 1, baseMs: 10 } });
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closed = `127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((r) => probe.close(r));
    const o = await scan(pool, `${closed}/x/down`);
    assert.equal(o.kind, 'retry');
    if (o.kind === 'retry') assert.match(o.message, /ECONNREFUSED/);
    assert.equal(pool.hostState(closed).scheme, undefined);
    await pool.close();
  });

  it('uses HTTPS when the registry speaks it', async () => {
    const pool = new RegistryPool({ retry: { attempts: 1, baseMs: 10 } });
    const o = await scan(pool, `${tls.host}/x/tls`, pki.caCertPem);
    assert.equal(o.kind, 'ready', JSON.stringify(o));
    assert.equal(pool.counters()[tls.host]?.networkErrors, 0);
    await pool.close();
  });

  it('does not fall back past a certificate error', async () => {
    const pool = new RegistryPool({ retry: { attempts: 1, baseMs: 10 } });
    const o = await scan(pool, `${tls.host}/x/tls`);
    assert.equal(o.kind, 'retry');
    if (o.kind === 'retry')
      assert.match(o.message, /not trusted: give its CA with certSecretRef ca\.crt/);
    await pool.close();
  });
});
