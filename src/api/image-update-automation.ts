// ImageUpdateAutomation (image.toolkit.fluxcd.io v1beta1, v1beta2, v1) → model, with Flux's
// defaults (sourceRef kind and namespace, update strategy and path).
import { compileGoRegex } from '../core/filter/regex.ts';
import { DURATION_PATTERN } from './duration.ts';
import {
  duration,
  getBool,
  getList,
  getObj,
  getRefName,
  getStr,
  getStrMap,
  type IssueSink,
  type Raw,
} from './fields.ts';
import { optional } from './image-repository.ts';
import type { GitRef, ImageUpdateAutomation, LabelSelector } from './model.ts';
import { bool, list, obj, type Schema, str, stringMap, withoutFields } from './schema.ts';

/** gitRefSchema is source.toolkit.fluxcd.io GitRepositoryRef. */
export const gitRefSchema = obj({
  branch: str(),
  tag: str(),
  semver: str(),
  name: str(),
  commit: str(),
});

/** labelSelectorSchema is metav1.LabelSelector. */
export const labelSelectorSchema = obj({
  matchLabels: stringMap,
  matchExpressions: list(
    obj({
      'key!': str(),
      'operator!': str({ enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }),
      values: list(str()),
    }),
  ),
});

const v1 = obj({
  'sourceRef!': obj({
    apiVersion: str(),
    kind: str({ enum: ['GitRepository'] }),
    'name!': str(),
    namespace: str(),
  }),
  git: obj({
    checkout: obj({ 'ref!': gitRefSchema }),
    'commit!': obj({
      'author!': obj({ name: str(), 'email!': str() }),
      signingKey: obj({
        'secretRef!': obj({ 'name!': str() }),
        type: str({ enum: ['gpg', 'ssh'] }),
      }),
      messageTemplate: str(),
      messageTemplateValues: stringMap,
    }),
    push: obj({ branch: str(), refspec: str(), options: stringMap }),
  }),
  'interval!': str({ pattern: DURATION_PATTERN }),
  policySelector: labelSelectorSchema,
  update: obj({ strategy: str({ enum: ['Setters'] }), path: str() }),
  suspend: bool,
});

const v1beta2 = withoutFields(v1, ['git.commit.signingKey.type']);

/** imageUpdateAutomationSpecSchemas are the spec schemas by API version. */
export const imageUpdateAutomationSpecSchemas: Readonly<Record<string, Schema>> = {
  v1,
  v1beta2,
  v1beta1: withoutFields(v1beta2, ['policySelector', 'git.commit.messageTemplateValues']),
};

// Template fields Flux v1 removed; it stalls with RemovedTemplateField when they are used.
const REMOVED_TEMPLATE_FIELDS = [
  { re: compileGoRegex('\\.Updated\\b'), field: '.Updated', use: '.Changed' },
  {
    re: compileGoRegex('\\.Changed\\.ImageResult\\b'),
    field: '.Changed.ImageResult',
    use: '.Changed.FileChanges or .Changed.Objects',
  },
];

