import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic } from './diagnostic.ts';
import { loadManifests } from './load.ts';
import type { GitRepository, ImageUpdateAutomation } from './model.ts';
import { resolveGitTarget } from './push-branch.ts';
import { checkReferences } from './references.ts';

const repo = (name: string, ns: string, extra = '') => `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata: {name: ${name}, namespace: ${ns}}
spec:
  image: ghcr.io/org/${name}
  interval: 5m
${extra}`;
const policy = (name: string, ns: string, ref: string) => `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata: {name: ${name}, namespace: ${ns}}
spec:
  imageRepositoryRef: ${ref}
  policy: {semver: {range: '>=1.0.0'}}
`;
const secret = (name: string, ns: string, type: string, keys: string[]) => `apiVersion: v1
kind: Secret
metadata: {name: ${name}, namespace: ${ns}}
type: ${type}
stringData: {${keys.map((k) => `${JSON.stringify(k)}: x`).join(', ')}}
`;
const automation = (git: string, ns = 'apps') => `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageUpdateAutomation
metadata: {name: auto, namespace: ${ns}}
spec:
  interval: 5m
  sourceRef: {name: repo}
  git:
    commit: {author: {email: bot@example.com}}
${git}`;
const gitRepo = (spec: string, ns = 'apps') => `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: repo, namespace: ${ns}}
spec:
  interval: 5m
${spec}`;

function check(...docs: string[]): string[] {
  const r = loadManifests(docs.join('\n---\n'), 'm.yaml');
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic), []);
  return checkReferences(r).map(formatDiagnostic);
}

const cases: { name: string; docs: string[]; want: RegExp[] }[] = [
  {
    name: 'policy refers to a missing repository (warning, with a near-miss hint)',
    docs: [repo('web-app', 'apps'), policy('web', 'apps', '{name: webapp}')],
    want: [
      /warning \(document 2\): ImagePolicy apps\/web spec\.imageRepositoryRef: refers to ImageRepository apps\/webapp, which is not among the given files; did you mean "web-app"\?/,
    ],
  },
  {
    name: 'cross-namespace reference without accessFrom (error)',
    docs: [repo('web', 'images'), policy('web', 'apps', '{name: web, namespace: images}')],
    want: [
      /error .*spec\.imageRepositoryRef\.namespace: ImageRepository images\/web has no spec\.accessFrom/,
    ],
  },
  {
    name: 'cross-namespace reference with accessFrom is fine',
    docs: [
      repo('web', 'images', '  accessFrom: {namespaceSelectors: [{matchLabels: {}}]}'),
      policy('web', 'apps', '{name: web, namespace: images}'),
    ],
    want: [],
  },
  {
    name: 'cross-namespace accessFrom evaluated against the given Namespace labels',
    docs: [
      repo('web', 'images', '  accessFrom: {namespaceSelectors: [{matchLabels: {team: web}}]}'),
      repo(
        'api',
        'images',
        "  accessFrom: {namespaceSelectors: [{matchLabels: {'kubernetes.io/metadata.name': apps}}]}",
      ),
      policy('web', 'apps', '{name: web, namespace: images}'),
      policy('api', 'apps', '{name: api, namespace: images}'),
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: apps, labels: {team: api}}\n',
    ],
    want: [
      /error .*ImagePolicy apps\/web spec\.imageRepositoryRef\.namespace: the labels of Namespace apps match none of ImageRepository images\/web spec\.accessFrom\.namespaceSelectors/,
    ],
  },
  {
    name: 'pull secret of the wrong type',
    docs: [
      repo('web', 'apps', '  secretRef: {name: pull}'),
      secret('pull', 'apps', 'Opaque', ['username']),
    ],
    want: [
      /warning .*spec\.secretRef: Secret apps\/pull is of type Opaque; Flux only reads credentials from kubernetes\.io\/dockerconfigjson/,
    ],
  },
  {
    name: 'docker config pull secret is fine',
    docs: [
      repo('web', 'apps', '  secretRef: {name: pull}'),
      secret('pull', 'apps', 'kubernetes.io/dockerconfigjson', ['.dockerconfigjson']),
    ],
    want: [],
  },
  {
    name: 'cert secret without certificates, proxy secret without address, missing secret',
    docs: [
      repo('web', 'apps', '  certSecretRef: {name: tls}\n  proxySecretRef: {name: proxy}'),
      secret('tls', 'apps', 'Opaque', ['tls.crt']),
      secret('proxy', 'apps', 'Opaque', ['username']),
      repo('api', 'apps', '  secretRef: {name: nope}'),
    ],
    want: [
      /error .*spec\.certSecretRef: Secret apps\/tls needs tls\.crt and tls\.key, or ca\.crt \(has: tls\.crt\)/,
      /error .*spec\.proxySecretRef: Secret apps\/proxy has no "address" key/,
      /warning .*ImageRepository apps\/api spec\.secretRef: refers to Secret apps\/nope/,
    ],
  },
  {
    name: 'automation whose push branch cannot be inferred (error)',
    docs: [
      automation(''),
      gitRepo('  url: https://example.com/r.git\n  ref: {tag: v1}'),
      policy('p', 'apps', '{name: r}'),
    ],
    want: [
      /error .*spec\.git\.push\.branch: not set and no checkout branch to infer it from; Flux fails with "push spec not provided/,
      /warning .*ImagePolicy apps\/p/,
    ],
  },
  {
    name: 'automation without GitRepository and no branch anywhere (warning)',
    docs: [automation(''), policy('p', 'apps', '{name: r}')],
    want: [
      /warning .*spec\.sourceRef: refers to GitRepository apps\/repo/,
      /warning .*spec\.git\.push\.branch: not set and spec\.git\.checkout is absent/,
      /ImagePolicy apps\/p/,
    ],
  },
  {
    name: 'automation in a namespace without policies, signing key secret without git.asc',
    docs: [
      automation('    push: {branch: main}\n  ').replace(
        'commit: {author: {email: bot@example.com}}',
        'commit: {author: {email: bot@example.com}, signingKey: {secretRef: {name: sign}}}',
      ),
      gitRepo('  url: https://example.com/r.git'),
      secret('sign', 'apps', 'Opaque', ['identity']),
    ],
    want: [
      /error .*spec\.git\.commit\.signingKey\.secretRef: Secret apps\/sign has no "git\.asc" key, needed for gpg signing/,
      /warning .*metadata\.namespace: no ImagePolicy in namespace apps/,
    ],
  },
  {
    name: 'ssh GitRepository secret without known_hosts',
    docs: [
      gitRepo('  url: ssh://git@example.com/r.git\n  secretRef: {name: ssh}'),
      secret('ssh', 'apps', 'Opaque', ['identity']),
    ],
    want: [
      /error .*GitRepository apps\/repo spec\.secretRef: Secret apps\/ssh lacks known_hosts, required for ssh:\/\/ URLs/,
    ],
  },
  {
    name: 'duplicate objects',
    docs: [repo('web', 'apps'), repo('web', 'apps')],
    want: [
      /error \(document 2\): ImageRepository apps\/web metadata\.name: duplicate ImageRepository apps\/web; first defined at m\.yaml:1/,
    ],
  },
];

