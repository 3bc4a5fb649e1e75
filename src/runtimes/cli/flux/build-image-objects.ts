// flux's `create image repository|policy|update` flag → object mapping, with its flag bugs fixed
// (docs/compatibility.md, "CLI"). Pure: flags in, exportable object (or UsageError) out.
import { compileGoRegex, RegexSyntaxError } from '../../../core/filter/regex.ts';
import { compilePolicy } from '../../../core/policy/compile.ts';
import { InvalidPolicyError } from '../../../core/policy/errors.ts';
import type { PolicyChoice } from '../../../core/policy/types.ts';
import { ImageReferenceError, parseRepositoryImage } from '../../../core/reference/parse.ts';
import { UsageError } from '../command.ts';
import { checkExtractTemplate } from './extract-template.ts';
import { formatGoDuration } from './go-duration.ts';
import type { JsonValue } from './go-yaml.ts';

/** IMAGE_API is the apiVersion flux writes for image objects. */
export const IMAGE_API = 'image.toolkit.fluxcd.io/v1';

/** RepositoryFlags are `create image repository`'s flags, already parsed. */
export interface RepositoryFlags {
  image?: string | undefined;
  secretRef?: string | undefined;
  certRef?: string | undefined;
  scanTimeout?: bigint | undefined;
  interval: bigint;
  /** provider, exclusionList and insecure are tagpilot additions (flux has no flags for them). */
  provider?: string | undefined;
  exclusionList?: string[] | undefined;
  insecure?: boolean | undefined;
}

const HOUR = 3_600_000_000_000n;

/** timeoutText prints --scan-timeout so it passes the CRD pattern (no `h`: 1h → `60m0s`). */
function timeoutText(ns: bigint): string {
  if (ns < HOUR) return formatGoDuration(ns);
  // Go prints 1h as `1h0m0s`; the same span in minutes keeps Go's seconds formatting.
  const hours = formatGoDuration(ns);
  const h = ns / HOUR;
  const [, afterH = ''] = hours.split('h');
  const [m = '0', seconds = '0s'] = afterH.split('m');
  return `${h * 60n + BigInt(m)}m${seconds}`;
}

/** buildImageRepository maps the flags to an ImageRepository (metadata supplied by the caller). */
export function buildImageRepository(metadata: JsonValue, f: RepositoryFlags): JsonValue {
  if (!f.image) throw new UsageError('an image repository (--image) is required');
  try {
    parseRepositoryImage(f.image);
  } catch (err) {
    if (!(err instanceof ImageReferenceError)) throw err;
    throw new UsageError(`unable to parse image value: ${err.message}`, { cause: err });
  }
  const spec: Record<string, JsonValue> = {
    image: f.image,
    interval: formatGoDuration(f.interval),
  };
  if (f.secretRef) spec.secretRef = { name: f.secretRef };
  if (f.certRef) spec.certSecretRef = { name: f.certRef };
  if (f.scanTimeout !== undefined && f.scanTimeout !== 0n)
    spec.timeout = timeoutText(f.scanTimeout);
  if (f.provider !== undefined) {
    if (!['generic', 'aws', 'azure', 'gcp'].includes(f.provider)) {
      throw new UsageError(
        `--provider must be one of generic, aws, azure, gcp, not "${f.provider}"`,
      );
    }
    spec.provider = f.provider;
  }
  if (f.exclusionList !== undefined && f.exclusionList.length > 0) {
    if (f.exclusionList.length > 25)
      throw new UsageError('--exclusion-list takes at most 25 patterns');
    for (const p of f.exclusionList) {
      try {
        compileGoRegex(p);
      } catch (err) {
        if (!(err instanceof RegexSyntaxError)) throw err;
        throw new UsageError(
          `--exclusion-list "${p}" is an invalid regex pattern: ${err.message}`,
          { cause: err },
        );
      }
    }
    spec.exclusionList = f.exclusionList;
  }
  if (f.insecure) spec.insecure = true;
  return { apiVersion: IMAGE_API, kind: 'ImageRepository', metadata, spec };
}

/** PolicyFlags are `create image policy`'s flags. */
export interface PolicyFlags {
  imageRef?: string | undefined;
  semver?: string | undefined;
  alpha?: string | undefined;
  numeric?: string | undefined;
  filterRegex?: string | undefined;
  filterExtract?: string | undefined;
  reflectDigest?: string | undefined;
  interval?: bigint | undefined;
}

function order(flag: string, value: string): 'asc' | 'desc' {
  if (value !== 'asc' && value !== 'desc') {
    throw new UsageError(`--${flag} must be one of ["asc", "desc"]`);
  }
  return value;
}

function policyChoice(f: PolicyFlags): PolicyChoice {
  const set = [f.semver, f.alpha, f.numeric].filter((v) => v !== undefined && v !== '');
  // flux silently writes `policy: {}` for semver + alpha/numeric; tagpilot refuses every pair.
  if (set.length > 1) {
    throw new UsageError(
      'only one of --select-semver, --select-alpha or --select-numeric can be specified',
    );
  }
  if (f.semver) return { kind: 'semver', range: f.semver };
  if (f.alpha) return { kind: 'alphabetical', order: order('select-alpha', f.alpha) };
  if (f.numeric) return { kind: 'numerical', order: order('select-numeric', f.numeric) };
  throw new UsageError(
    'a policy must be provided with either --select-semver, --select-alpha or --select-numeric',
  );
}

function policyJson(c: PolicyChoice): JsonValue {
  if (c.kind === 'semver') return { semver: { range: c.range } };
  return c.kind === 'alphabetical'
    ? { alphabetical: { order: c.order } }
    : { numerical: { order: c.order } };
}

