import assert from 'node:assert/strict';
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebhookCounters } from './counters.ts';
import { jwksResolver } from './jwks.ts';
import { parseReceiverYAML } from './parse-receiver.ts';
import type { ObjectInfo, Triggered } from './receiver.ts';
import { type ReceiverServer, serveReceivers } from './serve.test-support.ts';
import { webhookPath } from './webhook-path.ts';

const testdata = join(import.meta.dirname, 'testdata');
const body = (f: string) => readFileSync(join(testdata, f));
const loaded = parseReceiverYAML(
  readFileSync(join(testdata, 'receivers.yaml'), 'utf8'),
  'receivers.yaml',
);

const tokens: Record<string, string> = {
  'generic-token': 'g3n3r1c',
  'hmac-token': 'hm4c-s3cret',
  'github-token': 'gh-s3cret',
  'dockerhub-token': 'dh-t0ken',
  'quay-token': 'qu4y',
  'harbor-token': 'Bearer h4rb0r',
  'acr-token': '4cr',
  'nexus-token': 'n3xus',
  'gcr-token': 'gcr-t0ken',
  'registry-token': 'r3g1stry',
};
const GCR = {
  email: 'pusher@proj.iam.gserviceaccount.com',
  audience: 'https://tagpilot.example.com/hook',
};
const secrets = (ns: string, name: string) =>
  ns === 'flux-system' && tokens[name] !== undefined
    ? { token: tokens[name] as string, ...(name === 'gcr-token' ? GCR : {}) }
    : undefined;
const hook = (receiver: string, secret: string) =>
  webhookPath(tokens[secret] as string, receiver, 'flux-system');

const objects: ObjectInfo[] = [
  {
    kind: 'ImageRepository',
    namespace: 'flux-system',
    name: 'app',
    labels: { team: 'web' },
    image: '127.0.0.1:5000/org/app',
  },
  {
    kind: 'ImageRepository',
    namespace: 'flux-system',
    name: 'web2',
    labels: { team: 'web' },
    image: '127.0.0.1:5000/org/other',
  },
  {
    kind: 'ImageRepository',
    namespace: 'flux-system',
    name: 'api',
    labels: { team: 'api' },
    image: 'ghcr.io/org/api',
  },
  {
    kind: 'ImageRepository',
    namespace: 'apps',
    name: 'app',
    image: 'harbor.example.com/library/app',
  },
  { kind: 'ImageUpdateAutomation', namespace: 'flux-system', name: 'flux-system' },
];
const ir = (name: string, namespace = 'flux-system'): Triggered => ({
  kind: 'ImageRepository',
  namespace,
  name,
});

