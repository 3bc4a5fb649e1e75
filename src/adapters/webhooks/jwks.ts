// Public keys for verifying Google-signed ID tokens (gcr receivers), fetched from a JWKS URL and
// cached for the time the response allows; an unknown key id triggers at most one refetch a minute.
import { createPublicKey, type KeyObject } from 'node:crypto';

/** GOOGLE_JWKS_URL is where Google publishes the keys that sign Pub/Sub push ID tokens. */
export const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

/** KeyResolver returns the public key for a token's `kid`, or undefined when unknown. */
export type KeyResolver = (kid: string) => Promise<KeyObject | undefined>;

/** JwksError says the key set could not be fetched or read. */
export class JwksError extends Error {
  override readonly name = 'JwksError';
}

function maxAgeMs(cacheControl: string | null): number {
  for (const part of (cacheControl ?? '').split(',')) {
    const [k, v] = part.trim().split('=');
    if (k === 'max-age' && v !== undefined && Number.isFinite(Number(v))) return Number(v) * 1000;
  }
  return 3_600_000;
}

/** jwksResolver fetches and caches the JSON Web Key Set at url. */
export function jwksResolver(url: string, now: () => number = Date.now): KeyResolver {
  let keys = new Map<string, KeyObject>();
  let expires = 0;
  let lastFetch = Number.NEGATIVE_INFINITY;
  const load = async (): Promise<void> => {
    lastFetch = now();
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new JwksError(`cannot fetch the token signing keys from ${url}`, { cause: err });
    }
    if (res.status !== 200)
      throw new JwksError(`fetching the token signing keys from ${url}: HTTP ${res.status}`);
    const body = (await res.json()) as { keys?: ({ kid?: string } & Record<string, unknown>)[] };
    const next = new Map<string, KeyObject>();
    for (const jwk of body.keys ?? []) {
      if (typeof jwk.kid !== 'string' || jwk.kty !== 'RSA') continue;
      try {
        next.set(
          jwk.kid,
          createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }),
        );
      } catch {
        // A malformed key is skipped; the others still verify tokens.
      }
    }
    keys = next;
    expires = now() + maxAgeMs(res.headers.get('cache-control'));
  };
  return async (kid) => {
    if (now() >= expires || (!keys.has(kid) && now() - lastFetch >= 60_000)) await load();
    return keys.get(kid);
  };
}
