// Wires Flux Receiver manifests to the daemon's /hook/ path.
import type { WebhookHandler } from './daemon.ts';

/** webhookHandler returns the handler for `/hook/…` requests (none configured yet: 404). */
export function webhookHandler(): WebhookHandler | undefined {
  return undefined;
}
