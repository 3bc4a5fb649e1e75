// The main job end to end: a real registry, a real git smart-HTTP server and the `tagpilot run`
// process. A new image tag must become one commit in the GitOps repository with the message.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runTagpilot } from '../support/cli.ts';
import { type RunningDaemon, startDaemon } from '../support/daemon.ts';
import { tempDir } from '../support/git-servers.ts';
import {
  deployment,
  type GitopsWorld,
  startGitopsWorld,
  waitFor,
} from '../support/gitops-world.ts';

describe('push → commit with the daemon and registry webhooks', () => {
  let world: GitopsWorld;
  let daemon: RunningDaemon;
  let dir: string;
  const token = 'e2e-webhook-token';
  before(async () => {
    // The daemon starts first, so the registry can be told where to send its notifications.
    dir = tempDir('tagpilot-e2e-');
    mkdirSync(join(dir, 'source'));
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(
      join(dir, 'secrets', 'webhook.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata: {name: webhook-token, namespace: apps}\nstringData: {token: e2e-webhook-token}\n',
    );
    daemon = await startDaemon([
      '--source',
      join(dir, 'source'),
      '--secrets-dir',
      join(dir, 'secrets'),
      '--state-dir',
      join(dir, 'state'),
    ]);
    const hook = createHash('sha256').update(`${token}registryapps`).digest('hex');
    world = await startGitopsWorld({
      source: join(dir, 'source'),
      notify: { url: `${daemon.url}/hook/${hook}`, token },
    });
  });
  after(async () => {
    await daemon?.stop();
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const logs = () => daemon.logs();

  it('commits the first selected tag with the rendered message, byte-preserving the file', async () => {
    const initial = world.head();

    const head = await waitFor(
      'first commit',
      () => (world.head() !== initial ? world.head() : undefined),
      { logs },
    );

    const image = `${world.registry.host}/team/app:1.0.0`;
    assert.equal(world.fileAt(head), deployment(image));
    assert.equal(
      world.raw(['log', '-1', '--format=%B', head]),
      `Automated image update\n\nFiles:\n- app.yaml\nImages:\n- ${image}\n\n`,
    );
    assert.equal(
      world.raw(['log', '-1', '--format=%an <%ae>|%cn <%ce>', head]).trim(),
      'tagpilot <tagpilot@example.com>|tagpilot <tagpilot@example.com>',
    );
  });

  it('turns each pushed tag into one commit, triggered by the registry’s own webhook (p50/p95 over 20 pushes)', async () => {
    const latencies: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const before = world.head();
      const tag = `1.0.${i}`;
      const started = performance.now();
      await world.push([tag]); // the registry notifies the daemon; no scan interval involved
      const head = await waitFor(
        `commit for ${tag}`,
        () => (world.head() !== before ? world.head() : undefined),
        { logs },
      );
      latencies.push(performance.now() - started);
      assert.equal(world.fileAt(head), deployment(`${world.registry.host}/team/app:${tag}`));
      assert.equal(
        world.raw(['rev-list', '--count', `${before}..${head}`]).trim(),
        '1',
        'exactly one commit per tag',
      );
    }
    latencies.sort((a, b) => a - b);
    const p = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number;
    console.log(
      `push→commit latency over ${latencies.length} pushes: p50 ${p(0.5).toFixed(0)} ms, p95 ${p(0.95).toFixed(0)} ms`,
    );
    assert.ok(p(0.95) <= 5000, `p95 ${p(0.95).toFixed(0)} ms exceeds 5 s`);
  });

  it('reports Flux-shaped status through the API', async () => {
    type Item = {
      kind: string;
      status: {
        conditions?: { type: string; status: string }[];
        lastPushCommit?: string;
        warnings?: string[];
        observedPolicies?: unknown;
      };
    };
    // The push lands in git a moment before the daemon records it in status.
    let items: Item[] = [];
    for (let i = 0; i < 100; i++) {
      items = (await daemon.get<{ items: Item[] }>('/api/v1/objects')).items;
      if (
        items.find((x) => x.kind === 'ImageUpdateAutomation')?.status.lastPushCommit ===
        world.head()
      )
        break;
      await new Promise((r) => setTimeout(r, 50));
    }

    const automation = items.find((i) => i.kind === 'ImageUpdateAutomation');
    assert.equal(automation?.status.lastPushCommit, world.head());
    assert.match(String(automation?.status.warnings), /deprecated '\.Updated' field/);
    assert.deepEqual(automation?.status.observedPolicies, {
      app: { name: `${world.registry.host}/team/app`, tag: '1.0.20' },
    });
    for (const item of items) {
      assert.equal(
        item.status.conditions?.find((c) => c.type === 'Ready')?.status,
        'True',
        `${item.kind} Ready`,
      );
    }
  });

  it('explains the policy’s pick with `tagpilot explain policy`', async () => {
    const r = await runTagpilot(['explain', 'policy', 'app', '-n', 'apps', '--server', daemon.url]);

    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ImagePolicy apps\/app: semver range \^1\.0\.0$/m);
    assert.match(r.stdout, /^ {2}tags stored: +21$/m);
    assert.match(r.stdout, /^ {2}selected: +1\.0\.20$/m);
    assert.match(r.stdout, /^ {2}runner-up: +1\.0\.19$/m);
  });

  it('serves metrics with reconcile durations and registry requests', async () => {
    const text = await (await fetch(`${daemon.url}/metrics`)).text();

    assert.match(
      text,
      /gotk_reconcile_duration_seconds_count\{kind="ImagePolicy",name="app",namespace="apps"\} \d+/,
    );
    assert.match(
      text,
      new RegExp(
        `tagpilot_registry_requests_total\\{host="${world.registry.host.replaceAll('.', '\\.')}"\\} [1-9]`,
      ),
    );
    assert.match(text, /tagpilot_commits_pushed_total\{namespace="apps",name="apps"\} 21/);
    assert.match(text, /tagpilot_webhook_requests_total\{outcome="accepted"\} [1-9]/);
  });
});

describe('push → commit without a webhook', () => {
  let world: GitopsWorld;
  let daemon: RunningDaemon;
  const interval = 3000;
  before(async () => {
    world = await startGitopsWorld({ repoInterval: `${interval / 1000}s` });
    daemon = await startDaemon(['--source', world.source, '--state-dir', join(world.dir, 'state')]);
  });
  after(async () => {
    await daemon?.stop();
    await world?.stop();
  });

  it('picks up new tags within the scan interval + 2 s', async () => {
    const initial = world.head();
    await waitFor('first commit', () => (world.head() !== initial ? true : undefined), {
      logs: () => daemon.logs(),
    });
    const worst: number[] = [];
    for (const tag of ['1.1.0', '1.2.0', '1.3.0']) {
      const before = world.head();
      const started = performance.now();
      await world.push([tag]);

      await waitFor(`commit for ${tag}`, () => (world.head() !== before ? true : undefined), {
        ms: interval + 2000,
        logs: () => daemon.logs(),
      });

      worst.push(performance.now() - started);
    }
    console.log(
      `interval-only push→commit (interval ${interval} ms): ${worst.map((w) => w.toFixed(0)).join(', ')} ms`,
    );
  });
});
