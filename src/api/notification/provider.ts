// Provider validation: Flux's CRD schema rules for v1beta3 and v1beta2, applied to a parsed document.
import { parseCrdDuration } from './duration.ts';
import { quote, redactURL, type SpecIssue } from './errors.ts';
import { readObjectMeta } from './meta.ts';
import { FieldReader } from './read-fields.ts';
import {
  commitStatusProviderTypes,
  fluxProviderTypes,
  type Provider,
  type ProviderType,
} from './types.ts';

/** defaultProviderTimeoutMs is Flux's `GetTimeout` default. */
export const defaultProviderTimeoutMs = 15_000;

/** ProviderResult is a validated Provider or the issues that rejected it. */
export type ProviderResult =
  | { ok: true; provider: Provider; name: string }
  | { ok: false; issues: SpecIssue[]; name: string };

/** validateProvider checks one Provider document (already known to be kind Provider). */
export function validateProvider(
  doc: Record<string, unknown>,
  apiVersion: string,
  defaultNamespace: string,
): ProviderResult {
  const r = new FieldReader();
  const metadata = readObjectMeta(r, doc, defaultNamespace);
  const name = `${metadata.namespace}/${metadata.name || '<unnamed>'}`;
  const spec = r.mapping(doc.spec, 'spec');
  if (spec === undefined) r.issue('spec', '', 'is required');

  const type = r.string(spec, 'type', 'spec');
  if (type === undefined || type === '') r.issue('spec.type', '', 'is required');
  else if (!(fluxProviderTypes as readonly string[]).includes(type)) {
    r.issue(
      'spec.type',
      quote(type),
      `unsupported value: must be one of ${fluxProviderTypes.join(', ')}`,
    );
  }

  const channel = r.string(spec, 'channel', 'spec') ?? '';
  r.maxLength(channel, 2048, 'spec.channel', quote(channel));
  const username = r.string(spec, 'username', 'spec') ?? '';
  r.maxLength(username, 2048, 'spec.username', quote(username));
  const address = r.string(spec, 'address', 'spec') ?? '';
  r.maxLength(address, 2048, 'spec.address', redactURL(address));

  const proxy = r.string(spec, 'proxy', 'spec') ?? '';
  if (proxy !== '') {
    r.maxLength(proxy, 2048, 'spec.proxy', redactURL(proxy));
    if (!proxy.startsWith('http://') && !proxy.startsWith('https://')) {
      r.issue('spec.proxy', redactURL(proxy), 'must start with http:// or https://');
    }
  }

  let timeoutMs = defaultProviderTimeoutMs;
  const timeout = r.string(spec, 'timeout', 'spec');
  if (timeout !== undefined) {
    const ms = parseCrdDuration(timeout, ['ms', 's', 'm']);
    if (ms === undefined) {
      r.issue(
        'spec.timeout',
        quote(timeout),
        'must be a duration such as 30s or 1m (units ms, s, m)',
      );
    } else timeoutMs = ms;
  }
  const interval = r.string(spec, 'interval', 'spec');
  if (interval !== undefined && parseCrdDuration(interval, ['ms', 's', 'm', 'h']) === undefined) {
    r.issue('spec.interval', quote(interval), 'must be a duration such as 10m (units ms, s, m, h)');
  }

  const commitStatusExpr = r.string(spec, 'commitStatusExpr', 'spec') ?? '';
  if (
    commitStatusExpr !== '' &&
    type !== undefined &&
    !(commitStatusProviderTypes as readonly string[]).includes(type)
  ) {
    r.issue(
      'spec.commitStatusExpr',
      quote(commitStatusExpr),
      `is only supported for the ${commitStatusProviderTypes.join(', ')} provider types`,
    );
  }

  const secretRef = r.localRef(spec, 'secretRef', 'spec');
  const certSecretRef = r.localRef(spec, 'certSecretRef', 'spec');
  const proxySecretRef = apiVersion.endsWith('/v1beta3')
    ? r.localRef(spec, 'proxySecretRef', 'spec')
    : undefined;
  const suspend = r.bool(spec, 'suspend', 'spec') ?? false;

  if (r.issues.length > 0) return { ok: false, issues: r.issues, name };
  return {
    ok: true,
    name,
    provider: {
      apiVersion,
      kind: 'Provider',
      metadata,
      spec: {
        type: type as ProviderType,
        channel,
        username,
        address,
        timeoutMs,
        proxy,
        ...(secretRef ? { secretRef } : {}),
        ...(certSecretRef ? { certSecretRef } : {}),
        ...(proxySecretRef ? { proxySecretRef } : {}),
        commitStatusExpr,
        suspend,
      },
    },
  };
}
