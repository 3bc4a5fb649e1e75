// GitRepository (source.toolkit.fluxcd.io v1, v1beta2; v1beta1 read leniently) → model, keeping
// the fields image automation uses (automation.md §2.4, k8s.md §3).
import { DURATION_PATTERN, TIMEOUT_PATTERN } from './duration.ts';
import {
  duration,
  getBool,
  getObj,
  getRefName,
  getStr,
  type IssueSink,
  type Raw,
} from './fields.ts';
import { accessFromSchema, optional } from './image-repository.ts';
import { gitRef, gitRefSchema } from './image-update-automation.ts';
import type { GitProvider, GitRepository } from './model.ts';
import { bool, list, obj, type Schema, str, withoutFields } from './schema.ts';

const localRef = obj({ 'name!': str() });

const v1 = obj({
  'url!': str({ pattern: '^(http|https|ssh)://.*$' }),
  secretRef: localRef,
  provider: str({ enum: ['generic', 'aws', 'azure', 'github'] }),
  serviceAccountName: str(),
  'interval!': str({ pattern: DURATION_PATTERN }),
  timeout: str({ pattern: TIMEOUT_PATTERN }),
  ref: gitRefSchema,
  verify: obj({
    mode: str({ enum: ['head', 'HEAD', 'Tag', 'TagAndHEAD'] }),
    'secretRef!': localRef,
  }),
  proxySecretRef: localRef,
  ignore: str(),
  suspend: bool,
  recurseSubmodules: bool,
  include: list(obj({ 'repository!': localRef, fromPath: str(), toPath: str() })),
  sparseCheckout: list(str()),
});

const v1beta2 = (() => {
  const s = withoutFields(v1, [
    'provider',
    'serviceAccountName',
    'proxySecretRef',
    'sparseCheckout',
  ]);
  return {
    ...s,
    fields: {
      ...s.fields,
      gitImplementation: { schema: str({ enum: ['go-git', 'libgit2'] }) },
      accessFrom: { schema: accessFromSchema },
    },
  };
})();

/** gitRepositorySpecSchemas are the spec schemas by API version. */
export const gitRepositorySpecSchemas: Readonly<Record<string, Schema>> = {
  v1,
  v1beta2,
  v1beta1: v1beta2,
};

const DEFAULT_TIMEOUT = { text: '60s', ms: 60_000 };

/** gitRepositorySpec converts a checked spec; undefined when unusable. */
export function gitRepositorySpec(spec: Raw, sink: IssueSink): GitRepository['spec'] | undefined {
  const url = getStr(spec, 'url');
  const interval = duration(spec, 'interval', ['spec', 'interval'], sink);
  const timeout = duration(spec, 'timeout', ['spec', 'timeout'], sink);
  const ref = getObj(spec, 'ref');
  if (url === undefined || interval === undefined) return;
  return {
    url,
    provider: (getStr(spec, 'provider') ?? 'generic') as GitProvider,
    interval,
    timeout: timeout ?? DEFAULT_TIMEOUT,
    suspend: getBool(spec, 'suspend'),
    ...optional('secretRef', getRefName(spec, 'secretRef')),
    ...optional('proxySecretRef', getRefName(spec, 'proxySecretRef')),
    ...optional('serviceAccountName', getStr(spec, 'serviceAccountName')),
    ...(ref ? { ref: gitRef(ref) } : {}),
  };
}
