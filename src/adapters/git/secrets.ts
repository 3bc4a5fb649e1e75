// Validates GitRepository auth, proxy and signing Secrets before any network access, with the
// keys Flux reads (fluxcd/pkg git/options.go, IAC internal/source/signing.go).
import { X509Certificate } from 'node:crypto';
import { SecretError } from './errors.ts';

/** SecretRef is a Secret's name and its decoded string data. */
export interface SecretRef {
  readonly name: string;
  readonly data: Readonly<Record<string, string>>;
}

/** TlsMaterial is optional HTTPS client/CA material. */
export interface TlsMaterial {
  readonly caCert?: string;
  readonly clientCert?: string;
  readonly clientKey?: string;
}

/** GitAuth is validated credentials for one GitRepository URL. */
export type GitAuth =
  | { readonly kind: 'none'; readonly tls?: TlsMaterial }
  | {
      readonly kind: 'basic';
      readonly username: string;
      readonly password: string;
      readonly tls?: TlsMaterial;
    }
  | { readonly kind: 'bearer'; readonly token: string; readonly tls?: TlsMaterial }
  | {
      readonly kind: 'ssh';
      readonly identity: string;
      readonly knownHosts: string;
      readonly password?: string;
    };

/** ProxyConfig is a validated `proxySecretRef`. */
export interface ProxyConfig {
  readonly address: string;
  readonly username?: string;
  readonly password?: string;
}

/** SigningKey is a validated signing Secret of the automation (`git.asc` or SSH `identity`). */
export type SigningKey =
  | {
      readonly kind: 'openpgp';
      readonly armored: string;
      readonly passphrase?: string;
      readonly secret: string;
    }
  | {
      readonly kind: 'ssh';
      readonly identity: string;
      readonly password?: string;
      readonly secret: string;
    };

/** urlScheme returns the transport of a git URL: http, https, ssh or file. */
export function urlScheme(url: string): 'http' | 'https' | 'ssh' | 'file' {
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  if (m === null) {
    if (/^[^/\s]+@[^/\s:]+:/.test(url)) return 'ssh'; // scp-like git@host:path
    if (url.startsWith('/')) return 'file';
    throw new Error(
      `git repository url '${url}': unsupported form (want http, https, ssh or file)`,
    );
  }
  const s = m[1]!.toLowerCase();
  if (s === 'http' || s === 'https' || s === 'ssh' || s === 'file') return s;
  if (s === 'git') return 'http'; // git:// is anonymous; treated like plain http for auth rules
  throw new Error(`git repository url '${url}': unsupported scheme '${s}'`);
}

function pemProblem(value: string, what: string): string | undefined {
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(value)) return `is not PEM encoded ${what}`;
  return undefined;
}

function checkCert(secret: string, key: string, value: string): void {
  const p = pemProblem(value, 'certificate');
  if (p !== undefined) throw new SecretError(secret, key, p);
  try {
    new X509Certificate(value);
  } catch {
    throw new SecretError(secret, key, 'cannot be parsed as an X.509 certificate');
  }
}

function readTls(s: SecretRef): TlsMaterial | undefined {
  const d = s.data;
  const ca = d['ca.crt'] ?? d.caFile;
  const crt = d['tls.crt'];
  const key = d['tls.key'];
  if (ca !== undefined) checkCert(s.name, d['ca.crt'] !== undefined ? 'ca.crt' : 'caFile', ca);
  if (crt !== undefined && key === undefined)
    throw new SecretError(s.name, 'tls.key', 'is missing but tls.crt is set');
  if (key !== undefined && crt === undefined)
    throw new SecretError(s.name, 'tls.crt', 'is missing but tls.key is set');
  if (crt !== undefined) checkCert(s.name, 'tls.crt', crt);
  if (key !== undefined && pemProblem(key, 'private key') !== undefined)
    throw new SecretError(s.name, 'tls.key', 'is not a PEM encoded private key');
  if (ca === undefined && crt === undefined) return undefined;
  return {
    ...(ca === undefined ? {} : { caCert: ca }),
    ...(crt === undefined ? {} : { clientCert: crt }),
    ...(key === undefined ? {} : { clientKey: key }),
  };
}

function noNewline(secret: string, key: string, value: string): void {
  if (/[\r\n\0]/.test(value)) throw new SecretError(secret, key, 'must be a single line');
}

