// ImageRepository (image.toolkit.fluxcd.io v1beta1, v1beta2, v1) → model, with Flux's defaults.
import { compileGoRegex, RegexSyntaxError } from '../core/filter/regex.ts';
import { ImageReferenceError, parseRepositoryImage } from '../core/reference/parse.ts';
import { DURATION_PATTERN, TIMEOUT_PATTERN } from './duration.ts';
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
import { Memo } from './memo.ts';
import type { ImageRepository, ImageRepositoryProvider, NamespaceSelector } from './model.ts';
import { bool, list, obj, type Schema, str, stringMap, withoutFields } from './schema.ts';

const localRef = obj({ 'name!': str() });

/** accessFromSchema is Flux's `acl.AccessFrom`. */
export const accessFromSchema = obj({
  'namespaceSelectors!': list(obj({ matchLabels: stringMap })),
});

const v1 = obj({
  'image!': str(),
  'interval!': str({ pattern: DURATION_PATTERN }),
  timeout: str({ pattern: TIMEOUT_PATTERN }),
  secretRef: localRef,
  proxySecretRef: localRef,
  serviceAccountName: str({ maxLength: 253 }),
  certSecretRef: localRef,
  suspend: bool,
  accessFrom: accessFromSchema,
  exclusionList: list(str(), 25),
  provider: str({ enum: ['generic', 'aws', 'azure', 'gcp'] }),
  insecure: bool,
});

/** imageRepositorySpecSchemas are the spec schemas by API version. */
export const imageRepositorySpecSchemas: Readonly<Record<string, Schema>> = {
  v1,
  v1beta2: v1,
  v1beta1: (() => {
    const s = withoutFields(v1, ['provider', 'insecure', 'proxySecretRef', 'exclusionList']);
    return { ...s, fields: { ...s.fields, exclusionList: { schema: list(str()) } } };
  })(),
};

/** DEFAULT_EXCLUSION_LIST is what Flux excludes when exclusionList is absent or empty. */
export const DEFAULT_EXCLUSION_LIST: readonly string[] = ['^.*\\.sig$'];

const MIN_TIMEOUT_MS = 1000;

// regexErrors remembers which exclusion patterns compile, so repeated lists compile once.
const regexErrors = new Memo<string | undefined>(2048);

/** imageRepositorySpec converts a checked spec; undefined when a required part is unusable. */
export function imageRepositorySpec(
  spec: Raw,
  sink: IssueSink,
): ImageRepository['spec'] | undefined {
  const image = getStr(spec, 'image');
  let canonicalImageName: string | undefined;
  if (image !== undefined) {
    try {
      canonicalImageName = parseRepositoryImage(image, {
        insecure: getBool(spec, 'insecure'),
      }).canonicalName;
    } catch (err) {
      if (!(err instanceof ImageReferenceError)) throw err;
      sink.add('error', ['spec', 'image'], `${err.message} (Flux stalls: ImageURLInvalid)`, image);
    }
  }
  const provider = getStr(spec, 'provider') ?? 'generic';
  if (provider !== 'generic' && getStr(spec, 'serviceAccountName')) {
    sink.add(
      'warning',
      ['spec', 'serviceAccountName'],
      `with provider ${provider} needs the ObjectLevelWorkloadIdentity feature gate; Flux stalls (FeatureGateDisabled) without it`,
    );
  }
  const interval = duration(spec, 'interval', ['spec', 'interval'], sink);
  const timeoutSet = duration(spec, 'timeout', ['spec', 'timeout'], sink);
  const exclusions: string[] = [];
  getList(spec, 'exclusionList').forEach((pattern, i) => {
    if (typeof pattern !== 'string') return;
    exclusions.push(pattern);
    const problem = regexErrors.get(pattern, () => {
      try {
        compileGoRegex(pattern);
        return undefined;
      } catch (err) {
        if (!(err instanceof RegexSyntaxError)) throw err;
        return err.message;
      }
    });
    if (problem !== undefined) {
      sink.add(
        'error',
        ['spec', 'exclusionList', i],
        `invalid regular expression: ${problem} (Flux fails every scan)`,
        pattern,
      );
    }
  });
  if (image === undefined || canonicalImageName === undefined || interval === undefined) return;
  const base = timeoutSet ?? interval;
  const timeout = base.ms < MIN_TIMEOUT_MS ? { text: '1s', ms: MIN_TIMEOUT_MS } : base;
  const accessFrom = getObj(spec, 'accessFrom');
  const selectors: NamespaceSelector[] = getList(accessFrom, 'namespaceSelectors').map((s) => ({
    matchLabels: getStrMap(s as Raw, 'matchLabels'),
  }));
  const out: ImageRepository['spec'] = {
    image,
    canonicalImageName,
    interval,
    timeout,
    suspend: getBool(spec, 'suspend'),
    exclusionList: exclusions.length > 0 ? exclusions : DEFAULT_EXCLUSION_LIST,
    provider: provider as ImageRepositoryProvider,
    insecure: getBool(spec, 'insecure'),
    ...optional('secretRef', getRefName(spec, 'secretRef')),
    ...optional('proxySecretRef', getRefName(spec, 'proxySecretRef')),
    ...optional('certSecretRef', getRefName(spec, 'certSecretRef')),
    ...optional('serviceAccountName', getStr(spec, 'serviceAccountName')),
    ...(accessFrom ? { accessFrom: { namespaceSelectors: selectors } } : {}),
  };
  return out;
}

/** optional spreads `{key: value}` only when value is set (exactOptionalPropertyTypes). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