/** buildImagePolicy maps the flags to an ImagePolicy. */
export function buildImagePolicy(metadata: JsonValue, f: PolicyFlags): JsonValue {
  if (!f.imageRef) {
    throw new UsageError(
      'the name of an ImageRepository in the namespace is required (--image-ref)',
    );
  }
  const choice = policyChoice(f);
  const spec: Record<string, JsonValue> = {
    imageRepositoryRef: { name: f.imageRef },
    policy: policyJson(choice),
  };
  if (f.filterRegex) {
    let names: readonly string[];
    try {
      names = compileGoRegex(f.filterRegex).subexpNames;
    } catch (err) {
      if (!(err instanceof RegexSyntaxError)) throw err;
      throw new UsageError(`--filter-regex is an invalid regex pattern: ${err.message}`, {
        cause: err,
      });
    }
    if (f.filterExtract) checkExtractTemplate(f.filterExtract, names);
    // flux's TagFilter.extract has no omitempty, so `extract: ""` is written.
    spec.filterTags = { extract: f.filterExtract ?? '', pattern: f.filterRegex };
  } else if (f.filterExtract) {
    throw new UsageError('cannot specify --filter-extract without specifying --filter-regex');
  }
  try {
    compilePolicy(
      choice,
      f.filterRegex ? { pattern: f.filterRegex, extract: f.filterExtract ?? '' } : undefined,
    );
  } catch (err) {
    if (!(err instanceof InvalidPolicyError)) throw err;
    throw new UsageError(`invalid policy: ${err.field} "${err.value}": ${err.message}`, {
      cause: err,
    });
  }
  if (f.reflectDigest) {
    if (!['Never', 'IfNotPresent', 'Always'].includes(f.reflectDigest)) {
      throw new UsageError(
        "invalid value for --reflect-digest, must be one of 'Never', 'IfNotPresent', 'Always'",
      );
    }
    spec.digestReflectionPolicy = f.reflectDigest;
  }
  if (f.interval !== undefined && f.interval !== 0n) {
    if (f.reflectDigest !== 'Always') {
      throw new UsageError(
        "the --interval flag can only be used with the 'Always' digest reflection policy, use --reflect-digest=Always",
      );
    }
    spec.interval = formatGoDuration(f.interval);
  } else if (f.reflectDigest === 'Always') {
    // flux accepts this and the apiserver then rejects it (CEL rule); tagpilot says so up front.
    throw new UsageError(
      '--reflect-digest=Always requires --interval (how often to re-resolve the digest)',
    );
  }
  return { apiVersion: IMAGE_API, kind: 'ImagePolicy', metadata, spec };
}

/** UpdateFlags are `create image update`'s flags. */
export interface UpdateFlags {
  gitRepoRef?: string | undefined;
  gitRepoNamespace?: string | undefined;
  gitRepoPath?: string | undefined;
  checkoutBranch?: string | undefined;
  pushBranch?: string | undefined;
  commitTemplate?: string | undefined;
  authorName?: string | undefined;
  authorEmail?: string | undefined;
  signingKeySecret?: string | undefined;
  signingKeyType?: string | undefined;
  interval: bigint;
  /** policySelector (tagpilot addition) becomes `spec.policySelector.matchLabels`. */
  policySelector?: Record<string, string> | undefined;
}

/** buildImageUpdate maps the flags to an ImageUpdateAutomation. */
export function buildImageUpdate(metadata: JsonValue, f: UpdateFlags): JsonValue {
  if (!f.gitRepoRef)
    throw new UsageError('a reference to a GitRepository is required (--git-repo-ref)');
  if (!f.checkoutBranch)
    throw new UsageError('the Git repository branch is required (--checkout-branch)');
  if (!f.authorName) throw new UsageError('the author name is required (--author-name)');
  if (!f.authorEmail) throw new UsageError('the author email is required (--author-email)');
  if (f.signingKeyType && !f.signingKeySecret) {
    throw new UsageError('--signing-key-type requires --signing-key-secret');
  }
  if (f.signingKeyType && f.signingKeyType !== 'gpg' && f.signingKeyType !== 'ssh') {
    throw new UsageError('--signing-key-type must be one of: gpg, ssh');
  }
  const commit: Record<string, JsonValue> = {
    author: { email: f.authorEmail, name: f.authorName },
  };
  if (f.commitTemplate) commit.messageTemplate = f.commitTemplate;
  if (f.signingKeySecret) {
    commit.signingKey = f.signingKeyType
      ? { secretRef: { name: f.signingKeySecret }, type: f.signingKeyType }
      : { secretRef: { name: f.signingKeySecret } };
  }
  const git: Record<string, JsonValue> = {
    checkout: { ref: { branch: f.checkoutBranch } },
    commit,
  };
  if (f.pushBranch) git.push = { branch: f.pushBranch };
  const sourceRef: Record<string, JsonValue> = { kind: 'GitRepository', name: f.gitRepoRef };
  if (f.gitRepoNamespace) sourceRef.namespace = f.gitRepoNamespace;
  const spec: Record<string, JsonValue> = {
    git,
    interval: formatGoDuration(f.interval),
    sourceRef,
  };
  if (f.gitRepoPath) spec.update = { path: f.gitRepoPath, strategy: 'Setters' };
  if (f.policySelector && Object.keys(f.policySelector).length > 0) {
    spec.policySelector = { matchLabels: f.policySelector };
  }
  return { apiVersion: IMAGE_API, kind: 'ImageUpdateAutomation', metadata, spec };
}
