// generic and generic-hmac: forward the Event itself as JSON, with the `gotk-component` header,
// the Secret's headers and, for generic-hmac, `X-Signature: sha256=<hex HMAC of the body>`.
import { createHmac } from 'node:crypto';
import type { Event } from '../../core/events/event.ts';
import { goJSON, goMap } from './go-json.ts';
import { ConfigError, type Notifier, type PostContext, type ProviderConfig } from './notifier.ts';
import { postPayload } from './post.ts';
import { requireURL } from './validate-url.ts';

/** eventJSON encodes the event with eventv1.Event's field order and omitempty rules. */
export function eventJSON(event: Event): string {
  const o = event.involvedObject;
  const metadata =
    event.metadata && Object.keys(event.metadata).length > 0 ? goMap(event.metadata) : undefined;
  return goJSON({
    involvedObject: {
      kind: o.kind || undefined,
      namespace: o.namespace || undefined,
      name: o.name || undefined,
      uid: o.uid || undefined,
      apiVersion: o.apiVersion || undefined,
      resourceVersion: o.resourceVersion || undefined,
      fieldPath: o.fieldPath || undefined,
    },
    severity: event.severity,
    timestamp: event.timestamp,
    message: event.message,
    reason: event.reason,
    metadata,
    reportingController: event.reportingController,
    reportingInstance: event.reportingInstance || undefined,
  });
}

/** hmacSignature is the X-Signature value: `sha256=` and the hex HMAC-SHA256 of body. */
export function hmacSignature(body: string, key: string): string {
  return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}

/** genericNotifier forwards events; hmac=true signs them with the Secret's token. */
export function genericNotifier(cfg: ProviderConfig, hmac: boolean): Notifier {
  const url = requireURL(cfg.address, 'hook');
  if (hmac && cfg.token === '')
    throw new ConfigError('spec.secretRef', 'HMAC key is empty (the Secret needs a token key)');
  return {
    type: hmac ? 'generic-hmac' : 'generic',
    async post(event: Event, ctx: PostContext): Promise<void> {
      const body = eventJSON(event);
      // Go's Header.Set writes canonical keys (Gotk-Component); a Secret header may override any.
      const headers: Record<string, string> = { 'Gotk-Component': event.reportingController };
      for (const [k, v] of Object.entries(cfg.headers)) headers[canonicalHeaderKey(k)] = v;
      if (hmac) headers['X-Signature'] = hmacSignature(body, cfg.token);
      await postPayload(cfg, url, body, ctx.signal, { headers });
    },
  };
}

/** canonicalHeaderKey is Go's textproto.CanonicalMIMEHeaderKey for token keys (`x-team` → `X-Team`). */
export function canonicalHeaderKey(key: string): string {
  const token = [...key].every((c) => c > ' ' && c < '\x7f' && !'()<>@,;:\\"/[]?={}'.includes(c));
  if (!token || key.includes(' ')) return key;
  let upper = true;
  let out = '';
  for (const c of key) {
    out += upper ? c.toUpperCase() : c.toLowerCase();
    upper = c === '-';
  }
  return out;
}
