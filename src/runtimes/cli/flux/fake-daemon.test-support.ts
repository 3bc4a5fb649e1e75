// A small HTTP server speaking the daemon's /api/v1/objects contract, for testing the CLI.
// Reconcile requests are "handled" after a short delay by an outcome function the test chooses.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Condition, DaemonObject } from '../daemon-client.ts';

/** Outcome decides the Ready condition and status a handled reconcile request leaves behind. */
export type Outcome = (
  o: DaemonObject,
) => { ready: Condition; status?: DaemonObject['status'] } | 'ignore';

/** FakeDaemon is a running contract server and its object store. */
export interface FakeDaemon {
  url: string;
  objects: DaemonObject[];
  requests: string[];
  outcome: Outcome;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** startFakeDaemon listens on 127.0.0.1 with a free port. */
export async function startFakeDaemon(objects: DaemonObject[]): Promise<FakeDaemon> {
  const state: FakeDaemon = {
    url: '',
    objects,
    requests: [],
    outcome: () => ({
      ready: { type: 'Ready', status: 'True', reason: 'Succeeded', message: 'ok' },
    }),
    close: async () => {},
  };
  const find = (kind: string, ns: string, name: string) =>
    state.objects.find(
      (o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name,
    );
  const handle = (req: IncomingMessage, res: ServerResponse): unknown => {
    const url = new URL(req.url ?? '/', 'http://x');
    state.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
    if (req.method === 'GET' && url.pathname === '/api/v1/objects') {
      const kind = url.searchParams.get('kind');
      const ns = url.searchParams.get('namespace');
      const items = state.objects.filter(
        (o) => o.kind === kind && (ns === null || o.metadata.namespace === ns),
      );
      return send(res, 200, { items });
    }
    const [api, v, objs, kind = '', ns = '', name = '', verb] = parts;
    if (api !== 'api' || v !== 'v1' || objs !== 'objects')
      return send(res, 404, { error: 'no such path' });
    const o = find(kind, ns, name);
    if (!o) return send(res, 404, { error: `${kind} ${ns}/${name} not found` });
    if (req.method === 'GET' && verb === undefined) return send(res, 200, o);
    if (req.method === 'POST' && (verb === 'suspend' || verb === 'resume')) {
      o.spec = { ...o.spec, suspend: verb === 'suspend' };
      return send(res, 200, o);
    }
    if (req.method === 'POST' && verb === 'reconcile') {
      const requestedAt = new Date().toISOString().replace('Z', '000000Z');
      o.metadata.annotations = {
        ...o.metadata.annotations,
        'reconcile.fluxcd.io/requestedAt': requestedAt,
      };
      setTimeout(() => {
        const out = state.outcome(o);
        if (out === 'ignore') return;
        o.status = {
          ...o.status,
          ...out.status,
          conditions: [out.ready],
          lastHandledReconcileAt: requestedAt,
        };
      }, 150);
      return send(res, 202, { requestedAt });
    }
    return send(res, 405, { error: 'method not allowed' });
  };
  const server: Server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
