// Pushes small test images over plain HTTP(S) from the test itself: blob POST+PUT, then one
// manifest PUT per tag (and optionally a multi-arch index).

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { type Dispatcher, fetch } from 'undici';

/** PushAuth returns the Authorization header for a push scope (or undefined for none). */
export type PushAuth = (scope: string) => Promise<string | undefined>;

/** PushTarget is where to push. */
export interface PushTarget {
  url: string;
  auth?: PushAuth;
  dispatcher?: Dispatcher;
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

const sha = (b: Buffer | string): string =>
  `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** basicPushAuth sends Basic credentials. */
export function basicPushAuth(user: string, pass: string): PushAuth {
  const h = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  return async () => h;
}

/** tokenPushAuth fetches a pull,push token from a token realm with Basic credentials. */
export function tokenPushAuth(
  realm: string,
  service: string,
  user: string,
  pass: string,
): PushAuth {
  const cache = new Map<string, string>();
  return async (scope) => {
    const hit = cache.get(scope);
    if (hit) return hit;
    const u = new URL(realm);
    u.searchParams.set('service', service);
    u.searchParams.set('scope', scope);
    const res = await fetch(u, {
      headers: { authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` },
    });
    if (res.status !== 200) throw new Error(`token for push: ${res.status}`);
    const body = (await res.json()) as { token?: string; access_token?: string };
    const h = `Bearer ${body.token ?? body.access_token}`;
    cache.set(scope, h);
    return h;
  };
}

async function call(
  t: PushTarget,
  repo: string,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: Buffer | string,
) {
  const auth = t.auth ? await t.auth(`repository:${repo}:pull,push`) : undefined;
  const res = await fetch(url, {
    method,
    headers: { ...headers, ...(auth ? { authorization: auth } : {}) },
    ...(body !== undefined ? { body } : {}),
    ...(t.dispatcher ? { dispatcher: t.dispatcher } : {}),
  });
  const text = method === 'HEAD' ? '' : await res.text();
  return { status: res.status, headers: res.headers, text };
}

async function pushBlob(t: PushTarget, repo: string, data: Buffer): Promise<string> {
  const digest = sha(data);
  const head = await call(t, repo, 'HEAD', `${t.url}/v2/${repo}/blobs/${digest}`, {});
  if (head.status === 200) return digest;
  const start = await call(t, repo, 'POST', `${t.url}/v2/${repo}/blobs/uploads/`, {});
  if (start.status !== 202)
    throw new Error(`blob upload start ${repo}: ${start.status} ${start.text}`);
  const loc = new URL(start.headers.get('location') ?? '', t.url);
  loc.searchParams.set('digest', digest);
  const put = await call(
    t,
    repo,
    'PUT',
    loc.toString(),
    { 'content-type': 'application/octet-stream' },
    data,
  );
  if (put.status !== 201) throw new Error(`blob upload ${repo}: ${put.status} ${put.text}`);
  return digest;
}

async function imageManifest(
  t: PushTarget,
  repo: string,
  arch: string,
): Promise<{ layer: string; config: string; size: number; layerSize: number; configSize: number }> {
  const raw = Buffer.from(`tagpilot test layer ${arch}\n`);
  const layer = gzipSync(raw);
  const config = Buffer.from(
    JSON.stringify({
      architecture: arch,
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [sha(raw)] },
    }),
  );
  const layerDigest = await pushBlob(t, repo, layer);
  const configDigest = await pushBlob(t, repo, config);
  return {
    layer: layerDigest,
    config: configDigest,
    size: 0,
    layerSize: layer.length,
    configSize: config.length,
  };
}

function manifestFor(
  m: { layer: string; config: string; layerSize: number; configSize: number },
  note: string,
  format: 'oci' | 'docker' = 'oci',
): string {
  if (format === 'docker') {
    // Docker schema 2 has no annotations: a per-tag layer `urls` entry keeps digests distinct.
    return JSON.stringify({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST,
      config: {
        mediaType: 'application/vnd.docker.container.image.v1+json',
        digest: m.config,
        size: m.configSize,
      },
      layers: [
        {
          mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
          digest: m.layer,
          size: m.layerSize,
          urls: [`https://example.invalid/${note}`],
        },
      ],
    });
  }
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: m.config,
      size: m.configSize,
    },
    layers: [
      {
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: m.layer,
        size: m.layerSize,
      },
    ],
    annotations: { 'test.tagpilot/note': note },
  });
}

async function putManifest(
  t: PushTarget,
  repo: string,
  ref: string,
  body: string,
  type: string,
): Promise<string> {
  const res = await call(
    t,
    repo,
    'PUT',
    `${t.url}/v2/${repo}/manifests/${ref}`,
    { 'content-type': type },
    body,
  );
  if (res.status !== 201) throw new Error(`manifest PUT ${repo}:${ref}: ${res.status} ${res.text}`);
  return sha(body);
}

/**
 * pushTags pushes one single-arch image per tag (each tag gets its own digest unless sameDigest)
 * and returns tag → digest.
 */
export async function pushTags(
  t: PushTarget,
  repo: string,
  tags: readonly string[],
  opts: { sameDigest?: boolean; concurrency?: number; format?: 'oci' | 'docker' } = {},
): Promise<Map<string, string>> {
  const m = await imageManifest(t, repo, 'amd64');
  const out = new Map<string, string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tags.length) {
      const tag = tags[next++] as string;
      out.set(
        tag,
        await putManifest(
          t,
          repo,
          tag,
          manifestFor(m, opts.sameDigest ? 'same' : tag, opts.format),
          opts.format === 'docker' ? DOCKER_MANIFEST : OCI_MANIFEST,
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, worker));
  return out;
}

/** pushIndex pushes a two-platform (amd64, arm64) index under tag; returns its digest and children. */
export async function pushIndex(
  t: PushTarget,
  repo: string,
  tag: string,
): Promise<{ digest: string; children: Record<string, string> }> {
  const children: Record<string, string> = {};
  const entries = [];
  for (const arch of ['amd64', 'arm64']) {
    const m = await imageManifest(t, repo, arch);
    const body = manifestFor(m, `${tag}-${arch}`);
    const digest = await putManifest(t, repo, sha(body), body, OCI_MANIFEST);
    children[arch] = digest;
    entries.push({
      mediaType: OCI_MANIFEST,
      digest,
      size: Buffer.byteLength(body),
      platform: { os: 'linux', architecture: arch },
    });
  }
  const index = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: entries });
  const digest = await putManifest(t, repo, tag, index, OCI_INDEX);
  return { digest, children };
}
