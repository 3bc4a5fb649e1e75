// `tagpilot create image repository|policy|update <name> … --export`: flux's flags, flux's YAML.
import { type CliIO, type Command, writeLine } from './command.ts';
import {
  buildImagePolicy,
  buildImageRepository,
  buildImageUpdate,
} from './flux/build-image-objects.ts';
import {
  checkName,
  commonCreateOptions,
  objectMetadata,
  parseLabels,
  resolveNamespace,
} from './flux/create-common.ts';
import { exportDocument } from './flux/export-text.ts';
import { parseDurationFlag } from './flux/go-duration.ts';
import type { JsonValue } from './flux/go-yaml.ts';
import { parseFlags } from './flux/parse-flags.ts';

const common = `Common flags (as flux):
  -n, --namespace <ns>   namespace of the object (default flux-system, or $FLUX_SYSTEM_NAMESPACE)
      --label k=v        labels, repeated or comma-separated
      --export           print the YAML (tagpilot always prints; it has no cluster to apply to)`;

type Options = Parameters<typeof parseFlags>[1];

function createCommand(
  kind: string,
  word: string,
  flagsHelp: string,
  options: Options,
  build: (metadata: JsonValue, values: Record<string, unknown>) => JsonValue,
): Command {
  return {
    path: ['create', 'image', word],
    summary: `print a Flux ${kind} manifest built from flux's create flags`,
    usage: `Usage: tagpilot create image ${word} <name> [flags]\n\n${flagsHelp}\n${common}`,
    async run(args: string[], io: CliIO): Promise<number> {
      const { values, positionals } = parseFlags(args, { ...commonCreateOptions, ...options });
      const name = checkName(positionals);
      const warn = (t: string) => writeLine(io.stderr, `⚠️ ${t}`);
      const namespace = resolveNamespace(values.namespace as string | undefined, io.env, warn);
      const labels = parseLabels(values.label as string[] | undefined);
      const object = build(objectMetadata(name, namespace, labels) as JsonValue, values);
      const template = values['commit-template'];
      if (typeof template === 'string' && template.includes('.Updated')) {
        warn(
          "the commit template uses '.Updated', which Flux v1 rejects; tagpilot still renders it, but prefer '.Changed'",
        );
      }
      if (!values.export) writeLine(io.stderr, `✚ generating ${kind}`);
      io.stdout.write(exportDocument(object));
      if (!values.export) {
        writeLine(
          io.stderr,
          `► tagpilot applies nothing to a cluster: commit this ${kind} to the repository \`tagpilot run --source\` reads`,
        );
      }
      return 0;
    },
  };
}

function duration(
  values: Record<string, unknown>,
  flag: string,
  fallback?: bigint,
): bigint | undefined {
  const text = values[flag] as string | undefined;
  return text === undefined ? fallback : parseDurationFlag(flag, text);
}

const MINUTE = 60_000_000_000n;

/** createImageRepositoryCommand is `tagpilot create image repository`. */
export const createImageRepositoryCommand = createCommand(
  'ImageRepository',
  'repository',
  `Flags:
      --image <repo>        image repository to scan, e.g. ghcr.io/org/app (required)
      --interval <d>        scan interval (default 1m)
      --secret-ref <name>   docker-registry Secret with the pull credentials
      --cert-ref <name>     Secret with ca.crt/tls.crt/tls.key (alias: --cert-secret-ref)
      --scan-timeout <d>    timeout of one scan (spec.timeout)
  tagpilot additions:
      --provider <p>        generic (default), aws, azure or gcp
      --exclusion-list <re> tags to leave out (repeatable; replaces the default ^.*\\.sig$)
      --insecure            the registry speaks plain HTTP`,
  {
    image: { type: 'string' },
    'secret-ref': { type: 'string' },
    'cert-ref': { type: 'string' },
    'cert-secret-ref': { type: 'string' },
    'scan-timeout': { type: 'string' },
    provider: { type: 'string' },
    'exclusion-list': { type: 'string', multiple: true },
    insecure: { type: 'boolean', default: false },
  },
  (metadata, v) =>
    buildImageRepository(metadata, {
      image: v.image as string | undefined,
      secretRef: v['secret-ref'] as string | undefined,
      certRef: (v['cert-ref'] ?? v['cert-secret-ref']) as string | undefined,
      scanTimeout: duration(v, 'scan-timeout'),
      provider: v.provider as string | undefined,
      exclusionList: v['exclusion-list'] as string[] | undefined,
      insecure: v.insecure === true,
      interval: duration(v, 'interval', MINUTE) as bigint,
    }),
);

