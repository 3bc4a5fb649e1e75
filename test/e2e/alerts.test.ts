// Alerts from a full run: the daemon, a real registry and a real git server. A new tag must
// produce a "new image" alert and a "pushed commit" alert at a generic webhook within 2 s.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningDaemon, startDaemon } from '../support/daemon.ts';
import { type GitopsWorld, startGitopsWorld, waitFor } from '../support/gitops-world.ts';
import { type HttpReceiver, startReceiver } from '../support/http-receiver.ts';

type Posted = {
  involvedObject: { kind: string; name: string };
  severity: string;
  reason: string;
  message: string;
  metadata?: Record<string, string>;
};

describe('alerts from the daemon', () => {
  let world: GitopsWorld;
  let daemon: RunningDaemon;
  let hook: HttpReceiver;
  before(async () => {
    hook = await startReceiver();
    world = await startGitopsWorld();
    writeFileSync(
      join(world.source, 'alerts.yaml'),
      `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: {name: webhook, namespace: apps}
spec:
  type: generic
  address: ${hook.url}/flux
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: {name: images, namespace: apps}
spec:
  providerRef: {name: webhook}
  eventSeverity: info
  eventSources:
    - {kind: ImagePolicy, name: '*'}
    - {kind: ImageUpdateAutomation, name: '*'}
`,
    );
    daemon = await startDaemon(['--source', world.source, '--state-dir', join(world.dir, 'state')]);
  });
  after(async () => {
    await daemon?.stop();
    await world?.stop();
    await hook?.stop();
  });

  const posted = () =>
    hook.requests.map((r) => ({ at: r.receivedAt, event: JSON.parse(r.body) as Posted }));

  it('sends the new-image and pushed-commit alerts within 2 s of the commit', async () => {
    const initial = world.head();
    await waitFor('first commit', () => (world.head() !== initial ? true : undefined), {
      logs: () => daemon.logs(),
    });
    const committedAt = Date.now();

    // The automation's first run (before any image is picked) reports 'repository up-to-date'.
    const isPush = (p: { event: Posted }) =>
      p.event.involvedObject.kind === 'ImageUpdateAutomation' &&
      p.event.message.startsWith('pushed commit');
    await waitFor('the pushed-commit alert', () => (posted().some(isPush) ? true : undefined), {
      ms: 2000,
      logs: () => daemon.logs(),
    });

    const events = posted();
    // The policy may first warn (no tags yet) before the scan lands; the info event is the pick.
    const image = events.find(
      (p) => p.event.involvedObject.kind === 'ImagePolicy' && p.event.severity === 'info',
    );
    assert.ok(image, 'new image alert');
    assert.match(image.event.message, /^Latest image tag for .*\/team\/app resolved to 1\.0\.0$/);
    const push = events.find(isPush);
    assert.ok(push, 'pushed commit alert');
    assert.match(
      push.event.message,
      new RegExp(
        `^pushed commit '${world.head().slice(0, 7)}' to branch 'main'\\nAutomated image update`,
      ),
    );
    assert.ok(push.at - committedAt <= 2000, `alert ${push.at - committedAt} ms after the commit`);
    assert.equal(hook.requests[0]?.url, '/flux');
    console.log(
      `alerts: ${events.length} delivered; pushed-commit alert ${Math.max(0, push.at - committedAt)} ms after the commit was seen`,
    );
  });
});
