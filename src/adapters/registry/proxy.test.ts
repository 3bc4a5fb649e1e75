// Registry traffic through an HTTP proxy: proxySecretRef (with proxy credentials), HTTPS_PROXY
// and NO_PROXY from the environment, and a dead proxy.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type RunningRegistry,
  registryV2Available,
  startRegistry,
} from '../../../test/support/registry.ts';
import {
  type ForwardProxy,
  startForwardProxy,
  startSocksProxy,
} from '../../../test/support/registry-proxy.ts';
import { pushTags } from '../../../test/support/registry-push.ts';
import { type PoolOptions, RegistryPool, type Target } from './pool.ts';

const available = registryV2Available();
if (!available) console.log('# skipping: docker-registry is not installed');

describe('proxies (distribution 2.8 behind a forward proxy)', { skip: !available }, () => {
  let reg: RunningRegistry;
  let proxy: ForwardProxy;
  let authProxy: ForwardProxy;

  before(async () => {
    reg = await startRegistry();
    await pushTags({ url: reg.url }, 'a/b', ['a', 'b', 'c', 'd'], { sameDigest: true });
    proxy = await startForwardProxy();
    authProxy = await startForwardProxy({ user: 'px', password: 'px-secret' });
  });
  after(async () => {
    await proxy?.stop();
    await authProxy?.stop();
    await reg?.stop();
  });

  async function list(opts: PoolOptions, access: Target['access'] = {}): Promise<string[]> {
    const pool = new RegistryPool({ retry: { attempts: 1, baseMs: 10 }, ...opts });
    try {
      const out: string[] = [];
      for await (const b of pool.listTags({
        registry: reg.host,
        repository: 'a/b',
        insecure: true,
        access,
      }))
        out.push(...b);
      return out.sort();
    } finally {
      await pool.close();
    }
  }

  it('goes through the proxySecretRef proxy with its credentials', async () => {
    authProxy.seen.length = 0;
    const tags = await list(
      {},
      {
        proxySecret: {
          name: 'ns/proxy',
          type: 'Opaque',
          data: { address: authProxy.url, username: 'px', password: 'px-secret' },
        },
      },
    );
    assert.deepEqual(tags, ['a', 'b', 'c', 'd']);
    assert.ok(
      authProxy.seen.some((s) => s.includes(reg.host)),
      authProxy.seen.join('\n'),
    );
  });

  it('fails clearly when the proxy refuses the credentials', async () => {
    await assert.rejects(
      list(
        {},
        {
          proxySecret: {
            name: 'ns/proxy',
            type: 'Opaque',
            data: { address: authProxy.url, username: 'px', password: 'wrong' },
          },
        },
      ),
      (err: Error & { kind?: string }) => {
        assert.equal(err.kind, 'network');
        assert.match(err.message, /407|Proxy/i);
        assert.doesNotMatch(err.message, /wrong/);
        return true;
      },
    );
  });

  it('uses HTTP_PROXY from the environment, and NO_PROXY bypasses it', async () => {
    proxy.seen.length = 0;
    assert.deepEqual(await list({ env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } }), [
      'a',
      'b',
      'c',
      'd',
    ]);
    const viaProxy = proxy.seen.length;
    assert.ok(viaProxy > 0);
    assert.deepEqual(await list({ env: { HTTP_PROXY: proxy.url, NO_PROXY: reg.host } }), [
      'a',
      'b',
      'c',
      'd',
    ]);
    assert.equal(proxy.seen.length, viaProxy, 'NO_PROXY host went direct');
  });

  it('goes through a socks5 proxy, with and without credentials', async () => {
    const open = await startSocksProxy();
    const locked = await startSocksProxy({ user: 'sx', password: 'sx-pass' });
    try {
      assert.deepEqual(
        await list(
          {},
          { proxySecret: { name: 'ns/socks', type: 'Opaque', data: { address: open.url } } },
        ),
        ['a', 'b', 'c', 'd'],
      );
      assert.deepEqual(open.seen, [`SOCKS5 CONNECT ${reg.host}`]);
      assert.deepEqual(
        await list(
          {},
          {
            proxySecret: {
              name: 'ns/socks',
              type: 'Opaque',
              data: { address: locked.url, username: 'sx', password: 'sx-pass' },
            },
          },
        ),
        ['a', 'b', 'c', 'd'],
      );
      await assert.rejects(
        list(
          {},
          {
            proxySecret: {
              name: 'ns/socks',
              type: 'Opaque',
              data: { address: locked.url, username: 'sx', password: 'nope' },
            },
          },
        ),
        (err: Error & { kind?: string }) => err.kind === 'network' && !/nope/.test(err.message),
      );
    } finally {
      await open.stop();
      await locked.stop();
    }
  });

  it('reports a dead proxy as connection refused', async () => {
    await assert.rejects(
      list(
        {},
        {
          proxySecret: {
            name: 'ns/proxy',
            type: 'Opaque',
            data: { address: 'http://127.0.0.1:9' },
          },
        },
      ),
      /ECONNREFUSED|connection refused/i,
    );
  });
});