/** validateAuthSecret checks a GitRepository `secretRef` against the URL's transport. */
export function validateAuthSecret(url: string, secret: SecretRef | undefined): GitAuth {
  const scheme = urlScheme(url);
  if (secret === undefined || scheme === 'file') return { kind: 'none' };
  const d = secret.data;
  if (scheme === 'ssh') {
    const identity = d.identity;
    const knownHosts = d.known_hosts;
    if (identity === undefined || identity.trim() === '')
      throw new SecretError(secret.name, 'identity', 'is required for ssh URLs');
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(identity))
      throw new SecretError(secret.name, 'identity', 'is not a PEM or OpenSSH private key');
    if (knownHosts === undefined || knownHosts.trim() === '')
      throw new SecretError(
        secret.name,
        'known_hosts',
        'is required for ssh URLs (strict host key checking)',
      );
    const bad = knownHosts
      .split('\n')
      .map((l) => l.trim())
      .findIndex((l) => l !== '' && !l.startsWith('#') && l.split(/\s+/).length < 3);
    if (bad >= 0)
      throw new SecretError(
        secret.name,
        'known_hosts',
        `line ${bad + 1} is not '<hosts> <keytype> <key>'`,
      );
    return d.password === undefined || d.password === ''
      ? { kind: 'ssh', identity, knownHosts }
      : { kind: 'ssh', identity, knownHosts, password: d.password };
  }
  const tls = readTls(secret);
  const tlsPart = tls === undefined ? {} : { tls };
  const { username, password, bearerToken } = d;
  if (bearerToken !== undefined && (username !== undefined || password !== undefined))
    throw new SecretError(
      secret.name,
      'bearerToken',
      'cannot be combined with username/password (basic auth)',
    );
  if (bearerToken !== undefined) {
    if (bearerToken === '') throw new SecretError(secret.name, 'bearerToken', 'is empty');
    noNewline(secret.name, 'bearerToken', bearerToken);
    return { kind: 'bearer', token: bearerToken, ...tlsPart };
  }
  if (username !== undefined || password !== undefined) {
    if (username === undefined || username === '')
      throw new SecretError(secret.name, 'username', 'is required when password is set');
    if (password === undefined)
      throw new SecretError(secret.name, 'password', 'is required when username is set');
    noNewline(secret.name, 'username', username);
    if (username.includes(':'))
      throw new SecretError(secret.name, 'username', "must not contain ':'");
    return { kind: 'basic', username, password, ...tlsPart };
  }
  if (scheme === 'https' && tls === undefined && Object.keys(d).length > 0)
    throw new SecretError(
      secret.name,
      Object.keys(d).sort()[0]!,
      'is not a known key (want username/password, bearerToken, ca.crt, tls.crt/tls.key)',
    );
  return { kind: 'none', ...tlsPart };
}

/** validateProxySecret checks a `proxySecretRef` Secret: `address` plus optional credentials. */
export function validateProxySecret(secret: SecretRef): ProxyConfig {
  const { address, username, password } = secret.data;
  if (address === undefined || address === '')
    throw new SecretError(secret.name, 'address', 'is required');
  if (address.length > 2048)
    throw new SecretError(secret.name, 'address', 'is longer than 2048 characters');
  let u: URL;
  try {
    u = new URL(address);
  } catch {
    throw new SecretError(secret.name, 'address', 'is not a URL');
  }
  if (!['http:', 'https:', 'socks5:'].includes(u.protocol))
    throw new SecretError(
      secret.name,
      'address',
      `scheme '${u.protocol.slice(0, -1)}' is not http, https or socks5`,
    );
  if ((username === undefined) !== (password === undefined))
    throw new SecretError(
      secret.name,
      username === undefined ? 'username' : 'password',
      'is required when the other is set',
    );
  return {
    address,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
  };
}

/** validateSigningSecret checks the automation's signing Secret for `gpg` (default) or `ssh`. */
export function validateSigningSecret(
  secret: SecretRef,
  type: 'gpg' | 'ssh' | '' = 'gpg',
): SigningKey {
  const d = secret.data;
  if (type === 'ssh') {
    const identity = d.identity;
    if (identity === undefined || identity.trim() === '')
      throw new SecretError(secret.name, 'identity', 'is required for ssh signing');
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(identity))
      throw new SecretError(secret.name, 'identity', 'is not an OpenSSH private key');
    return d.password
      ? { kind: 'ssh', identity, password: d.password, secret: secret.name }
      : { kind: 'ssh', identity, secret: secret.name };
  }
  const armored = d['git.asc'];
  if (armored === undefined || armored.trim() === '')
    throw new SecretError(secret.name, 'git.asc', 'is required for OpenPGP signing');
  const blocks = armored.match(/-----BEGIN PGP PRIVATE KEY BLOCK-----/g)?.length ?? 0;
  if (blocks === 0)
    throw new SecretError(secret.name, 'git.asc', 'is not an ASCII-armoured OpenPGP private key');
  if (blocks > 1)
    throw new SecretError(
      secret.name,
      'git.asc',
      `holds ${blocks} key blocks; exactly one is allowed`,
    );
  return d.passphrase
    ? { kind: 'openpgp', armored, passphrase: d.passphrase, secret: secret.name }
    : { kind: 'openpgp', armored, secret: secret.name };
}
