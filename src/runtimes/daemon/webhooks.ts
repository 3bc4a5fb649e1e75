// Wires Flux Receiver manifests to the daemon's /hook/ path.
import {
  handleReceiverRequest,
  indexReceivers,
  type ReceiverIndex,
} from '../../adapters/webhooks/handler.ts';
import type { ObjectInfo } from '../../adapters/webhooks/receiver.ts';
import type { WebhookHandler } from './daemon.ts';
import type { ObjectSet } from './object-set.ts';

function objectsOf(set: ObjectSet): ObjectInfo[] {
  const out: ObjectInfo[] = [];
  for (const r of set.repositories.values()) {
    out.push({
      kind: 'ImageRepository',
      namespace: r.metadata.namespace,
      name: r.metadata.name,
      labels: r.metadata.labels,
      image: r.spec.image,
    });
  }
  for (const p of set.policies.values()) {
    out.push({
      kind: 'ImagePolicy',
      namespace: p.metadata.namespace,
      name: p.metadata.name,
      labels: p.metadata.labels,
    });
  }
  for (const a of set.automations.values()) {
    out.push({
      kind: 'ImageUpdateAutomation',
      namespace: a.metadata.namespace,
      name: a.metadata.name,
      labels: a.metadata.labels,
    });
  }
  return out;
}

/** webhookHandler answers `/hook/…` requests with the Receivers and Secrets of the current objects. */
export function webhookHandler(opts: { noCrossNamespaceRefs: boolean }): WebhookHandler {
  // Paths are hashes of each Receiver's token: computed once per source load, not per request.
  const indexes = new WeakMap<ObjectSet, { index: ReceiverIndex; objects: ObjectInfo[] }>();
  return async (req, set) => {
    let cached = indexes.get(set);
    if (!cached) {
      const secrets = (namespace: string, name: string) =>
        set.secrets.get(`${namespace}/${name}`)?.data;
      cached = { index: indexReceivers(set.receivers, secrets), objects: objectsOf(set) };
      indexes.set(set, cached);
    }
    const res = await handleReceiverRequest(
      { method: req.method, path: req.path, headers: req.headers, body: req.body },
      cached.index,
      (namespace, name) => set.secrets.get(`${namespace}/${name}`)?.data,
      { objects: cached.objects, noCrossNamespaceRefs: opts.noCrossNamespaceRefs },
    );
    return {
      status: res.status,
      body: res.body,
      outcome: res.outcome,
      triggered: res.triggered,
      ...(res.reason ? { reason: res.reason } : {}),
    };
  };
}