// gcr: a real RSA key pair; its public half is served as a JWKS over HTTP on 127.0.0.1.
const googleKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
function idToken(
  claims: Record<string, unknown>,
  key: KeyObject = googleKey.privateKey,
  kid = 'k1',
): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${enc({ alg: 'RS256', kid, typ: 'JWT' })}.${enc(claims)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(key).toString('base64url')}`;
}
const now = Math.floor(Date.now() / 1000);
const goodClaims = {
  iss: 'https://accounts.google.com',
  aud: GCR.audience,
  email: GCR.email,
  email_verified: true,
  iat: now - 10,
  exp: now + 3600,
};

const hmac = (alg: string, key: string, b: Buffer) =>
  `${alg}=${createHmac(alg, key).update(b).digest('hex')}`;
const json = { 'content-type': 'application/json' };

interface Case {
  name: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body: Buffer;
  status: number;
  triggered?: Triggered[];
}

const cases: Case[] = [
  {
    name: 'generic triggers its named ImageRepository',
    path: hook('generic', 'generic-token'),
    body: body('generic.json'),
    status: 200,
    triggered: [ir('app')],
  },
  ...['sha1', 'sha256', 'sha512'].map((alg) => ({
    name: `generic-hmac ${alg} signature expands * by matchLabels`,
    path: hook('hmac', 'hmac-token'),
    headers: { 'x-signature': hmac(alg, 'hm4c-s3cret', body('generic.json')) },
    body: body('generic.json'),
    status: 200,
    triggered: [ir('app'), ir('web2')],
  })),
  {
    name: 'generic-hmac with a wrong key is 401',
    path: hook('hmac', 'hmac-token'),
    headers: { 'x-signature': hmac('sha256', 'nope', body('generic.json')) },
    body: body('generic.json'),
    status: 401,
  },
  {
    name: 'generic-hmac without a signature is 401',
    path: hook('hmac', 'hmac-token'),
    body: body('generic.json'),
    status: 401,
  },
  {
    name: 'generic-hmac with md5 is 401',
    path: hook('hmac', 'hmac-token'),
    headers: { 'x-signature': 'md5=00' },
    body: body('generic.json'),
    status: 401,
  },
  {
    name: 'github package event (GHCR) triggers repository and automation',
    path: hook('ghcr', 'github-token'),
    headers: {
      ...json,
      'x-github-event': 'package',
      'x-hub-signature-256': hmac('sha256', 'gh-s3cret', body('github-package.json')),
    },
    body: body('github-package.json'),
    status: 200,
    triggered: [
      ir('app'),
      { kind: 'ImageUpdateAutomation', namespace: 'flux-system', name: 'flux-system' },
    ],
  },
  {
    name: 'github legacy sha1 header is accepted',
    path: hook('ghcr', 'github-token'),
    headers: {
      ...json,
      'x-github-event': 'PACKAGE',
      'x-hub-signature': hmac('sha1', 'gh-s3cret', body('github-package.json')),
    },
    body: body('github-package.json'),
    status: 200,
    triggered: [
      ir('app'),
      { kind: 'ImageUpdateAutomation', namespace: 'flux-system', name: 'flux-system' },
    ],
  },
  {
    name: 'github push event outside spec.events is ignored',
    path: hook('ghcr', 'github-token'),
    headers: {
      ...json,
      'x-github-event': 'push',
      'x-hub-signature-256': hmac('sha256', 'gh-s3cret', body('github-package.json')),
    },
    body: body('github-package.json'),
    status: 200,
    triggered: [],
  },
  {
    name: 'github ping is answered without triggering',
    path: hook('ghcr', 'github-token'),
    headers: {
      ...json,
      'x-github-event': 'ping',
      'x-hub-signature-256': hmac('sha256', 'gh-s3cret', body('github-ping.json')),
    },
    body: body('github-ping.json'),
    status: 200,
    triggered: [],
  },
  {
    name: 'github signature over another body is 401',
    path: hook('ghcr', 'github-token'),
    headers: {
      ...json,
      'x-github-event': 'package',
      'x-hub-signature-256': hmac('sha256', 'gh-s3cret', body('github-ping.json')),
    },
    body: body('github-package.json'),
    status: 401,
  },
  {
    name: 'github with an unsupported content type is 400',
    path: hook('ghcr', 'github-token'),
    headers: {
      'content-type': 'text/plain',
      'x-github-event': 'package',
      'x-hub-signature-256': hmac('sha256', 'gh-s3cret', body('github-package.json')),
    },
    body: body('github-package.json'),
    status: 400,
  },
  {
    name: 'dockerhub push triggers',
    path: hook('dockerhub', 'dockerhub-token'),
    headers: json,
    body: body('dockerhub-push.json'),
    status: 200,
    triggered: [ir('app')],
  },
  {
    name: 'dockerhub with a non-JSON body is 400',
    path: hook('dockerhub', 'dockerhub-token'),
    body: Buffer.from('not json'),
    status: 400,
  },
  {
    name: 'quay push triggers',
    path: hook('quay', 'quay-token'),
    headers: json,
    body: body('quay-push.json'),
    status: 200,
    triggered: [ir('app')],
  },
  {
    name: 'harbor with the token in Authorization triggers across namespaces',
    path: hook('harbor', 'harbor-token'),
    headers: { authorization: 'Bearer h4rb0r' },
    body: body('harbor-push.json'),
    status: 200,
    triggered: [ir('app', 'apps')],
  },
  {
    name: 'harbor with a wrong Authorization is 401',
    path: hook('harbor', 'harbor-token'),
    headers: { authorization: 'Bearer nope' },
    body: body('harbor-push.json'),
    status: 401,
  },
  {
    name: 'acr push triggers the existing resource only',
    path: hook('acr', 'acr-token'),
    headers: json,
    body: body('acr-push.json'),
    status: 200,
    triggered: [ir('app')],
  },
  {
    name: 'nexus with a valid HMAC-SHA1 triggers',
    path: hook('nexus', 'nexus-token'),
    headers: {
      'x-nexus-webhook-signature': createHmac('sha1', 'n3xus')
        .update(body('nexus-push.json'))
        .digest('hex'),
    },
    body: body('nexus-push.json'),
    status: 200,
    triggered: [ir('app')],
  },
  {
    name: 'nexus with a wrong signature is 401',
    path: hook('nexus', 'nexus-token'),
    headers: { 'x-nexus-webhook-signature': 'deadbeef' },
    body: body('nexus-push.json'),
    status: 401,
  },
  {
    name: 'nexus without a signature is 401',
    path: hook('nexus', 'nexus-token'),
    body: body('nexus-push.json'),
    status: 401,
  },
  {
    name: 'gcr with a valid Google ID token triggers',
    path: hook('gcr', 'gcr-token'),
    headers: { authorization: `Bearer ${idToken(goodClaims)}` },
    body: body('gcr-pubsub.json'),
    status: 200,
    triggered: [ir('app')],
  },
  ...[
    ['a wrong audience', idToken({ ...goodClaims, aud: 'https://elsewhere' })],
    ['an expired token', idToken({ ...goodClaims, exp: now - 600 })],
    ['an unverified email', idToken({ ...goodClaims, email_verified: false })],
    [
      'another service account',
      idToken({ ...goodClaims, email: 'x@proj.iam.gserviceaccount.com' }),
    ],
    ['a foreign issuer', idToken({ ...goodClaims, iss: 'https://evil.example.com' })],
    ['a signature by another key', idToken(goodClaims, otherKey.privateKey)],
    ['an unknown key id', idToken(goodClaims, googleKey.privateKey, 'k9')],
    ['no bearer token', ''],
  ].map(([what, token]) => ({
    name: `gcr with ${what} is 401`,
    path: hook('gcr', 'gcr-token'),
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: body('gcr-pubsub.json'),
    status: 401,
  })),
  {
    name: 'gcr with a valid token but no Pub/Sub message is 400',
    path: hook('gcr', 'gcr-token'),
    headers: { authorization: `Bearer ${idToken(goodClaims)}` },
    body: Buffer.from('{"message":{}}'),
    status: 400,
  },
  {
    name: 'distribution push triggers only the pushed repository',
    path: hook('registry', 'registry-token'),
    headers: {
      authorization: 'Bearer r3g1stry',
      'content-type': 'application/vnd.docker.distribution.events.v1+json',
    },
    body: body('distribution-push.json'),
    status: 200,
    triggered: [ir('app')],
  },
  {
    name: 'distribution pull events are ignored',
    path: hook('registry', 'registry-token'),
    headers: { authorization: 'Bearer r3g1stry' },
    body: body('distribution-pull-only.json'),
    status: 200,
    triggered: [],
  },
  {
    name: 'distribution layer uploads are ignored',
    path: hook('registry', 'registry-token'),
    headers: { authorization: 'Bearer r3g1stry' },
    body: body('distribution-blob-push.json'),
    status: 200,
    triggered: [],
  },
  {
    name: 'distribution without the bearer token is 401',
    path: hook('registry', 'registry-token'),
    headers: { authorization: 'r3g1stry' },
    body: body('distribution-push.json'),
    status: 401,
  },
  {
    name: 'distribution with a non-envelope body is 400',
    path: hook('registry', 'registry-token'),
    headers: { authorization: 'Bearer r3g1stry' },
    body: Buffer.from('{"event":1}'),
    status: 400,
  },
  {
    name: 'an unknown hook path is 404',
    path: `/hook/${'0'.repeat(64)}`,
    body: body('generic.json'),
    status: 404,
  },
  {
    name: 'a path outside /hook/ is 404',
    path: '/api/v1/objects',
    body: body('generic.json'),
    status: 404,
  },
  {
    name: 'GET on a receiver is 405',
    path: hook('generic', 'generic-token'),
    method: 'GET',
    body: Buffer.alloc(0),
    status: 405,
  },
  {
    name: 'a suspended receiver is 503',
    path: webhookPath('g3n3r1c', 'paused', 'flux-system'),
    body: body('generic.json'),
    status: 503,
  },
  {
    name: 'a query string does not change the receiver',
    path: `${hook('generic', 'generic-token')}?x=1`,
    body: body('generic.json'),
    status: 200,
    triggered: [ir('app')],
  },
  {
    name: 'a body over 1 MiB is 413',
    path: hook('generic', 'generic-token'),
    body: Buffer.alloc((1 << 20) + 1, 0x20),
    status: 413,
  },
];

describe('receiver manifests in testdata load cleanly', () => {
  it('parses every Receiver', () => {
    assert.deepEqual(
      loaded.errors.map((e) => e.message),
      [],
    );
    assert.equal(loaded.receivers.length, 11);
  });
});

describe('handleReceiverRequest over real HTTP', () => {
  let server: ReceiverServer;
  let jwks: ReturnType<typeof createServer>;
  const hooked: string[] = [];
  const counters = new WebhookCounters((_receiver, _type, outcome) => hooked.push(outcome));
  before(async () => {
    jwks = createServer((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'cache-control': 'public, max-age=600',
      });
      res.end(
        JSON.stringify({
          keys: [
            {
              ...googleKey.publicKey.export({ format: 'jwk' }),
              kid: 'k1',
              alg: 'RS256',
              use: 'sig',
            },
          ],
        }),
      );
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    const gcrKeys = jwksResolver(`http://127.0.0.1:${(jwks.address() as AddressInfo).port}/certs`);
    server = await serveReceivers(loaded.receivers, secrets, { objects, counters, gcrKeys });
  });
  after(async () => {
    await server.close();
    jwks.closeAllConnections();
    await new Promise((r) => jwks.close(r));
  });

  for (const c of cases) {
    it(c.name, async () => {
      const res = await fetch(`${server.url}${c.path}`, {
        method: c.method ?? 'POST',
        headers: c.headers ?? {},
        ...(c.method === 'GET' ? {} : { body: c.body }),
      });
      const text = await res.text();
      assert.equal(res.status, c.status, text);
      const handled = server.responses.at(-1);
      assert.equal(handled?.status, c.status);
      if (c.triggered) assert.deepEqual(handled?.triggered, c.triggered);
      if (c.status >= 400) assert.deepEqual(handled?.triggered, []);
      for (const t of Object.values(tokens)) assert.ok(!text.includes(t), 'response leaks a token');
    });
  }

  it('refuses a chunked upload past 1 MiB with 413 on the same connection', async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 << 20) return controller.close();
        sent += 64 << 10;
        controller.enqueue(new Uint8Array(64 << 10).fill(0x20));
      },
    });
    const res = await fetch(`${server.url}${hook('generic', 'generic-token')}`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    await res.text();
    assert.equal(server.responses.at(-1)?.outcome, 'too_large');
  });

  it('reports named resources that do not exist without failing the request', () => {
    const acr = server.responses.find((r) => r.receiver === 'flux-system/acr' && r.status === 200);
    assert.deepEqual(acr?.missing, [ir('gone')]);
  });

  it('counts every request by outcome', () => {
    const want = (status: number) => cases.filter((c) => c.status === status).length;
    const s = counters.snapshot();
    const total = s.requests.reduce((n, r) => n + r.count, 0);
    assert.equal(total, cases.length + 1);
    assert.equal(hooked.length, cases.length + 1);
    assert.equal(hooked.filter((o) => o === 'unauthenticated').length, want(401));
    assert.equal(counters.count('unauthenticated'), want(401));
    assert.equal(counters.count('bad_payload'), want(400));
    assert.equal(counters.count('not_found'), want(404));
    assert.equal(counters.count('too_large'), want(413) + 1);
    assert.equal(counters.count('accepted') + counters.count('ignored'), want(200));
    assert.equal(
      s.triggered,
      cases.reduce((n, c) => n + (c.status === 200 ? (c.triggered?.length ?? 0) : 0), 0),
    );
  });
});
