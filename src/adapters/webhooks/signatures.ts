// Constant-time checks of shared-token headers and HMAC signatures.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** sameText compares two strings in time independent of where they differ. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}

/** hmacHex is the hex HMAC of body with key. */
export function hmacHex(
  algorithm: 'sha1' | 'sha256' | 'sha512',
  key: string,
  body: Buffer,
): string {
  return createHmac(algorithm, key).update(body).digest('hex');
}

const ALGORITHMS = { sha1: 'sha1', sha256: 'sha256', sha512: 'sha512' } as const;

/**
 * checkPrefixedSignature verifies `<alg>=<hex>` (GitHub style: sha1, sha256 or sha512) over body;
 * returns a reason string when it does not verify.
 */
export function checkPrefixedSignature(
  signature: string,
  key: string,
  body: Buffer,
): string | undefined {
  if (signature === '') return 'missing signature';
  const eq = signature.indexOf('=');
  if (eq < 0) return 'signature is not <algorithm>=<hex>';
  const alg = ALGORITHMS[signature.slice(0, eq) as keyof typeof ALGORITHMS];
  if (alg === undefined) return `unsupported signature algorithm "${signature.slice(0, eq)}"`;
  const given = signature.slice(eq + 1).toLowerCase();
  return sameText(given, hmacHex(alg, key, body))
    ? undefined
    : 'signature does not match the payload';
}