/** imageUpdateAutomationSpec converts a checked spec; undefined when unusable. */
export function imageUpdateAutomationSpec(
  spec: Raw,
  namespace: string,
  sink: IssueSink,
): ImageUpdateAutomation['spec'] | undefined {
  const source = getObj(spec, 'sourceRef');
  const sourceName = getStr(source, 'name');
  const interval = duration(spec, 'interval', ['spec', 'interval'], sink);
  const git = getObj(spec, 'git');
  if (git === undefined) {
    sink.add(
      'error',
      ['spec', 'git'],
      'is required: Flux stalls with "source kind \'GitRepository\' necessitates field .spec.git"',
    );
  }
  const template = getStr(getObj(git, 'commit'), 'messageTemplate');
  for (const r of REMOVED_TEMPLATE_FIELDS) {
    if (template !== undefined && r.re.test(template)) {
      sink.add(
        'warning',
        ['spec', 'git', 'commit', 'messageTemplate'],
        `uses ${r.field}, which Flux v1 removed (it stalls with RemovedTemplateField); use ${r.use}`,
      );
    }
  }
  const update = getObj(spec, 'update');
  checkSelector(getObj(spec, 'policySelector'), sink);
  if (sourceName === undefined || interval === undefined) return;
  const selector = getObj(spec, 'policySelector');
  return {
    sourceRef: {
      kind: 'GitRepository',
      name: sourceName,
      namespace: getStr(source, 'namespace') || namespace,
      ...optional('apiVersion', getStr(source, 'apiVersion')),
    },
    ...(git ? { git: gitSpec(git) } : {}),
    interval,
    ...(selector ? { policySelector: labelSelector(selector) } : {}),
    update: { strategy: 'Setters', path: getStr(update, 'path') ?? '' },
    suspend: getBool(spec, 'suspend'),
  };
}

function gitSpec(git: Raw): NonNullable<ImageUpdateAutomation['spec']['git']> {
  const checkout = getObj(git, 'checkout');
  const commit = getObj(git, 'commit');
  const author = getObj(commit, 'author');
  const signing = getObj(commit, 'signingKey');
  const signingSecret = getRefName(signing, 'secretRef');
  const push = getObj(git, 'push');
  const template = getStr(commit, 'messageTemplate');
  return {
    ...(checkout ? { checkout: { ref: gitRef(getObj(checkout, 'ref')) } } : {}),
    commit: {
      author: { name: getStr(author, 'name') ?? '', email: getStr(author, 'email') ?? '' },
      ...(signingSecret === undefined
        ? {}
        : {
            signingKey: {
              secretRef: signingSecret,
              type: getStr(signing, 'type') === 'ssh' ? 'ssh' : 'gpg',
            },
          }),
      ...optional('messageTemplate', template === '' ? undefined : template),
      messageTemplateValues: getStrMap(commit, 'messageTemplateValues'),
    },
    ...(push
      ? {
          push: {
            ...optional('branch', getStr(push, 'branch') || undefined),
            ...optional('refspec', getStr(push, 'refspec') || undefined),
            options: getStrMap(push, 'options'),
          },
        }
      : {}),
  };
}

/** gitRef converts a GitRepositoryRef, keeping only non-empty members. */
export function gitRef(ref: Raw | undefined): GitRef {
  const out: Record<string, string> = {};
  for (const k of ['branch', 'tag', 'semver', 'name', 'commit']) {
    const v = getStr(ref, k);
    if (v) out[k] = v;
  }
  return out as GitRef;
}

function labelSelector(sel: Raw): LabelSelector {
  return {
    matchLabels: getStrMap(sel, 'matchLabels'),
    matchExpressions: getList(sel, 'matchExpressions').map((e) => {
      const r = e as Raw;
      return {
        key: getStr(r, 'key') ?? '',
        operator: (getStr(r, 'operator') ??
          'In') as LabelSelector['matchExpressions'][number]['operator'],
        values: getList(r, 'values').filter((v): v is string => typeof v === 'string'),
      };
    }),
  };
}

// checkSelector applies metav1.LabelSelectorAsSelector's rules; Flux stalls with
// InvalidPolicySelector ("failed to parse policy selector") when they fail.
function checkSelector(sel: Raw | undefined, sink: IssueSink): void {
  getList(sel, 'matchExpressions').forEach((e, i) => {
    const op = getStr(e as Raw, 'operator');
    const values = getList(e as Raw, 'values');
    const path = ['spec', 'policySelector', 'matchExpressions', i, 'values'];
    if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      sink.add(
        'error',
        path,
        `must not be empty for operator ${op} (Flux stalls: InvalidPolicySelector)`,
      );
    }
    if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      sink.add(
        'error',
        path,
        `must be empty for operator ${op} (Flux stalls: InvalidPolicySelector)`,
        values,
      );
    }
  });
}
