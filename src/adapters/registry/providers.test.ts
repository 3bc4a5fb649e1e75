// Cloud providers against local stand-ins of their endpoints (ECR API + STS, GCE metadata server,
// Azure IMDS / Entra ID + ACR exchange), with the credentials then used on a real registry.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type RunningRegistry,
  registryV2Available,
  startRegistry,
} from '../../../test/support/registry.ts';
import { basicPushAuth, pushTags } from '../../../test/support/registry-push.ts';
import { RegistryPool } from './pool.ts';
import { AwsProvider } from './providers/aws.ts';
import { AzureProvider } from './providers/azure.ts';
import { GcpProvider } from './providers/gcp.ts';

const available = registryV2Available();
if (!available) console.log('# skipping: docker-registry is not installed');

const ACR_USER = '00000000-0000-0000-0000-000000000000';

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function standIn(
  handler: (req: Seen) => { status?: number; body: unknown },
): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const s = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      seen.push(s);
      const out = handler(s);
      res
        .writeHead(out.status ?? 200, { 'content-type': 'application/json' })
        .end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('cloud providers against stand-ins and a real registry', { skip: !available }, () => {
  let dir: string;
  let reg: RunningRegistry;
  const servers: Server[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tagpilot-providers-'));
    reg = await startRegistry({
      auth: {
        kind: 'htpasswd',
        users: { AWS: 'ecr-pass', oauth2accesstoken: 'gcp-token', [ACR_USER]: 'acr-refresh' },
      },
    });
    await pushTags({ url: reg.url, auth: basicPushAuth('AWS', 'ecr-pass') }, 'cloud/app', [
      '1.0',
      '2.0',
    ]);
  });
  after(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    await reg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function list(
    pool: RegistryPool,
    provider: 'aws' | 'gcp' | 'azure',
    registry = reg.host,
  ): Promise<string[]> {
    const out: string[] = [];
    for await (const b of pool.listTags({
      registry,
      repository: 'cloud/app',
      insecure: true,
      access: { provider },
    }))
      out.push(...b);
    return out.sort();
  }

  it('aws: GetAuthorizationToken with static keys, cached across scans', async () => {
    const ecr = await standIn((req) => {
      assert.equal(req.method, 'POST');
      assert.equal(
        req.headers['x-amz-target'],
        'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken',
      );
      assert.match(
        String(req.headers.authorization),
        /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/ecr\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/,
      );
      return {
        body: {
          authorizationData: [
            {
              authorizationToken: Buffer.from('AWS:ecr-pass').toString('base64'),
              expiresAt: Date.now() / 1000 + 43200,
            },
          ],
        },
      };
    });
    servers.push(ecr.server);
    const aws = new AwsProvider({
      env: { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret' },
      ecrEndpoint: () => ecr.url,
      region: 'eu-west-1',
      matches: () => true,
    });
    const pool = new RegistryPool({ providers: [aws] });
    assert.deepEqual(await list(pool, 'aws'), ['1.0', '2.0']);
    assert.deepEqual(await list(pool, 'aws'), ['1.0', '2.0']);
    assert.equal(ecr.seen.length, 1);
    await pool.close();
  });

  it('aws: IRSA web identity through STS, with the session token signed in', async () => {
    const sts = await standIn((req) => {
      const form = new URLSearchParams(req.body);
      assert.equal(form.get('Action'), 'AssumeRoleWithWebIdentity');
      assert.equal(form.get('WebIdentityToken'), 'k8s-sa-token');
      return {
        body: {
          AssumeRoleWithWebIdentityResponse: {
            AssumeRoleWithWebIdentityResult: {
              Credentials: { AccessKeyId: 'ASIATEMP', SecretAccessKey: 's', SessionToken: 'sess' },
            },
          },
        },
      };
    });
    const ecr = await standIn((req) => {
      assert.equal(req.headers['x-amz-security-token'], 'sess');
      assert.match(String(req.headers.authorization), /Credential=ASIATEMP\//);
      return {
        body: {
          authorizationData: [
            {
              authorizationToken: Buffer.from('AWS:ecr-pass').toString('base64'),
              expiresAt: Date.now() / 1000 + 3600,
            },
          ],
        },
      };
    });
    servers.push(sts.server, ecr.server);
    writeFileSync(join(dir, 'token'), 'k8s-sa-token\n');
    const aws = new AwsProvider({
      env: {
        AWS_ROLE_ARN: 'arn:aws:iam::1:role/r',
        AWS_WEB_IDENTITY_TOKEN_FILE: join(dir, 'token'),
      },
      stsEndpoint: sts.url,
      ecrEndpoint: () => ecr.url,
      matches: () => true,
    });
    const pool = new RegistryPool({ providers: [aws] });
    assert.deepEqual(await list(pool, 'aws'), ['1.0', '2.0']);
    await pool.close();
  });

  it('gcp: metadata-server token as oauth2accesstoken', async () => {
    const md = await standIn((req) => {
      if (req.headers['metadata-flavor'] !== 'Google') return { status: 403, body: {} };
      assert.equal(req.path, '/computeMetadata/v1/instance/service-accounts/default/token');
      return { body: { access_token: 'gcp-token', expires_in: 3599, token_type: 'Bearer' } };
    });
    servers.push(md.server);
    const pool = new RegistryPool({
      providers: [
        new GcpProvider({
          env: { GCE_METADATA_HOST: md.url.replace('http://', '') },
          matches: () => true,
        }),
      ],
    });
    assert.deepEqual(await list(pool, 'gcp'), ['1.0', '2.0']);
    await pool.close();
  });

  it('azure: workload identity → Entra token → ACR refresh token', async () => {
    const aad = await standIn((req) => {
      const form = new URLSearchParams(req.body);
      assert.equal(req.path, '/tenant-1/oauth2/v2.0/token');
      assert.equal(form.get('client_assertion'), 'federated-jwt');
      return { body: { access_token: 'aad-token', expires_in: 3600 } };
    });
    const exchange = await standIn((req) => {
      const form = new URLSearchParams(req.body);
      assert.equal(form.get('grant_type'), 'access_token');
      assert.equal(form.get('access_token'), 'aad-token');
      assert.equal(form.get('tenant'), 'tenant-1');
      return { body: { refresh_token: 'acr-refresh' } };
    });
    servers.push(aad.server, exchange.server);
    writeFileSync(join(dir, 'azure-token'), 'federated-jwt');
    const azure = new AzureProvider({
      env: {
        AZURE_FEDERATED_TOKEN_FILE: join(dir, 'azure-token'),
        AZURE_CLIENT_ID: 'c',
        AZURE_TENANT_ID: 'tenant-1',
        AZURE_AUTHORITY_HOST: aad.url,
      },
      exchangeUrl: () => `${exchange.url}/oauth2/exchange`,
      matches: () => true,
    });
    const pool = new RegistryPool({ providers: [azure] });
    assert.deepEqual(await list(pool, 'azure'), ['1.0', '2.0']);
    await pool.close();
  });

  it('azure: managed identity through IMDS', async () => {
    const imds = await standIn((req) => {
      if (req.headers.metadata !== 'true') return { status: 400, body: {} };
      return { body: { access_token: 'aad-token' } };
    });
    const exchange = await standIn(() => ({ body: { refresh_token: 'acr-refresh' } }));
    servers.push(imds.server, exchange.server);
    const azure = new AzureProvider({
      env: {},
      imdsUrl: imds.url,
      exchangeUrl: () => exchange.url,
      matches: () => true,
    });
    const pool = new RegistryPool({ providers: [azure] });
    assert.deepEqual(await list(pool, 'azure'), ['1.0', '2.0']);
    await pool.close();
  });

  const failures = [
    {
      name: 'a host the provider does not serve',
      pool: () => new RegistryPool({ providers: [new AwsProvider({ env: {} })] }),
      provider: 'aws',
      kind: 'config',
      message: /is not a aws registry/,
    },
    {
      name: 'no AWS credentials',
      pool: () =>
        new RegistryPool({ providers: [new AwsProvider({ env: {}, matches: () => true })] }),
      provider: 'aws',
      kind: 'config',
      message: /no AWS credentials/,
    },
    {
      name: 'an unknown provider',
      pool: () => new RegistryPool({ providers: [] }),
      provider: 'gcp',
      kind: 'config',
      message: /provider 'gcp' not implemented/,
    },
    {
      name: 'an unreachable metadata server',
      pool: () =>
        new RegistryPool({
          providers: [new GcpProvider({ metadataUrl: 'http://127.0.0.1:9', matches: () => true })],
        }),
      provider: 'gcp',
      kind: 'network',
      message: /gcp: cannot reach http:\/\/127\.0\.0\.1:9/,
    },
  ] as const;
  for (const f of failures) {
    it(`fails clearly on ${f.name}`, async () => {
      const pool = f.pool();
      await assert.rejects(list(pool, f.provider), (err: Error & { kind?: string }) => {
        assert.equal(err.kind, f.kind);
        assert.match(err.message, f.message);
        return true;
      });
      await pool.close();
    });
  }
});
