// Flux serves each Receiver at /hook/<sha256(token + name + namespace) in hex>.
import { createHash } from 'node:crypto';

/** HOOK_PREFIX is the path prefix of every receiver URL. */
export const HOOK_PREFIX = '/hook/';

/** webhookPath is the Receiver's URL path for its token, exactly as Flux computes it. */
export function webhookPath(token: string, name: string, namespace: string): string {
  return `${HOOK_PREFIX}${createHash('sha256')
    .update(token + name + namespace)
    .digest('hex')}`;
}