/** createImagePolicyCommand is `tagpilot create image policy`. */
export const createImagePolicyCommand = createCommand(
  'ImagePolicy',
  'policy',
  `Flags:
      --image-ref <name>        the ImageRepository to select from (required)
      --select-semver <range>   pick the highest version in a semver range
      --select-alpha asc|desc   pick by alphabetical order
      --select-numeric asc|desc pick by numerical order
      --filter-regex <re>       keep tags matching this Go regular expression
      --filter-extract <tmpl>   value to order by, e.g. '$ts' (needs --filter-regex)
      --reflect-digest Never|IfNotPresent|Always
      --interval <d>            digest re-resolve interval (only with --reflect-digest=Always)`,
  {
    'image-ref': { type: 'string' },
    'select-semver': { type: 'string' },
    'select-alpha': { type: 'string' },
    'select-numeric': { type: 'string' },
    'filter-regex': { type: 'string' },
    'filter-extract': { type: 'string' },
    'reflect-digest': { type: 'string' },
  },
  (metadata, v) =>
    buildImagePolicy(metadata, {
      imageRef: v['image-ref'] as string | undefined,
      semver: v['select-semver'] as string | undefined,
      alpha: v['select-alpha'] as string | undefined,
      numeric: v['select-numeric'] as string | undefined,
      filterRegex: v['filter-regex'] as string | undefined,
      filterExtract: v['filter-extract'] as string | undefined,
      reflectDigest: v['reflect-digest'] as string | undefined,
      interval: duration(v, 'interval'),
    }),
);

/** createImageUpdateCommand is `tagpilot create image update`. */
export const createImageUpdateCommand = createCommand(
  'ImageUpdateAutomation',
  'update',
  `Flags:
      --git-repo-ref <name>         the GitRepository to update (required)
      --git-repo-namespace <ns>     its namespace (default: the automation's)
      --git-repo-path <dir>         only update files below this path
      --checkout-branch <branch>    branch to check out (required)
      --push-branch <branch>        branch to push to (default: the checkout branch)
      --commit-template <tmpl>      commit message template (use .Changed; .Updated is deprecated)
      --author-name <name>          commit author name (required)
      --author-email <email>        commit author email (required)
      --signing-key-secret <name>   Secret with the commit signing key
      --signing-key-type gpg|ssh    type of the signing key
      --interval <d>                run interval (default 1m)
  tagpilot addition:
      --policy-selector k=v         only use ImagePolicies with these labels (repeatable)`,
  {
    'git-repo-ref': { type: 'string' },
    'git-repo-namespace': { type: 'string' },
    'git-repo-path': { type: 'string' },
    'checkout-branch': { type: 'string' },
    'push-branch': { type: 'string' },
    'commit-template': { type: 'string' },
    'author-name': { type: 'string' },
    'author-email': { type: 'string' },
    'signing-key-secret': { type: 'string' },
    'signing-key-type': { type: 'string' },
    'policy-selector': { type: 'string', multiple: true },
  },
  (metadata, v) =>
    buildImageUpdate(metadata, {
      gitRepoRef: v['git-repo-ref'] as string | undefined,
      gitRepoNamespace: v['git-repo-namespace'] as string | undefined,
      gitRepoPath: v['git-repo-path'] as string | undefined,
      checkoutBranch: v['checkout-branch'] as string | undefined,
      pushBranch: v['push-branch'] as string | undefined,
      commitTemplate: v['commit-template'] as string | undefined,
      authorName: v['author-name'] as string | undefined,
      authorEmail: v['author-email'] as string | undefined,
      signingKeySecret: v['signing-key-secret'] as string | undefined,
      signingKeyType: v['signing-key-type'] as string | undefined,
      policySelector: parseLabels(v['policy-selector'] as string[] | undefined),
      interval: duration(v, 'interval', MINUTE) as bigint,
    }),
);
