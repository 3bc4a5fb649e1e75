// From reconcile outcome to receiver, the way the daemon will drive it: the emission decision,
// buildEvent, dispatchEvent, then a generic webhook and a GitHub-compatible status endpoint on
// loopback. The "new image" and "pushed commit" alerts must land within 2 s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HttpReceiver, startReceiver } from '../../../test/support/http-receiver.ts';
import { parseNotificationYAML } from '../../api/notification/parse.ts';
import { buildEvent } from '../../core/events/build.ts';
import { automationEvent, pushMetadata, reflectorEvent } from '../../core/events/emission.ts';
import type { Event } from '../../core/events/event.ts';
import { AlertRouter } from './router.ts';

const manifests = (hook: string, forge: string) => `
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: {name: webhook, namespace: flux-system}
spec: {type: generic, address: "${hook}"}
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: {name: github, namespace: flux-system}
spec:
  type: github
  address: ${forge}/org/fleet
  secretRef: {name: github-token}
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: {name: images, namespace: flux-system}
spec:
  providerRef: {name: webhook}
  eventSources:
    - {kind: ImagePolicy, name: '*'}
    - {kind: ImageUpdateAutomation, name: '*'}
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: {name: commit-status, namespace: flux-system}
spec:
  providerRef: {name: github}
  eventSources: [{kind: ImageUpdateAutomation, name: '*'}]
`;

describe('reconcile outcome → alert', () => {
  let hook: HttpReceiver;
  let forge: HttpReceiver;
  let router: AlertRouter;
  before(async () => {
    hook = await startReceiver();
    forge = await startReceiver((r) => ({
      status: r.method === 'GET' ? 200 : 201,
      body: r.method === 'GET' ? '[]' : '{}',
    }));
    const objs = parseNotificationYAML(manifests(`${hook.url}/flux`, forge.url), 'alerts.yaml');
    assert.deepEqual(objs.errors, []);
    router = new AlertRouter({
      providers: objs.providers,
      alerts: objs.alerts,
      secrets: (ns, name) =>
        `${ns}/${name}` === 'flux-system/github-token' ? { token: 'ghp_test' } : undefined,
      queuePath: ':memory:',
    });
  });
  after(async () => {
    await router.close();
    await hook.stop();
    await forge.stop();
  });

  it('delivers the new-image and pushed-commit alerts within 2 s', async () => {
    const policy = {
      kind: 'ImagePolicy',
      namespace: 'flux-system',
      name: 'podinfo',
      apiVersion: 'image.toolkit.fluxcd.io/v1',
    };
    const message =
      'Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 6.7.1 (previously ghcr.io/stefanprodan/podinfo:6.7.0)';
    const newImage = buildEvent(
      reflectorEvent(
        {
          ready: true,
          reason: 'Succeeded',
          message: 'Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 6.7.0',
        },
        { ready: true, reason: 'Succeeded', message },
        '',
      ),
      {
        object: policy,
        nowMs: Date.now(),
        reportingController: 'image-reflector-controller',
        annotations: { 'event.toolkit.fluxcd.io/team': 'web' },
      },
    );
    const push = {
      commit: '5394cb7f48332b2de7c17dd8b8384bbc84b7e738',
      branch: 'main',
      message: 'Update podinfo to 6.7.1',
    };
    const iua = {
      kind: 'ImageUpdateAutomation',
      namespace: 'flux-system',
      name: 'fleet',
      apiVersion: 'image.toolkit.fluxcd.io/v1',
    };
    const pushed = buildEvent(
      automationEvent(
        { ready: true, reason: 'Succeeded', message: 'x' },
        { ready: true, reason: 'Succeeded', message: 'repository up-to-date' },
        push,
        true,
      ),
      {
        object: iua,
        metadata: pushMetadata(push),
        nowMs: Date.now(),
        reportingController: 'image-automation-controller',
      },
    );
    assert.ok(newImage && pushed);
    const start = Date.now();
    router.dispatchEvent(newImage);
    router.dispatchEvent(pushed);
    const got = await hook.waitFor(2, 2000);
    assert.ok(Date.now() - start < 2000);
    const bodies = got.map((r) => JSON.parse(r.body) as Event);
    assert.deepEqual(
      bodies.map((b) => [b.involvedObject.kind, b.message]),
      [
        ['ImagePolicy', message],
        [
          'ImageUpdateAutomation',
          "pushed commit '5394cb7' to branch 'main'\nUpdate podinfo to 6.7.1",
        ],
      ],
    );
    assert.deepEqual(bodies[0]?.metadata, { team: 'web' });
    assert.deepEqual(bodies[1]?.metadata, { commit: push.commit });
    const statuses = await forge.waitFor(2, 2000);
    assert.deepEqual(
      statuses.map((r) => `${r.method} ${r.url}`),
      [
        `GET /api/v3/repos/org/fleet/commits/${push.commit}/statuses?per_page=50`,
        `POST /api/v3/repos/org/fleet/statuses/${push.commit}`,
      ],
    );
    assert.equal(JSON.parse(statuses[1]!.body).state, 'success');
    await router.drained();
  });

  it('keeps queued deliveries when the objects are reloaded', async () => {
    const from = hook.requests.length;
    await hook.down();
    const e = buildEvent(
      { type: 'Warning', severity: 'error', reason: 'Failed', message: 'scan failed: 401' },
      {
        object: {
          kind: 'ImagePolicy',
          namespace: 'flux-system',
          name: 'p2',
          apiVersion: 'image.toolkit.fluxcd.io/v1',
        },
        nowMs: Date.now(),
        reportingController: 'image-reflector-controller',
      },
    );
    assert.ok(e);
    assert.equal(router.dispatchEvent(e).queued.length, 1);
    const objs = parseNotificationYAML(manifests(`${hook.url}/flux`, forge.url), 'alerts.yaml');
    router.update(objs.providers, objs.alerts);
    assert.equal(router.pending(), 1);
    await hook.up();
    await hook.waitFor(from + 1, 10_000);
    assert.equal(JSON.parse(hook.requests.at(-1)!.body).message, 'scan failed: 401');
  });
});
