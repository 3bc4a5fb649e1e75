import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { handleReceiverRequest, indexReceivers } from './handler.ts';
import { jwksResolver } from './jwks.ts';
import type { Receiver } from './receiver.ts';
import { webhookPath } from './webhook-path.ts';

const receiver = (name: string, secretName: string): Receiver => ({
  name,
  namespace: 'flux-system',
  type: 'generic',
  secretName,
  resources: [{ kind: 'ImageRepository', name: 'app' }],
  events: [],
  suspend: false,
});
const receivers = [
  receiver('a', 'tok'),
  receiver('orphan', 'missing'),
  receiver('b', 'no-token-key'),
];
const secrets = (_ns: string, name: string) =>
  name === 'tok' ? { token: 't' } : name === 'no-token-key' ? { other: 'x' } : undefined;
const objects = [{ kind: 'ImageRepository', namespace: 'flux-system', name: 'app' }];

describe('indexReceivers', () => {
  it('serves only Receivers whose Secret has a token', () => {
    const index = indexReceivers(receivers, secrets);
    assert.deepEqual(
      [...index.values()].map((v) => v.receiver.name),
      ['a'],
    );
    assert.ok(index.has(webhookPath('t', 'a', 'flux-system')));
  });

  const cases = [
    { path: webhookPath('t', 'a', 'flux-system'), status: 200 },
    { path: webhookPath('', 'orphan', 'flux-system'), status: 404 },
    { path: webhookPath('t', 'b', 'flux-system'), status: 404 },
  ];
  for (const c of cases) {
    it(`answers ${c.status} for ${c.path.slice(0, 14)}… with a list or a prebuilt index alike`, async () => {
      const req = { method: 'POST', path: c.path, headers: {}, body: Buffer.from('{}') };
      const fromList = await handleReceiverRequest(req, receivers, secrets, { objects });
      const fromIndex = await handleReceiverRequest(
        req,
        indexReceivers(receivers, secrets),
        secrets,
        { objects },
      );
      assert.equal(fromList.status, c.status);
      assert.deepEqual(fromIndex, fromList);
    });
  }
});

describe('gcr when the Google keys cannot be fetched', () => {
  it('answers 503 (not ready) and names the key URL, not the token', async () => {
    const gcr: Receiver = { ...receiver('gcr', 'tok'), type: 'gcr' };
    const secretsWithEmail = () => ({
      token: 't',
      email: 'a@b.iam.gserviceaccount.com',
      audience: 'aud',
    });
    const res = await handleReceiverRequest(
      {
        method: 'POST',
        path: webhookPath('t', 'gcr', 'flux-system'),
        headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.e30.c2ln' },
        body: Buffer.from('{}'),
      },
      [gcr],
      secretsWithEmail,
      { objects, gcrKeys: jwksResolver('http://127.0.0.1:1/certs') },
    );
    assert.equal(res.status, 503);
    assert.equal(res.outcome, 'not_ready');
    assert.match(
      res.reason ?? '',
      /cannot fetch the token signing keys from http:\/\/127\.0\.0\.1:1\/certs/,
    );
  });
});
