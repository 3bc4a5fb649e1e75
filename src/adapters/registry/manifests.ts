// Manifest HEAD (digests: free on Docker Hub) and GET (platforms), with the full Accept list and
// ETag revalidation.

import { createHash } from 'node:crypto';
import type { RegistryClient } from './client.ts';
import { RegistryError } from './errors.ts';

/** MANIFEST_ACCEPT lists every manifest type, so strict registries never answer 404/400 by negotiation. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
  'application/vnd.docker.distribution.manifest.v1+json',
].join(', ');

/** ManifestHead is what a HEAD tells about a tag. */
export interface ManifestHead {
  digest: string;
  mediaType: string;
}

/** Platform is one entry of an index. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  digest: string;
}

/** Manifest is a fetched manifest with its digest and, for an index, its platforms. */
export interface Manifest extends ManifestHead {
  platforms: Platform[];
  body: unknown;
}

function mediaTypeOf(header: string | null): string {
  return (header ?? '').split(';')[0]?.trim() ?? '';
}

/** headManifest returns the digest of a tag or digest reference, revalidating with If-None-Match. */
export async function headManifest(
  client: RegistryClient,
  repository: string,
  reference: string,
  signal?: AbortSignal,
): Promise<ManifestHead> {
  const url = new URL(`${client.baseUrl}/v2/${repository}/manifests/${reference}`);
  const key = `HEAD ${url.href}`;
  const cached = client.host.conditional.get<ManifestHead>(key);
  const res = await client.send('HEAD', url, {
    accept: MANIFEST_ACCEPT,
    scope: `repository:${repository}:pull`,
    signal,
    ...(cached ? { ifNoneMatch: cached.etag } : {}),
  });
  await res.body?.cancel();
  if (res.status === 304 && cached) return cached.value;
  const digest = res.headers.get('docker-content-digest');
  if (!digest) {
    // Old registries may omit the header on HEAD: fall back to GET and hash the bytes.
    const m = await getManifest(client, repository, reference, signal);
    return { digest: m.digest, mediaType: m.mediaType };
  }
  const head = { digest, mediaType: mediaTypeOf(res.headers.get('content-type')) };
  const etag = res.headers.get('etag');
  if (etag) client.host.conditional.set(key, etag, head);
  return head;
}

/** getManifest fetches a manifest (counts as a pull on Docker Hub), checking its digest. */
export async function getManifest(
  client: RegistryClient,
  repository: string,
  reference: string,
  signal?: AbortSignal,
): Promise<Manifest> {
  const host = client.host.host;
  const remaining = client.host.budget.counters.rateLimitRemaining;
  if (remaining === 0) {
    throw new RegistryError(
      `registry ${host} reports no pulls left (RateLimit-Remaining: 0); not fetching a manifest`,
      {
        kind: 'rate-limited',
        host,
        retryAfterMs: 60_000,
      },
    );
  }
  const url = new URL(`${client.baseUrl}/v2/${repository}/manifests/${reference}`);
  const res = await client.send('GET', url, {
    accept: MANIFEST_ACCEPT,
    scope: `repository:${repository}:pull`,
    signal,
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  client.host.budget.counters.bytes += bytes.byteLength;
  const computed = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const header = res.headers.get('docker-content-digest');
  const expected = reference.startsWith('sha256:') ? reference : header;
  if (expected?.startsWith('sha256:') && expected !== computed) {
    throw new RegistryError(
      `registry ${host} sent manifest bytes for ${repository}@${reference} that hash to ${computed}, not ${expected}`,
      {
        kind: 'protocol',
        host,
      },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new RegistryError(
      `registry ${host} sent a manifest for ${repository}:${reference} that is not JSON`,
      {
        kind: 'protocol',
        host,
        cause: err,
      },
    );
  }
  const b = body as {
    mediaType?: string;
    manifests?: Array<{ digest?: string; platform?: Record<string, string> }>;
  };
  const mediaType = mediaTypeOf(res.headers.get('content-type')) || b.mediaType || '';
  const platforms: Platform[] = [];
  for (const m of b.manifests ?? []) {
    const p = m.platform;
    if (!p || !m.digest || (p.os === 'unknown' && p.architecture === 'unknown')) continue;
    platforms.push({
      os: p.os ?? '',
      architecture: p.architecture ?? '',
      ...(p.variant ? { variant: p.variant } : {}),
      digest: m.digest,
    });
  }
  return { digest: header ?? computed, mediaType, platforms, body };
}
