// gcr receivers: Google Pub/Sub push requests carry an ID token (JWT, RS256) in Authorization.
// Like notification-controller, the token must verify with Google's keys and carry the expected
// audience, issuer accounts.google.com, the configured service-account email (verified) and a
// valid lifetime; the Pub/Sub message must wrap a base64 JSON GCR event.
import { verify } from 'node:crypto';
import type { KeyResolver } from './jwks.ts';
import { type Headers, header, parseJsonObject, reject, type Verdict } from './verdict.ts';

const ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];
const SKEW_S = 30;

function decodePart(part: string): Record<string, unknown> | undefined {
  return parseJsonObject(Buffer.from(part, 'base64url'));
}

/** GcrCheck is what verifyGcr needs besides the request. */
export interface GcrCheck {
  email: string | undefined;
  audience: string | undefined;
  keys: KeyResolver;
  nowSeconds: number;
}

async function checkToken(authorization: string, c: GcrCheck): Promise<string | undefined> {
  if (!authorization.startsWith('Bearer '))
    return 'the Authorization header is missing or malformed';
  const parts = authorization.slice('Bearer '.length).split('.');
  if (parts.length !== 3) return 'the ID token is not a JWT';
  const [h, p, s] = parts as [string, string, string];
  const head = decodePart(h);
  const claims = decodePart(p);
  if (!head || !claims) return 'the ID token is not a JWT';
  if (head.alg !== 'RS256' || typeof head.kid !== 'string')
    return 'the ID token must be RS256 with a key id';
  const key = await c.keys(head.kid);
  if (!key)
    return `the ID token key id ${JSON.stringify(head.kid)} is not one of the issuer's keys`;
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) {
    return 'the ID token signature does not verify';
  }
  const aud = claims.aud;
  if (!(aud === c.audience || (Array.isArray(aud) && aud.includes(c.audience)))) {
    return `invalid ID token: audience is '${String(aud)}', want '${c.audience}'`;
  }
  if (typeof claims.iss !== 'string' || !ISSUERS.includes(claims.iss)) {
    return `token issuer is '${String(claims.iss)}', want 'accounts.google.com' or 'https://accounts.google.com'`;
  }
  if (claims.email !== c.email)
    return `token email is '${String(claims.email)}', want '${c.email}'`;
  if (claims.email_verified !== true) return `token email '${c.email}' is not verified`;
  if (typeof claims.exp !== 'number' || claims.exp + SKEW_S < c.nowSeconds)
    return 'the ID token has expired';
  if (typeof claims.iat === 'number' && claims.iat - SKEW_S > c.nowSeconds)
    return 'the ID token is not valid yet';
  return undefined;
}

/** verifyGcr authenticates the Pub/Sub push and decodes the wrapped GCR event. */
export async function verifyGcr(headers: Headers, body: Buffer, c: GcrCheck): Promise<Verdict> {
  if (!c.email)
    return reject(
      'unauthenticated',
      "invalid secret data: required field 'email' for GCR receiver",
    );
  if (!c.audience)
    return reject(
      'unauthenticated',
      "invalid secret data: required field 'audience' for GCR receiver",
    );
  const problem = await checkToken(header(headers, 'authorization'), c);
  if (problem) return reject('unauthenticated', `cannot authenticate GCR request: ${problem}`);
  const message = parseJsonObject(body)?.message as { data?: unknown } | undefined;
  const data =
    typeof message?.data === 'string'
      ? parseJsonObject(Buffer.from(message.data, 'base64'))
      : undefined;
  if (!data) return reject('bad_payload', 'cannot decode GCR webhook body');
  return { kind: 'accept', event: typeof data.action === 'string' ? data.action : 'gcr' };
}
