// ImagePolicy (image.toolkit.fluxcd.io v1beta1, v1beta2, v1) → model, with Flux's defaults and
// the controller's own checks (policy choice, digest reflection interval rules).
import { compileGoRegex } from '../core/filter/regex.ts';
import { compilePolicy } from '../core/policy/compile.ts';
import { InvalidPolicyError } from '../core/policy/errors.ts';
import type { PolicyChoice, SortOrder, TagFilter } from '../core/policy/types.ts';
import { DURATION_PATTERN } from './duration.ts';
import { extractRefs, missingGroups } from './extract-refs.ts';
import { duration, getBool, getObj, getStr, type IssueSink, type Raw } from './fields.ts';
import { optional } from './image-repository.ts';
import { Memo } from './memo.ts';
import type { DigestReflectionPolicy, ImagePolicy } from './model.ts';
import { bool, obj, type Schema, str, withoutFields } from './schema.ts';

const order = obj({ order: str({ enum: ['asc', 'desc'] }) });

const v1 = obj({
  'imageRepositoryRef!': obj({ 'name!': str(), namespace: str() }),
  'policy!': obj({ semver: obj({ 'range!': str() }), alphabetical: order, numerical: order }),
  filterTags: obj({ pattern: str(), extract: str() }),
  digestReflectionPolicy: str({ enum: ['Always', 'IfNotPresent', 'Never'] }),
  interval: str({ pattern: DURATION_PATTERN }),
  suspend: bool,
});

/** imagePolicySpecSchemas are the spec schemas by API version. */
export const imagePolicySpecSchemas: Readonly<Record<string, Schema>> = {
  v1,
  v1beta2: v1,
  v1beta1: withoutFields(v1, ['digestReflectionPolicy', 'interval', 'suspend']),
};

/** FLUX_INVALID_CHOICE is the controller's error for a policy with no member set. */
export const FLUX_INVALID_CHOICE = 'given ImagePolicyChoice object is invalid';

// Flux takes the first member set in this order (internal/policy/factory.go).
const FLUX_ORDER = ['semver', 'alphabetical', 'numerical'] as const;
const TEN_MINUTES = { text: '10m', ms: 600_000 };

/** imagePolicySpec converts a checked spec; undefined when the policy cannot be used. */
export function imagePolicySpec(
  spec: Raw,
  namespace: string,
  sink: IssueSink,
): ImagePolicy['spec'] | undefined {
  const ref = getObj(spec, 'imageRepositoryRef');
  const refName = getStr(ref, 'name');
  const policy = choice(getObj(spec, 'policy'), spec, sink);
  const filter = getObj(spec, 'filterTags');
  const reflection = (getStr(spec, 'digestReflectionPolicy') ?? 'Never') as DigestReflectionPolicy;
  const hasInterval = typeof spec.interval === 'string';
  if (hasInterval && reflection !== 'Always') {
    sink.add(
      'error',
      ['spec', 'interval'],
      "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'",
      spec.interval,
    );
  }
  if (!hasInterval && reflection === 'Always') {
    sink.add(
      'error',
      ['spec', 'interval'],
      "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'",
    );
  }
  let interval = hasInterval ? duration(spec, 'interval', ['spec', 'interval'], sink) : undefined;
  if (interval?.ms === 0) interval = TEN_MINUTES;
  const filterTags: TagFilter | undefined = filter
    ? { pattern: getStr(filter, 'pattern') ?? '', extract: getStr(filter, 'extract') ?? '' }
    : undefined;
  if (policy === undefined || !compiles(policy, filterTags, sink)) return;
  if (filterTags) checkExtract(filterTags, sink);
  if (refName === undefined) return;
  return {
    imageRepositoryRef: { name: refName, namespace: getStr(ref, 'namespace') || namespace },
    policy,
    ...(filter
      ? {
          filterTags: {
            pattern: getStr(filter, 'pattern') ?? '',
            extract: getStr(filter, 'extract') ?? '',
          },
        }
      : {}),
    digestReflectionPolicy: reflection,
    ...optional('interval', reflection === 'Always' ? interval : undefined),
    suspend: getBool(spec, 'suspend'),
  };
}

