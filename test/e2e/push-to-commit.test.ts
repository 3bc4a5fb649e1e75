// The main job end to end: a real registry, a real git daemon and the `tagpilot run` process.
// A new image tag must become a commit in the GitOps repository with the rendered message.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningDaemon, startDaemon } from '../support/daemon.ts';
import {
  createBareRepo,
  type GitServer,
  git,
  startGitHttp,
  tempDir,
} from '../support/git-servers.ts';
import { type RunningRegistry, startRegistry } from '../support/registry.ts';
import { pushTags } from '../support/registry-push.ts';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: apps

spec:
  template:
    spec:
      containers:
        - name: app
          image: ${image} # {"$imagepolicy": "apps:app"}
`;

const fluxManifests = (
  registry: string,
  gitUrl: string,
) => `apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
metadata: {name: app, namespace: apps}
spec:
  image: ${registry}/team/app
  interval: 1h
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata: {name: app, namespace: apps}
spec:
  imageRepositoryRef: {name: app}
  policy:
    semver: {range: '^1.0.0'}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: gitops, namespace: apps}
spec:
  url: ${gitUrl}
  interval: 1h
  ref: {branch: main}
---
apiVersion: image.toolkit.fluxcd.io/v1beta1
kind: ImageUpdateAutomation
metadata: {name: apps, namespace: apps}
spec:
  interval: 1h
  sourceRef: {kind: GitRepository, name: gitops}
  git:
    checkout: {ref: {branch: main}}
    commit:
      author: {name: tagpilot, email: tagpilot@example.com}
      messageTemplate: |
        Automated image update

        Files:
        {{ range $filename, $_ := .Updated.Files -}}
        - {{ $filename }}
        {{ end -}}
        Images:
        {{ range .Updated.Images -}}
        - {{.}}
        {{ end -}}
    push: {branch: main}
  update: {strategy: Setters, path: ./deploy}
`;

describe('push → commit with the daemon', () => {
  let registry: RunningRegistry;
  let gitServer: GitServer;
  let daemon: RunningDaemon;
  let work: string;
  let bare: string;
  before(async () => {
    work = tempDir('tagpilot-e2e-');
    registry = await startRegistry();
    await pushTags({ url: registry.url }, 'team/app', ['1.0.0']);
    const root = join(work, 'git');
    mkdirSync(root);
    bare = createBareRepo(root, 'gitops.git', {
      'deploy/app.yaml': deployment(`${registry.host}/team/app:0.9.0`),
    });
    gitServer = await startGitHttp(root);
    const source = join(work, 'source');
    mkdirSync(source);
    writeFileSync(
      join(source, 'flux.yaml'),
      fluxManifests(registry.host, gitServer.url('gitops.git')),
    );
    daemon = await startDaemon(['--source', source, '--state-dir', join(work, 'state')]);
  });
  after(async () => {
    await daemon?.stop();
    await gitServer?.stop();
    await registry?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const headOf = () => git(['rev-parse', 'refs/heads/main'], bare).trim();
  // Untrimmed output: byte-for-byte comparisons need the trailing newlines.
  const gitRaw = (args: string[]) => execFileSync('git', args, { cwd: bare, encoding: 'utf8' });
  const fileAt = (rev: string) => gitRaw(['show', `${rev}:deploy/app.yaml`]);
  async function waitFor<T>(what: string, f: () => T | undefined, ms = 20_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = f();
      if (v !== undefined) return v;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}\n${daemon.logs().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('commits the first selected tag with the rendered message, byte-preserving the file', async () => {
    const initial = headOf();

    const head = await waitFor('first commit', () => (headOf() !== initial ? headOf() : undefined));

    assert.equal(fileAt(head), deployment(`${registry.host}/team/app:1.0.0`));
    const message = gitRaw(['log', '-1', '--format=%B', head]);
    assert.equal(
      message,
      `Automated image update\n\nFiles:\n- app.yaml\nImages:\n- ${registry.host}/team/app:1.0.0\n\n`,
    );
    assert.equal(
      git(['log', '-1', '--format=%an <%ae>', head], bare).trim(),
      'tagpilot <tagpilot@example.com>',
    );
  });

  it('turns each new tag into one commit within seconds of a scan request (p50/p95 over 20 pushes)', async () => {
    const latencies: number[] = [];
    for (let i = 1; i <= 20; i++) {
      const before = headOf();
      const tag = `1.0.${i}`;
      const started = performance.now();
      await pushTags({ url: registry.url }, 'team/app', [tag]);
      await daemon.post('/api/v1/objects/ImageRepository/apps/app/reconcile');
      const head = await waitFor(`commit for ${tag}`, () =>
        headOf() !== before ? headOf() : undefined,
      );
      latencies.push(performance.now() - started);
      assert.match(fileAt(head), new RegExp(`team/app:${tag.replaceAll('.', '\\.')} #`));
      assert.equal(
        git(['rev-list', '--count', `${before}..${head}`], bare).trim(),
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
    const { items } = await daemon.get<{
      items: {
        kind: string;
        status: { conditions?: { type: string; status: string }[]; lastPushCommit?: string };
      }[];
    }>('/api/v1/objects');

    const automation = items.find((i) => i.kind === 'ImageUpdateAutomation');
    assert.equal(automation?.status.lastPushCommit, headOf());
    for (const item of items) {
      assert.equal(
        item.status.conditions?.find((c) => c.type === 'Ready')?.status,
        'True',
        `${item.kind} Ready`,
      );
    }
  });
});
