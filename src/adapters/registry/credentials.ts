// Pull-secret credentials: docker config (`.dockerconfigjson`, `.dockercfg`) parsing and the
// kubelet/Flux host matching, with Flux's known matching bugs fixed (see docs/compatibility.md).

import { RegistryError } from './errors.ts';

/** Credential is what a registry or its token service receives. */
export type Credential =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'identity-token'; username: string; token: string }
  | { kind: 'registry-token'; token: string };

/** PullSecret is a Kubernetes Secret resolved to decoded string data. */
export interface PullSecret {
  /** name is `<namespace>/<name>`, used in error messages only. */
  name: string;
  type: string;
  data: Readonly<Record<string, string>>;
}

interface Entry {
  host: string;
  port: string;
  path: string;
  key: string;
  credential: Credential;
}

const HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

/** Keychain finds the credential for an image repository among pull-secret entries. */
export class Keychain {
  readonly #entries: Entry[];
  constructor(entries: Entry[]) {
    // Longer (more specific) keys first, like kubelet's reverse sort.
    this.#entries = [...entries].sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  }

  /** size is the number of usable entries. */
  get size(): number {
    return this.#entries.length;
  }

  /** resolve returns the credential for `registry/repository`, or undefined (anonymous). */
  resolve(registry: string, repository: string): Credential | undefined {
    const target = splitHostPort(canonicalHost(registry));
    const path = `/${repository}`;
    for (const e of this.#entries) {
      if (!portsEqual(e.port, target.port)) continue;
      if (!hostMatches(e.host, target.host)) continue;
      if (!pathMatches(e.path, path)) continue;
      return e.credential;
    }
    return undefined;
  }
}

/** keychainFromSecrets builds one keychain from pull secrets, in order (first secret wins a tie). */
export function keychainFromSecrets(secrets: readonly PullSecret[]): Keychain {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const s of secrets) {
    for (const e of entriesFromSecret(s)) {
      if (seen.has(e.key)) continue; // first credential for a key wins
      seen.add(e.key);
      entries.push(e);
    }
  }
  return new Keychain(entries);
}

/** entriesFromSecret reads one secret; types other than dockerconfigjson/dockercfg give none. */
export function entriesFromSecret(secret: PullSecret): Entry[] {
  let auths: unknown;
  if (secret.type === 'kubernetes.io/dockerconfigjson') {
    const raw = secret.data['.dockerconfigjson'];
    if (raw === undefined) throw configError(secret, `key '.dockerconfigjson' not found`);
    auths = (parseJson(secret, '.dockerconfigjson', raw) as { auths?: unknown }).auths ?? {};
  } else if (secret.type === 'kubernetes.io/dockercfg') {
    const raw = secret.data['.dockercfg'];
    if (raw === undefined) throw configError(secret, `key '.dockercfg' not found`);
    auths = parseJson(secret, '.dockercfg', raw);
  } else {
    return [];
  }
  if (typeof auths !== 'object' || auths === null || Array.isArray(auths)) {
    throw configError(secret, `'auths' is not an object`);
  }
  const out: Entry[] = [];
  for (const [rawKey, value] of Object.entries(auths as Record<string, unknown>)) {
    const credential = credentialFromEntry(secret, rawKey, value);
    if (!credential) continue;
    const k = normaliseKey(rawKey);
    if (!k) throw configError(secret, `registry key '${rawKey}' is not a host or URL`);
    out.push({ ...k, credential });
  }
  return out;
}

/** dockerConfigSecret wraps a docker config.json file's text as a pull secret (CLI `--secret`). */
export function dockerConfigSecret(name: string, text: string): PullSecret {
  const parsed = parseJson({ name, type: '', data: {} }, 'config.json', text) as {
    auths?: unknown;
  };
  const isWrapped = typeof parsed === 'object' && parsed !== null && 'auths' in parsed;
  return isWrapped
    ? { name, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': text } }
    : { name, type: 'kubernetes.io/dockercfg', data: { '.dockercfg': text } };
}

function credentialFromEntry(
  secret: PullSecret,
  key: string,
  value: unknown,
): Credential | undefined {
  if (typeof value !== 'object' || value === null)
    throw configError(secret, `entry '${key}' is not an object`);
  const v = value as Record<string, unknown>;
  const str = (f: string): string => (typeof v[f] === 'string' ? (v[f] as string) : '');
  let username = str('username');
  let password = str('password');
  if (str('auth')) {
    const decoded = Buffer.from(str('auth'), 'base64').toString('utf8').replace(/\0+$/, '');
    const colon = decoded.indexOf(':');
    if (colon <= 0)
      throw configError(secret, `entry '${key}': field 'auth' is not base64 of user:password`);
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  if (str('registrytoken')) return { kind: 'registry-token', token: str('registrytoken') };
  if (str('identitytoken'))
    return { kind: 'identity-token', username, token: str('identitytoken') };
  if (username || password) return { kind: 'basic', username, password };
  return undefined;
}

/** normaliseKey turns a docker config key into host/port/path, with every Docker Hub alias unified. */
export function normaliseKey(
  raw: string,
): { host: string; port: string; path: string; key: string } | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (!u.hostname) return undefined;
  let path = decodeURIComponent(u.pathname);
  if (/^\/v[12](\/|$)/.test(path)) path = path.slice(3);
  path = path.replace(/\/+$/, '');
  const defaultPort = u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '';
  const port = u.port === defaultPort ? '' : u.port;
  const host = canonicalHost(u.hostname.toLowerCase());
  return { host, port, path, key: `${host}${port ? `:${port}` : ''}${path}` };
}

function canonicalHost(hostPort: string): string {
  const lower = hostPort.toLowerCase();
  return HUB_ALIASES.has(lower) ? 'index.docker.io' : lower;
}

function splitHostPort(hostPort: string): { host: string; port: string } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort);
  const host = canonicalHost(m?.[1] ?? hostPort);
  const port = m?.[2] === '443' ? '' : (m?.[2] ?? '');
  return { host, port };
}

function portsEqual(a: string, b: string): boolean {
  return a === b;
}

function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.split('.');
  const h = host.split('.');
  if (p.length !== h.length) return false;
  return p.every((label, i) => globMatch(label, h[i] as string));
}

function globMatch(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern === text;
  const parts = pattern.split('*');
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i === 0) {
      if (!text.startsWith(part)) return false;
      pos = part.length;
    } else if (i === parts.length - 1) {
      return text.length - part.length >= pos && text.endsWith(part);
    } else {
      const at = text.indexOf(part, pos);
      if (at < 0) return false;
      pos = at + part.length;
    }
  }
  return true;
}

/** pathMatches is segment-aware: key path `/team` matches `/team/app`, not `/teamwork/app`. */
function pathMatches(keyPath: string, target: string): boolean {
  if (!keyPath) return true;
  return target === keyPath || target.startsWith(`${keyPath}/`);
}

function parseJson(secret: PullSecret, key: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    // The parser's message quotes the input, which holds passwords: say only where it failed.
    throw configError(secret, `key '${key}' is not valid JSON`);
  }
}

function configError(secret: PullSecret, detail: string): RegistryError {
  return new RegistryError(`secret '${secret.name}': ${detail}`, { kind: 'config', host: '' });
}
