// `distribution` receivers (tagpilot's own type): CNCF distribution registry notifications. The
// registry's endpoint config sends `Authorization: Bearer <token>`; only `push` events count, and
// they trigger just the ImageRepositories whose image is the pushed repository.
import { sameText } from './signatures.ts';
import { type Headers, header, parseJsonObject, reject, type Verdict } from './verdict.ts';

interface Envelope {
  events?: {
    action?: unknown;
    target?: { repository?: unknown; tag?: unknown; mediaType?: unknown };
    request?: { host?: unknown };
  }[];
}

function isManifestType(mediaType: unknown): boolean {
  return (
    typeof mediaType === 'string' && (mediaType.includes('manifest') || mediaType.includes('index'))
  );
}

/** verifyDistribution checks the bearer token and reads the pushed repositories. */
export function verifyDistribution(headers: Headers, body: Buffer, token: string): Verdict {
  if (!sameText(header(headers, 'authorization'), `Bearer ${token}`)) {
    return reject(
      'unauthenticated',
      'the Authorization header does not carry the receiver token (Bearer <token>)',
    );
  }
  const env = parseJsonObject(body) as Envelope | undefined;
  if (!env || !Array.isArray(env.events))
    return reject('bad_payload', 'cannot decode the registry notification: no events list');
  const repositories: { host?: string; path: string }[] = [];
  for (const e of env.events) {
    if (e?.action !== 'push' || typeof e.target?.repository !== 'string') continue;
    // Layer uploads are push events too; only a manifest (tagged or by digest) is a new image.
    if (e.target.tag === undefined && !isManifestType(e.target.mediaType)) continue;
    const host = typeof e.request?.host === 'string' ? e.request.host : undefined;
    const path = e.target.repository;
    if (!repositories.some((r) => r.path === path && r.host === host)) {
      repositories.push(host === undefined ? { path } : { host, path });
    }
  }
  if (repositories.length === 0)
    return { kind: 'ignore', reason: 'no push events in the notification' };
  return { kind: 'accept', event: 'push', repositories };
}
