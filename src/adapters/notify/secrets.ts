// Provider + Secret data → ProviderConfig, with the keys Flux's notification-controller reads:
// secretRef (address, token, username, password, headers, proxy, ca.crt for forges),
// certSecretRef (ca.crt, tls.crt, tls.key and the legacy caFile/certFile/keyFile) and
// proxySecretRef (address, username, password).
import { parse as parseYAML } from 'yaml';
import type { Provider } from '../../api/notification/types.ts';
import { isCommitStatusProvider } from '../../core/events/provider-filter.ts';
import { isSupportedType } from './factory.ts';
import { ConfigError, type ProviderConfig, type TLSMaterial } from './notifier.ts';

/** SecretLookup returns a Secret's decoded data, or undefined when it does not exist. */
export type SecretLookup = (
  namespace: string,
  name: string,
) => Readonly<Record<string, string>> | undefined;

/** ResolvedProvider is the config plus every secret value in it (for masking). */
export interface ResolvedProvider {
  config: ProviderConfig;
  secretValues: string[];
}

/** resolveProvider applies the referenced Secrets; throws ConfigError naming the field at fault. */
export function resolveProvider(provider: Provider, lookup: SecretLookup): ResolvedProvider {
  const { spec, metadata } = provider;
  const key = `${metadata.namespace}/${metadata.name}`;
  if (!isSupportedType(spec.type)) {
    throw new ConfigError(
      'spec.type',
      `provider type ${JSON.stringify(spec.type)} is not supported by tagpilot`,
    );
  }
  if (spec.commitStatusExpr !== '') {
    throw new ConfigError(
      'spec.commitStatusExpr',
      'CEL commit status expressions are not supported by tagpilot',
    );
  }
  // spec.address counts too: chat webhook URLs are credentials even when written inline.
  const secretValues: string[] = urlSecrets(spec.address);
  const get = (field: string, name: string): Readonly<Record<string, string>> => {
    const data = lookup(metadata.namespace, name);
    if (data === undefined)
      throw new ConfigError(field, `failed to get secret '${metadata.namespace}/${name}'`);
    return data;
  };
  const config: ProviderConfig = {
    key,
    type: spec.type,
    address: spec.address,
    channel: spec.channel,
    username: spec.username,
    password: '',
    token: '',
    headers: {},
    proxy: spec.proxy,
    timeoutMs: spec.timeoutMs,
  };
  let secret: Readonly<Record<string, string>> | undefined;
  if (spec.secretRef) {
    secret = get('spec.secretRef', spec.secretRef.name);
    applySecret(config, secret, secretValues);
  }
  if (spec.proxySecretRef) {
    const p = get('spec.proxySecretRef', spec.proxySecretRef.name);
    config.proxy = proxyFromSecret(p, secretValues);
  }
  if (spec.certSecretRef) {
    config.tls = tlsFrom(get('spec.certSecretRef', spec.certSecretRef.name));
  } else if (secret !== undefined && isCommitStatusProvider(spec.type) && secret['ca.crt']) {
    config.tls = tlsFrom(secret);
  }
  return { config, secretValues: secretValues.filter((v) => v.length >= 4) };
}

function applySecret(
  config: ProviderConfig,
  s: Readonly<Record<string, string>>,
  secrets: string[],
): void {
  if (s.address !== undefined) {
    if (s.address.length > 2048)
      throw new ConfigError(
        'spec.secretRef',
        'invalid address in secret: address exceeds maximum length of 2048 bytes',
      );
    config.address = s.address.trim();
    secrets.push(...urlSecrets(config.address));
  }
  if (s.proxy !== undefined) {
    config.proxy = s.proxy.trim();
    secrets.push(config.proxy);
  }
  if (s.headers !== undefined) {
    let parsed: unknown;
    try {
      parsed = parseYAML(s.headers);
    } catch {
      throw new ConfigError(
        'spec.secretRef',
        "failed to read headers from secret: the 'headers' key is not a YAML map",
      );
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ConfigError(
        'spec.secretRef',
        "failed to read headers from secret: the 'headers' key is not a YAML map",
      );
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) {
      headers[k] = String(v);
      secrets.push(String(v));
    }
    config.headers = headers;
  }
  if (s.token !== undefined) {
    config.token = s.token.trim();
    secrets.push(config.token);
  }
  if (s.username !== undefined && s.password !== undefined) {
    config.username = s.username;
    config.password = s.password;
    secrets.push(s.password);
  }
}

function proxyFromSecret(s: Readonly<Record<string, string>>, secrets: string[]): string {
  const address = s.address?.trim() ?? '';
  if (address === '')
    throw new ConfigError('spec.proxySecretRef', "the proxy Secret has no 'address' key");
  let u: URL;
  try {
    u = new URL(address);
  } catch {
    throw new ConfigError('spec.proxySecretRef', "the proxy Secret's address is not a URL");
  }
  if (s.username !== undefined && s.password !== undefined) {
    u.username = encodeURIComponent(s.username);
    u.password = encodeURIComponent(s.password);
    secrets.push(s.password);
  }
  secrets.push(u.toString());
  return u.toString();
}

function tlsFrom(s: Readonly<Record<string, string>>): TLSMaterial {
  const ca = s['ca.crt'] ?? s.caFile;
  const cert = s['tls.crt'] ?? s.certFile;
  const key = s['tls.key'] ?? s.keyFile;
  if ((cert === undefined) !== (key === undefined)) {
    throw new ConfigError('spec.certSecretRef', 'found one of tls.crt or tls.key but not both');
  }
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

/** urlSecrets lists what of a webhook URL must never be shown: the URL, its path and query, and
 * every long path segment or query value (tokens), since a receiver may echo any of them. */
export function urlSecrets(address: string): string[] {
  if (address === '') return [];
  const out = [address];
  try {
    const u = new URL(address);
    if (u.pathname.length > 1 || u.search !== '') out.push(`${u.pathname}${u.search}`);
    for (const part of [...u.pathname.split('/'), ...u.searchParams.values()]) {
      if (part.length >= 10) out.push(part);
    }
  } catch {
    // Not a URL: the whole value is already listed.
  }
  return out;
}

/** maskSecrets replaces every known secret value in text with `*****`. */
export function maskSecrets(text: string, secretValues: readonly string[]): string {
  let out = text;
  for (const v of [...secretValues].sort((a, b) => b.length - a.length)) {
    if (v.length >= 4) out = out.split(v).join('*****');
  }
  return out;
}
