// One contract every Notifier keeps, run against each provider module with a real receiver:
// it sends on 2xx, reports 5xx/429 and refused connections as retryable, 4xx as final, stops on
// abort, and never puts its token or webhook path in an error message.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HttpReceiver, startReceiver } from '../../../test/support/http-receiver.ts';
import { supportedProviderTypes } from '../../api/notification/types.ts';
import { notifierFor } from './factory.ts';
import { config, pushEvent } from './fixtures.test-support.ts';
import { DeliveryError, type ProviderConfig } from './notifier.ts';

const secretToken = 'tok-very-secret-1234';
const secretPath = '/hooks/SECRET-PATH-5678';

function cfgFor(type: ProviderConfig['type'], base: string): ProviderConfig {
  const forge = type === 'github' || type === 'gitlab' || type === 'gitea';
  return config(type, forge ? `${base}/org/repo` : `${base}${secretPath}`, { token: secretToken });
}

const post = (type: ProviderConfig['type'], base: string, signal = AbortSignal.timeout(5000)) =>
  notifierFor(cfgFor(type, base)).post(pushEvent, {
    signal,
    commitStatus: 'imageupdateautomation/podinfo/x',
  });

async function failure(p: Promise<void>): Promise<DeliveryError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof DeliveryError, `expected DeliveryError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the post to fail');
}

describe('Notifier contract', () => {
  let receiver: HttpReceiver;
  let status = 200;
  before(async () => {
    receiver = await startReceiver((r) => ({
      status: r.method === 'GET' && status < 300 ? 200 : status,
      body: r.method === 'GET' ? '[]' : '{}',
    }));
  });
  after(() => receiver.stop());

  for (const type of supportedProviderTypes) {
    describe(type, () => {
      it('delivers on 2xx with one POST', async () => {
        status = 200;
        const from = receiver.requests.length;
        await post(type, receiver.url);
        const posts = receiver.requests.slice(from).filter((r) => r.method === 'POST');
        assert.equal(posts.length, 1);
      });

      const statusCases = [
        { status: 503, retryable: true },
        { status: 429, retryable: true },
        { status: 500, retryable: true },
        { status: 501, retryable: false },
        { status: 400, retryable: false },
        { status: 403, retryable: false },
      ];
      for (const c of statusCases) {
        it(`status ${c.status} is ${c.retryable ? 'retryable' : 'final'} and masks secrets`, async () => {
          status = c.status;
          const err = await failure(post(type, receiver.url));
          status = 200;
          assert.equal(err.retryable, c.retryable);
          assert.equal(err.status, c.status);
          assert.ok(!err.message.includes(secretToken), err.message);
          assert.ok(!err.message.includes('SECRET-PATH'), err.message);
          assert.match(err.message, new RegExp(`status code ${c.status}`));
        });
      }

      it('a refused connection is retryable', async () => {
        const gone = await startReceiver();
        await gone.stop();
        const err = await failure(post(type, gone.url));
        assert.equal(err.retryable, true);
        assert.match(err.message, /ECONNREFUSED/);
        assert.ok(!err.message.includes('SECRET-PATH'));
      });

      it('an aborted post is not retryable and sends nothing more', async () => {
        const ac = new AbortController();
        ac.abort();
        const err = await failure(post(type, receiver.url, ac.signal));
        assert.equal(err.retryable, false);
      });
    });
  }
});
