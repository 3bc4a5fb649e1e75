// `tagpilot alert test` as a user runs it: a child process, manifests in a directory, a real
// receiver on loopback.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runTagpilot } from '../../../test/support/cli.ts';
import { type HttpReceiver, startReceiver } from '../../../test/support/http-receiver.ts';

const manifests = (url: string) => `apiVersion: v1
kind: Secret
metadata: {name: hook-secret, namespace: flux-system}
stringData:
  address: ${url}/hooks/SECRET-PATH
  token: hmac-secret-key
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: {name: hook, namespace: flux-system}
spec: {type: generic-hmac, secretRef: {name: hook-secret}}
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: {name: images, namespace: flux-system}
spec:
  providerRef: {name: hook}
  eventSources: [{kind: ImagePolicy, name: '*'}]
`;

describe('tagpilot alert test (CLI)', () => {
  let dir = '';
  let receiver: HttpReceiver;
  let status = 200;
  before(async () => {
    receiver = await startReceiver(() => ({
      status,
      body: status === 200 ? '' : 'nope SECRET-PATH',
    }));
    dir = await mkdtemp(join(tmpdir(), 'tagpilot-alert-test-'));
    await writeFile(join(dir, 'alerts.yaml'), manifests(receiver.url));
  });
  after(async () => {
    await receiver.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers a signed test event and exits 0', async () => {
    status = 200;
    const res = await runTagpilot([
      'alert',
      'test',
      dir,
      '--alert',
      'flux-system/images',
      '--message',
      'hello from CI',
    ]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /✔ delivered to Provider flux-system\/hook/);
    const got = receiver.requests.at(-1)!;
    assert.equal(got.url, '/hooks/SECRET-PATH');
    assert.equal(JSON.parse(got.body).message, 'hello from CI');
    assert.match(String(got.headers['x-signature']), /^sha256=[0-9a-f]{64}$/);
  });

  it('exits 1 with the reason, without secrets, when the receiver refuses', async () => {
    status = 403;
    const res = await runTagpilot([
      'alert',
      'test',
      dir,
      '--alert',
      'images',
      '--namespace',
      'flux-system',
    ]);
    assert.equal(res.code, 1);
    assert.match(
      res.stderr,
      /✗ not delivered: failed to send notification for ImagePolicy\/flux-system\/tagpilot-test: .*status code 403/,
    );
    assert.ok(
      !res.stderr.includes('SECRET-PATH') && !res.stderr.includes('hmac-secret-key'),
      res.stderr,
    );
  });

  it('exits 2 for an unknown Alert or bad arguments', async () => {
    const missing = await runTagpilot(['alert', 'test', dir, '--alert', 'flux-system/nope']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Alert flux-system\/nope not found/);
    const bad = await runTagpilot([
      'alert',
      'test',
      dir,
      '--alert',
      'images',
      '--severity',
      'warn',
    ]);
    assert.equal(bad.code, 2);
  });
});
