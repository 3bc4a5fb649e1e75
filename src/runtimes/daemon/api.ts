// The daemon's small JSON API, used by the CLI (`get`, `reconcile`, `suspend`, `resume`, `export`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ObjectRef } from '../../adapters/store/object-state.ts';
import type { Engine } from './engine.ts';
import { nsName } from './object-set.ts';

const kinds = ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'] as const;

/** ApiItem is one object as the CLI sees it: manifest-shaped spec and Flux-shaped status. */
export interface ApiItem {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    generation: number;
  };
  spec: unknown;
  status: Record<string, unknown>;
}

/** apiItems lists the objects of one kind (or all), optionally in one namespace. */
export function apiItems(
  engine: Engine,
  raw: ReadonlyMap<string, Record<string, unknown>>,
  kind?: string,
  namespace?: string,
): ApiItem[] {
  const set = engine.objects;
  if (!set) return [];
  const out: ApiItem[] = [];
  for (const k of kinds) {
    if (kind !== undefined && kind !== k) continue;
    const map =
      k === 'ImageRepository'
        ? set.repositories
        : k === 'ImagePolicy'
          ? set.policies
          : set.automations;
    const names = new Set<string>([
      ...map.keys(),
      ...[...set.invalid.values()].filter((i) => i.kind === k).map(nsName),
    ]);
    for (const key of [...names].sort()) {
      const [ns = '', name = ''] = key.split('/');
      if (namespace !== undefined && ns !== namespace) continue;
      const item = apiItem(engine, raw, { kind: k, namespace: ns, name });
      if (item) out.push(item);
    }
  }
  return out;
}

/** apiItem builds one item, or undefined when the object is unknown. */
export function apiItem(
  engine: Engine,
  raw: ReadonlyMap<string, Record<string, unknown>>,
  ref: ObjectRef,
): ApiItem | undefined {
  const manifest = raw.get(`${ref.kind}/${ref.namespace}/${ref.name}`);
  const state = engine.state(ref);
  if (!manifest || !state) return undefined;
  const meta = (manifest.metadata ?? {}) as {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  const spec = { ...((manifest.spec ?? {}) as Record<string, unknown>) };
  const override = state.suspended;
  if (override !== undefined) spec.suspend = override;
  return {
    apiVersion: String(manifest.apiVersion ?? ''),
    kind: ref.kind,
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      ...(meta.labels ? { labels: meta.labels } : {}),
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      generation: state.generation,
    },
    spec,
    status: { ...state.status },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** sent answers and reports the request as handled. */
function sent(res: ServerResponse, status: number, body: unknown): true {
  send(res, status, body);
  return true;
}

/** handleApi serves /api/v1/…; returns false when the path is not an API path. */
export function handleApi(
  engine: Engine,
  raw: ReadonlyMap<string, Record<string, unknown>>,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const explain = /^\/api\/v1\/explain\/ImagePolicy\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (explain && req.method === 'GET') {
    const ref = {
      namespace: decodeURIComponent(explain[1] ?? ''),
      name: decodeURIComponent(explain[2] ?? ''),
    };
    const answer = engine.explainPolicy(ref);
    send(
      res,
      answer ? 200 : 404,
      answer ?? { error: `ImagePolicy ${ref.namespace}/${ref.name} not found` },
    );
    return true;
  }
  if (!url.pathname.startsWith('/api/v1/objects')) return false;
  const parts = url.pathname.split('/').filter(Boolean).slice(3).map(decodeURIComponent);
  if (parts.length === 0) {
    if (req.method !== 'GET') return sent(res, 405, { error: 'method not allowed' });
    const kind = url.searchParams.get('kind') ?? undefined;
    if (kind !== undefined && !(kinds as readonly string[]).includes(kind)) {
      return sent(res, 400, { error: `unknown kind "${kind}"` });
    }
    send(res, 200, {
      items: apiItems(engine, raw, kind, url.searchParams.get('namespace') ?? undefined),
    });
    return true;
  }
  const [kind = '', namespace = '', name = '', action] = parts;
  const ref = { kind, namespace, name };
  if (action === undefined && req.method === 'GET') {
    const item = apiItem(engine, raw, ref);
    send(res, item ? 200 : 404, item ?? { error: `${kind} ${namespace}/${name} not found` });
    return true;
  }
  if (req.method !== 'POST') return sent(res, 405, { error: 'method not allowed' });
  if (action === 'reconcile') {
    const requestedAt = engine.requestReconcile(ref);
    send(
      res,
      requestedAt ? 202 : 404,
      requestedAt ? { requestedAt } : { error: `${kind} ${namespace}/${name} not found` },
    );
    return true;
  }
  if (action === 'suspend' || action === 'resume') {
    const ok = engine.setSuspended(ref, action === 'suspend');
    const item = ok ? apiItem(engine, raw, ref) : undefined;
    send(res, item ? 200 : 404, item ?? { error: `${kind} ${namespace}/${name} not found` });
    return true;
  }
  send(res, 404, { error: `unknown action "${action}"` });
  return true;
}