// compiles runs the policy engine's own validation, so an unparsable semver range or filter
// pattern is reported here exactly as Flux would stall on it (reason InvalidPolicy).
function compiles(policy: PolicyChoice, filter: TagFilter | undefined, sink: IssueSink): boolean {
  const err = compileErrors.get(JSON.stringify([policy, filter ?? null]), () => {
    try {
      compilePolicy(policy, filter);
      return undefined;
    } catch (e) {
      if (!(e instanceof InvalidPolicyError)) throw e;
      return e;
    }
  });
  if (err === undefined) return true;
  sink.add('error', err.field.split('.'), `${err.message} (Flux stalls: InvalidPolicy)`, err.value);
  return false;
}

// groupNames remembers the capture groups of patterns already compiled.
const groupNames = new Memo<readonly string[]>(2048);

// compileErrors remembers validation outcomes per (policy, filter) so repeated specs compile once.
const compileErrors = new Memo<InvalidPolicyError | undefined>(2048);

// checkExtract warns about extract references the pattern cannot fill: Go's Expand turns them
// into empty strings, so every tag would compare equal (or fail to parse as a number).
function checkExtract(filter: TagFilter, sink: IssueSink): void {
  if (filter.extract === '') return;
  const names = groupNames.get(filter.pattern, () => compileGoRegex(filter.pattern).subexpNames);
  const missing = missingGroups(extractRefs(filter.extract), names);
  if (missing.length === 0) return;
  sink.add(
    'warning',
    ['spec', 'filterTags', 'extract'],
    `refers to ${missing.join(', ')}, which spec.filterTags.pattern does not define; Flux expands ${missing.length > 1 ? 'them' : 'it'} to an empty string for every tag`,
    filter.extract,
  );
}

const NEEDS_ONE = 'needs exactly one of semver, numerical or alphabetical';

// misplaced names policy members written beside `policy:` instead of under it.
function misplaced(spec: Raw): string {
  const found = FLUX_ORDER.filter((k) => k in spec);
  if (found.length === 0) return '';
  const list = found.map((k) => `spec.${k}`).join(', ');
  return `; ${list} is not a field of spec: indent it under policy:`;
}

function choice(policy: Raw | undefined, spec: Raw, sink: IssueSink): PolicyChoice | undefined {
  if (policy === undefined) {
    // A missing policy is reported by the schema ("is required"); say what it needs.
    if (spec.policy === null || spec.policy === undefined) {
      sink.add(
        'error',
        ['spec', 'policy'],
        `${NEEDS_ONE}${misplaced(spec)} (Flux stalls: "${FLUX_INVALID_CHOICE}")`,
      );
    }
    return;
  }
  const set = FLUX_ORDER.filter((k) => policy[k] !== undefined && policy[k] !== null);
  if (set.length === 0) {
    const empty = FLUX_ORDER.filter((k) => k in policy);
    const note = empty.length > 0 ? `; ${empty.join(', ')} is empty` : '';
    sink.add(
      'error',
      ['spec', 'policy'],
      `${NEEDS_ONE}${note}${misplaced(spec)} (Flux stalls: "${FLUX_INVALID_CHOICE}")`,
      policy,
    );
    return;
  }
  const used = set[0] as (typeof FLUX_ORDER)[number];
  if (set.length > 1) {
    sink.add(
      'warning',
      ['spec', 'policy'],
      `sets ${set.join(' and ')}; Flux uses only ${used} (order: semver, alphabetical, numerical)`,
    );
  }
  const member = getObj(policy, used);
  if (used === 'semver') {
    const range = getStr(member, 'range');
    if (range === undefined) return;
    return { kind: 'semver', range };
  }
  const sortOrder = getStr(member, 'order') ?? 'asc';
  // Any other value was reported by the schema (enum asc, desc).
  if (sortOrder !== 'asc' && sortOrder !== 'desc') return;
  return { kind: used, order: sortOrder satisfies SortOrder };
}