describe('checkReferences', () => {
  for (const c of cases) {
    it(c.name, () => {
      const lines = check(...c.docs);
      for (const re of c.want)
        assert.ok(
          lines.some((l) => re.test(l)),
          `${re} not in:\n${lines.join('\n')}`,
        );
      assert.equal(lines.length, c.want.length, lines.join('\n'));
    });
  }
});

describe('resolveGitTarget (Flux configurePush)', () => {
  const load = (text: string) => loadManifests(text, 'f').objects;
  const auto = (git: string) => load(automation(git))[0] as ImageUpdateAutomation;
  const source = (ref: string) =>
    load(gitRepo(`  url: https://example.com/r.git\n${ref}`))[0] as GitRepository;
  const targets = [
    {
      name: 'push branch = checkout branch',
      a: '    checkout: {ref: {branch: main}}\n    push: {branch: main}',
      g: '',
      want: { pushBranch: 'main', switchBranch: false },
    },
    {
      name: 'push branch differs',
      a: '    checkout: {ref: {branch: main}}\n    push: {branch: auto}',
      g: '',
      want: { pushBranch: 'auto', switchBranch: true },
    },
    {
      name: 'inferred from checkout',
      a: '    checkout: {ref: {branch: dev}}',
      g: '  ref: {branch: main}',
      want: { pushBranch: 'dev', switchBranch: false },
    },
    {
      name: 'inferred from GitRepository',
      a: '',
      g: '  ref: {branch: main}',
      want: { pushBranch: 'main', switchBranch: false },
    },
    {
      name: 'no ref: compared with master',
      a: '    push: {branch: master}',
      g: '',
      want: { pushBranch: 'master', switchBranch: false },
    },
    {
      name: 'tag checkout always switches',
      a: '    checkout: {ref: {tag: v1}}\n    push: {branch: main}',
      g: '',
      want: { pushBranch: 'main', switchBranch: true },
    },
    {
      name: 'cannot infer from a tag',
      a: '    checkout: {ref: {tag: v1}}',
      g: '  ref: {branch: main}',
      want: undefined,
    },
  ];
  for (const t of targets) {
    it(t.name, () => {
      const got = resolveGitTarget(auto(t.a), source(t.g));
      if (t.want === undefined) assert.equal(got, undefined);
      else
        assert.deepEqual({ pushBranch: got?.pushBranch, switchBranch: got?.switchBranch }, t.want);
    });
  }
});
