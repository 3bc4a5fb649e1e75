// A real distribution registry sends its push notifications to the handler over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registryV2Available } from '../../../test/support/registry.ts';
import { pushTags } from '../../../test/support/registry-push.ts';
import { WebhookCounters } from './counters.ts';
import {
  type NotifyingRegistry,
  startNotifyingRegistry,
} from './notifying-registry.test-support.ts';
import type { ObjectInfo, Receiver } from './receiver.ts';
import { type ReceiverServer, serveReceivers } from './serve.test-support.ts';
import { webhookPath } from './webhook-path.ts';

const available = registryV2Available();
if (!available) console.log('# skipping: docker-registry is not installed');

const receiver: Receiver = {
  name: 'registry',
  namespace: 'flux-system',
  type: 'distribution',
  secretName: 'registry-token',
  resources: [{ kind: 'ImageRepository', name: '*', matchLabels: {} }],
  events: [],
  suspend: false,
};
const secrets = (_ns: string, name: string) =>
  name === 'registry-token' ? { token: 's3cret' } : undefined;

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('distribution receiver with a real registry', { skip: !available }, () => {
  let server: ReceiverServer;
  let registry: NotifyingRegistry;
  let badRegistry: NotifyingRegistry;
  const objects: ObjectInfo[] = [];
  const counters = new WebhookCounters();

  before(async () => {
    server = await serveReceivers([receiver], secrets, { objects, counters });
    const hook = `${server.url}${webhookPath('s3cret', 'registry', 'flux-system')}`;
    registry = await startNotifyingRegistry(hook, { Authorization: 'Bearer s3cret' });
    badRegistry = await startNotifyingRegistry(hook, { Authorization: 'Bearer wrong' });
    objects.push(
      {
        kind: 'ImageRepository',
        namespace: 'flux-system',
        name: 'app',
        image: `${registry.host}/org/app`,
      },
      {
        kind: 'ImageRepository',
        namespace: 'flux-system',
        name: 'other',
        image: `${registry.host}/org/other`,
      },
    );
  });
  after(async () => {
    await registry?.stop();
    await badRegistry?.stop();
    await server?.close();
  });

  it('a push triggers the ImageRepository of the pushed repository only, within a second', async () => {
    const started = Date.now();
    await pushTags({ url: registry.url }, 'org/app', ['1.0.0']);
    const pushed = Date.now();
    await until(
      () => server.responses.some((r) => r.triggered.some((t) => t.name === 'app')),
      'the push notification',
    );
    const latency = Date.now() - pushed;
    console.log(`# push → notification handled: ${latency} ms (push took ${pushed - started} ms)`);
    assert.ok(latency < 5000, `notification took ${latency} ms`);
    const triggering = server.responses.filter((r) => r.triggered.length > 0);
    assert.ok(triggering.every((r) => r.triggered.length === 1 && r.triggered[0]?.name === 'app'));
    // The config blob and layer uploads arrive as push events without a tag or manifest type:
    // they are answered but trigger nothing; only the manifest push counts.
    assert.ok(server.responses.some((r) => r.outcome === 'ignored' && r.triggered.length === 0));
    assert.equal(server.responses.filter((r) => r.outcome === 'accepted').length, 1);
  });

  it('a registry with the wrong token is refused with 401 and counted', async () => {
    const before401 = counters.count('unauthenticated');
    await pushTags({ url: badRegistry.url }, 'org/app', ['9.9.9']);
    await until(() => counters.count('unauthenticated') > before401, 'a refused notification');
    assert.ok(
      server.responses.filter((r) => r.status === 401).every((r) => r.triggered.length === 0),
    );
  });
});
