// `npm run demo`: a real local registry and git server, a sample GitOps repository laid out like
// the Flux tutorials, tagpilot running against it; new image tags become commits you can read.
// Everything it starts is stopped at the end.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Daemon } from '../src/runtimes/daemon/daemon.ts';
import { silentLogger } from '../src/runtimes/daemon/logger.ts';
import { createBareRepo, git, startGitHttp, tempDir } from '../test/support/git-servers.ts';
import { startRegistry } from '../test/support/registry.ts';
import { pushTags } from '../test/support/registry-push.ts';

const say = (s: string) => process.stderr.write(`${s}\n`);

function ensureRegistryBinary(): void {
  if (spawnSync('docker-registry', ['--version'], { stdio: 'ignore' }).status === 0) return;
  const cmd = 'apt-get install -y docker-registry';
  if (process.getuid?.() !== 0) {
    say(
      `✗ the demo needs Debian's docker-registry (the CNCF distribution registry). Install it with:\n    sudo ${cmd}`,
    );
    process.exit(1);
  }
  say(`► installing docker-registry: ${cmd}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'docker-registry'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function gitopsFiles(registry: string, gitUrl: string): Record<string, string> {
  return {
    'apps/podinfo/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: podinfo
  namespace: apps
spec:
  template:
    spec:
      containers:
        - name: podinfo
          # the full image reference is kept up to date
          image: ${registry}/stefanprodan/podinfo:1.0.0 # {"$imagepolicy": "flux-system:podinfo"}
`,
    'apps/worker/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
images:
  - name: worker
    newName: ${registry}/acme/worker # {"$imagepolicy": "flux-system:worker:name"}
    newTag: main-0000000-1700000000 # {"$imagepolicy": "flux-system:worker:tag"}
`,
    'clusters/demo/image-automation.yaml': `apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
metadata:
  name: podinfo
  namespace: flux-system
spec:
  image: ${registry}/stefanprodan/podinfo
  interval: 1m
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata:
  name: podinfo
  namespace: flux-system
spec:
  imageRepositoryRef:
    name: podinfo
  policy:
    semver:
      range: ^1.x
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
metadata:
  name: worker
  namespace: flux-system
spec:
  image: ${registry}/acme/worker
  interval: 1m
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata:
  name: worker
  namespace: flux-system
spec:
  imageRepositoryRef:
    name: worker
  filterTags:
    pattern: '^main-[a-fA-F0-9]+-(?P<ts>.*)'
    extract: '$ts'
  policy:
    numerical:
      order: asc
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  url: ${gitUrl}
  ref:
    branch: main
---
apiVersion: image.toolkit.fluxcd.io/v1beta1
kind: ImageUpdateAutomation
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  sourceRef:
    kind: GitRepository
    name: flux-system
  git:
    checkout:
      ref:
        branch: main
    commit:
      author:
        email: fluxcdbot@users.noreply.github.com
        name: fluxcdbot
      messageTemplate: |
        Automated image update

        Automation name: {{ .AutomationObject }}

        Files:
        {{ range $filename, $_ := .Updated.Files -}}
        - {{ $filename }}
        {{ end -}}

        Objects:
        {{ range $resource, $_ := .Updated.Objects -}}
        - {{ $resource.Kind }} {{ $resource.Name }}
        {{ end -}}

        Images:
        {{ range .Updated.Images -}}
        - {{.}}
        {{ end -}}
    push:
      branch: main
  update:
    path: ./apps
    strategy: Setters
`,
  };
}

async function waitForHead(bare: string, done: (head: string) => boolean): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const head = git(['rev-parse', 'main'], bare);
    if (done(head)) return head;
    if (Date.now() > deadline) throw new Error('no commit within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const fileAt = (bare: string, rev: string, path: string) =>
  execFileSync('git', ['show', `${rev}:${path}`], { cwd: bare, encoding: 'utf8' });

ensureRegistryBinary();
const dir = tempDir('tagpilot-demo-');
const cleanup: (() => Promise<void>)[] = [];
try {
  say('► starting a CNCF distribution registry on 127.0.0.1');
  const registry = await startRegistry();
  cleanup.push(() => registry.stop());
  say(`✔ registry at ${registry.url}`);
  await pushTags({ url: registry.url }, 'stefanprodan/podinfo', ['1.0.0', '1.1.0', '2.0.0-rc.1']);
  await pushTags({ url: registry.url }, 'acme/worker', [
    'main-0000000-1700000000',
    'main-a1b2c3d-1700000300',
    'latest',
  ]);
  say('✔ pushed podinfo 1.0.0 1.1.0 2.0.0-rc.1 and worker main-…-1700000300, latest');

  say('► starting a git server (smart HTTP) with a sample GitOps repository');
  const root = join(dir, 'git');
  mkdirSync(root);
  const placeholder = 'http://placeholder/gitops.git';
  const server = await startGitHttp(root);
  cleanup.push(() => server.stop());
  const gitUrl = server.url('gitops.git');
  const bare = createBareRepo(
    root,
    'gitops.git',
    gitopsFiles(registry.host, gitUrl || placeholder),
  );
  say(`✔ git repository at ${gitUrl}`);

  say('► running tagpilot against the repository (it reads the Flux manifests from git)');
  const daemon = new Daemon({
    source: `${gitUrl}#main`,
    allowRepoSecrets: false,
    stateDir: join(dir, 'state'),
    listen: '127.0.0.1:0',
    concurrency: 4,
    noCrossNamespaceRefs: false,
    sourcePollMs: 2000,
    log: silentLogger,
    env: process.env,
  });
  const initial = git(['rev-parse', 'main'], bare);
  await daemon.start({ watch: true, serve: true });
  cleanup.unshift(() => daemon.stop());
  // Each policy's first pick may land in its own commit, as soon as it is known.
  const first = await waitForHead(
    bare,
    (h) =>
      h !== initial &&
      fileAt(bare, h, 'apps/podinfo/deployment.yaml').includes(':1.1.0 ') &&
      fileAt(bare, h, 'apps/worker/kustomization.yaml').includes('1700000300'),
  );
  say('✔ tagpilot committed:\n');
  process.stdout.write(
    execFileSync(
      'git',
      ['log', '--patch', '--format=commit %H%nAuthor: %an <%ae>%n%n%B', `${initial}..${first}`],
      {
        cwd: bare,
        encoding: 'utf8',
      },
    ),
  );

  say('\n► CI pushes podinfo 1.2.0; a registry webhook (here: the API) asks for a scan');
  await pushTags({ url: registry.url }, 'stefanprodan/podinfo', ['1.2.0']);
  const started = performance.now();
  daemon.engine.requestReconcile({
    kind: 'ImageRepository',
    namespace: 'flux-system',
    name: 'podinfo',
  });
  const second = await waitForHead(bare, (h) => h !== first);
  say(`✔ committed ${((performance.now() - started) / 1000).toFixed(1)} s after the push:\n`);
  process.stdout.write(
    execFileSync('git', ['show', '--patch', '--format=commit %H%n%n%B', second], {
      cwd: bare,
      encoding: 'utf8',
    }),
  );
  say('\n✔ demo done: run `tagpilot run --source <your repo>` for real (see README)');
} finally {
  for (const c of cleanup) await c().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
