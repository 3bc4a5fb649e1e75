// Token auth against a real registry with our own issuer (JWT RS256, x5c): anonymous tokens,
// Basic to the token service, identity tokens (OAuth2 POST), access_token-only answers, caching.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type RunningRegistry,
  registryV2Available,
  startRegistry,
} from '../../../test/support/registry.ts';
import { makeSigningCert } from '../../../test/support/registry-pki.ts';
import { pushTags, tokenPushAuth } from '../../../test/support/registry-push.ts';
import { startTokenIssuer, type TokenIssuer } from '../../../test/support/registry-token.ts';
import { RegistryPool, type Target } from './pool.ts';

const available = registryV2Available();
if (!available) console.log('# skipping: docker-registry is not installed');

const SERVICE = 'tagpilot-test-registry';

async function list(pool: RegistryPool, target: Target): Promise<string[]> {
  const out: string[] = [];
  for await (const b of pool.listTags(target)) out.push(...b);
  return out.sort();
}

const secret = (host: string, entry: Record<string, string>) => ({
  name: 'ns/pull',
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': JSON.stringify({ auths: { [`https://${host}/v1/`]: entry } }) },
});

for (const accessTokenOnly of [false, true]) {
  describe(`token auth (distribution 2.8, ${accessTokenOnly ? 'access_token only' : 'token + access_token'})`, {
    skip: !available,
  }, () => {
    let dir: string;
    let issuer: TokenIssuer;
    let reg: RunningRegistry;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tagpilot-token-'));
      const signing = makeSigningCert(dir);
      issuer = await startTokenIssuer({
        certPem: signing.certPem,
        keyPem: signing.keyPem,
        issuer: 'tagpilot-test-issuer',
        service: SERVICE,
        users: { bob: 'hunter2' },
        refreshTokens: { 'refresh-abc': 'bob' },
        accessTokenOnly,
      });
      reg = await startRegistry({
        auth: {
          kind: 'token',
          realm: issuer.realm,
          service: SERVICE,
          issuer: 'tagpilot-test-issuer',
          rootCertBundle: signing.cert,
        },
      });
      const push = { url: reg.url, auth: tokenPushAuth(issuer.realm, SERVICE, 'bob', 'hunter2') };
      await pushTags(push, 'public/app', ['p1', 'p2']);
      await pushTags(push, 'private/app', ['x1', 'x2', 'x3']);
    });
    after(async () => {
      await reg?.stop();
      await issuer?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('gets an anonymous token for a public repository and reuses it', async () => {
      const pool = new RegistryPool();
      const target = { registry: reg.host, repository: 'public/app', insecure: true };
      issuer.log.length = 0;
      assert.deepEqual(await list(pool, target), ['p1', 'p2']);
      assert.deepEqual(await list(pool, target), ['p1', 'p2']);
      assert.equal(issuer.log.length, 1, 'one token for two scans');
      assert.deepEqual(issuer.log[0]?.scopes, ['repository:public/app:pull']);
      assert.equal(issuer.log[0]?.account, undefined);
      const c = pool.counters()[reg.host];
      assert.equal(c?.tokenRequests, 1);
      assert.equal(c?.requests, 4, '401 + token + list, then list');
      await pool.close();
    });

    it('shares one token request among concurrent scans', async () => {
      const pool = new RegistryPool();
      issuer.log.length = 0;
      const target = { registry: reg.host, repository: 'public/app', insecure: true };
      const results = await Promise.all(Array.from({ length: 10 }, () => list(pool, target)));
      for (const r of results) assert.deepEqual(r, ['p1', 'p2']);
      assert.equal(issuer.log.length, 1, 'one token for ten concurrent scans');
      // One 401 to discover the token service, one token, ten listings.
      assert.equal(pool.counters()[reg.host]?.requests, 12);
      await pool.close();
    });

    it('sends Basic credentials to the token service for a private repository', async () => {
      const pool = new RegistryPool();
      issuer.log.length = 0;
      const tags = await list(pool, {
        registry: reg.host,
        repository: 'private/app',
        insecure: true,
        access: { pullSecrets: [secret(reg.host, { username: 'bob', password: 'hunter2' })] },
      });
      assert.deepEqual(tags, ['x1', 'x2', 'x3']);
      assert.equal(issuer.log[0]?.account, 'bob');
      assert.equal(issuer.log[0]?.method, 'GET');
      await pool.close();
    });

    it('uses an identity token with the OAuth2 refresh_token POST flow', async () => {
      const pool = new RegistryPool();
      issuer.log.length = 0;
      const tags = await list(pool, {
        registry: reg.host,
        repository: 'private/app',
        insecure: true,
        access: { pullSecrets: [secret(reg.host, { identitytoken: 'refresh-abc' })] },
      });
      assert.deepEqual(tags, ['x1', 'x2', 'x3']);
      assert.equal(issuer.log[0]?.method, 'POST');
      assert.deepEqual(issuer.log[0]?.scopes, ['repository:private/app:pull']);
      await pool.close();
    });

    it('refuses anonymous access to a private repository with a clear error', async () => {
      const pool = new RegistryPool({ retry: { attempts: 1, baseMs: 10 } });
      await assert.rejects(
        list(pool, { registry: reg.host, repository: 'private/app', insecure: true }),
        (err: Error & { kind?: string }) => {
          assert.equal(err.kind, 'unauthorized');
          assert.match(err.message, /401 Unauthorized/);
          assert.match(err.message, /no credentials matched/);
          return true;
        },
      );
      await pool.close();
    });

    it('reports bad credentials as refused by the token service', async () => {
      const pool = new RegistryPool({ retry: { attempts: 1, baseMs: 10 } });
      await assert.rejects(
        list(pool, {
          registry: reg.host,
          repository: 'private/app',
          insecure: true,
          access: { pullSecrets: [secret(reg.host, { username: 'bob', password: 'wrong' })] },
        }),
        (err: Error & { kind?: string }) => {
          assert.equal(err.kind, 'unauthorized');
          assert.match(err.message, /token service of .* rejected the credentials/);
          assert.doesNotMatch(err.message, /wrong|hunter2|account=/);
          return true;
        },
      );
      await pool.close();
    });

    it('fetches a new token when the old one is about to expire', async () => {
      const pool = new RegistryPool();
      const target = { registry: reg.host, repository: 'public/app', insecure: true };
      issuer.setExpiresIn(3);
      issuer.log.length = 0;
      try {
        assert.deepEqual(await list(pool, target), ['p1', 'p2']);
        assert.deepEqual(await list(pool, target), ['p1', 'p2']);
        assert.equal(issuer.log.length, 1, 'still fresh');
        await new Promise((r) => setTimeout(r, 2500)); // refreshed at 80 % of a short lifetime (2.4 s)
        assert.deepEqual(await list(pool, target), ['p1', 'p2']);
        assert.equal(issuer.log.length, 2);
      } finally {
        issuer.setExpiresIn(300);
        await pool.close();
      }
    });

    it('pings /v2/ with a token that carries no scope', async () => {
      const pool = new RegistryPool();
      issuer.log.length = 0;
      const client = await pool.client({
        registry: reg.host,
        repository: 'public/app',
        insecure: true,
      });
      await client.ping();
      assert.deepEqual(issuer.log[0]?.scopes, []);
      await pool.close();
    });

    it('retries a token service 500 and still lists', async () => {
      const pool = new RegistryPool({ retry: { attempts: 3, baseMs: 20 } });
      issuer.failNext(1);
      const tags = await list(pool, {
        registry: reg.host,
        repository: 'public/app',
        insecure: true,
      });
      assert.deepEqual(tags, ['p1', 'p2']);
      await pool.close();
    });
  });
}
