// A small GitOps world for end-to-end tests: a real registry with an image, a git smart-HTTP
// server with a GitOps repository, and a source directory of Flux manifests pointing at both.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBareRepo, type GitServer, git, startGitHttp, tempDir } from './git-servers.ts';
import { startRegistry } from './registry.ts';
import { pushTags } from './registry-push.ts';

/** deployment renders the GitOps repository's marked Deployment. */
export const deployment = (image: string) => `apiVersion: apps/v1
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

/** seedTemplate is the commit template from the seeds (v1beta1 `.Updated` fields). */
export const seedTemplate = `Automated image update

Files:
{{ range $filename, $_ := .Updated.Files -}}
- {{ $filename }}
{{ end -}}
Images:
{{ range .Updated.Images -}}
- {{.}}
{{ end -}}
`;

/** fluxManifests renders the Flux objects of the world. */
export function fluxManifests(
  registry: string,
  gitUrl: string,
  opts: { repoInterval?: string; template?: string } = {},
): string {
  const template = (opts.template ?? seedTemplate).replace(/^/gm, '        ');
  return `apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
metadata: {name: app, namespace: apps}
spec:
  image: ${registry}/team/app
  interval: ${opts.repoInterval ?? '1h'}
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
${template}
    push: {branch: main}
  update: {strategy: Setters, path: ./deploy}
`;
}

/** GitopsWorld is a running registry + git server + manifests directory. */
export interface GitopsWorld {
  readonly registry: { host: string; url: string; stop(): Promise<void> };
  readonly git: GitServer;
  readonly dir: string;
  readonly source: string;
  readonly bare: string;
  push(tags: string[]): Promise<void>;
  head(): string;
  /** raw runs git in the bare repository and returns untrimmed output. */
  raw(args: string[]): string;
  fileAt(rev: string): string;
  stop(): Promise<void>;
}

/** WorldOptions tunes the world; notify makes the registry send push notifications to a URL. */
export interface WorldOptions {
  repoInterval?: string;
  template?: string;
  /** source is an existing (watched) manifests directory to write into. */
  source?: string;
  notify?: { url: string; token: string };
}

/** receiverManifest declares a `distribution` Receiver for the world's ImageRepositories. */
export const receiverManifest = `---
apiVersion: notification.toolkit.fluxcd.io/v1
kind: Receiver
metadata: {name: registry, namespace: apps}
spec:
  type: distribution
  secretRef: {name: webhook-token}
  resources:
    - {apiVersion: image.toolkit.fluxcd.io/v1, kind: ImageRepository, name: app}
`;

/** startGitopsWorld starts everything with tag 1.0.0 pushed and the repository at 0.9.0. */
export async function startGitopsWorld(opts: WorldOptions = {}): Promise<GitopsWorld> {
  const dir = tempDir('tagpilot-world-');
  const registry = await startRegistry(
    opts.notify
      ? {
          notify: {
            url: opts.notify.url,
            headers: { Authorization: `Bearer ${opts.notify.token}` },
          },
        }
      : {},
  );
  await pushTags({ url: registry.url }, 'team/app', ['1.0.0']);
  const root = join(dir, 'git');
  mkdirSync(root);
  const bare = createBareRepo(root, 'gitops.git', {
    'deploy/app.yaml': deployment(`${registry.host}/team/app:0.9.0`),
  });
  const server = await startGitHttp(root);
  const source = opts.source ?? join(dir, 'source');
  mkdirSync(source, { recursive: true });
  const manifests = fluxManifests(registry.host, server.url('gitops.git'), opts);
  writeFileSync(join(source, 'flux.yaml'), opts.notify ? manifests + receiverManifest : manifests);
  const raw = (args: string[]) => execFileSync('git', args, { cwd: bare, encoding: 'utf8' });
  return {
    registry,
    git: server,
    dir,
    source,
    bare,
    push: async (tags) => {
      await pushTags({ url: registry.url }, 'team/app', tags);
    },
    head: () => git(['rev-parse', 'refs/heads/main'], bare),
    raw,
    fileAt: (rev) => raw(['show', `${rev}:deploy/app.yaml`]),
    async stop() {
      await server.stop();
      await registry.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** waitFor polls f until it returns a value, or fails with what and the logs. */
export async function waitFor<T>(
  what: string,
  f: () => T | undefined,
  opts: { ms?: number; logs?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.ms ?? 20_000);
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}\n${opts.logs?.().slice(-3000) ?? ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
