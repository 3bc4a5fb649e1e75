// Cloud providers (aws, gcp, azure): turn the workload's cloud identity into registry credentials.

import type { Credential } from '../credentials.ts';

/** ProviderCredential is a registry credential with its expiry. */
export interface ProviderCredential {
  credential: Credential;
  expiresAt: number;
}

/** CloudProvider issues registry credentials for hosts it recognises. */
export interface CloudProvider {
  readonly name: 'aws' | 'gcp' | 'azure';
  /** matches is true for registry hosts this provider serves (Flux's host patterns). */
  matches(registry: string): boolean;
  /** credential exchanges the cloud identity for registry credentials. */
  credential(registry: string, signal?: AbortSignal): Promise<ProviderCredential>;
}

/** ProviderCache caches provider credentials until 80 % of their lifetime, single-flight. */
export class ProviderCache {
  readonly #entries = new Map<string, { value: ProviderCredential; refreshAt: number }>();
  readonly #inflight = new Map<string, Promise<ProviderCredential>>();

  /** get returns a fresh-enough credential for (provider, registry). */
  async get(p: CloudProvider, registry: string, signal?: AbortSignal): Promise<Credential> {
    const key = `${p.name}|${registry}`;
    const hit = this.#entries.get(key);
    if (hit && hit.refreshAt > Date.now()) return hit.value.credential;
    let pending = this.#inflight.get(key);
    if (!pending) {
      const started = Date.now();
      pending = p.credential(registry, signal).finally(() => this.#inflight.delete(key));
      pending.then(
        (value) => {
          const life = Math.max(0, value.expiresAt - started);
          this.#entries.set(key, { value, refreshAt: started + life * 0.8 });
        },
        () => undefined,
      );
      this.#inflight.set(key, pending);
    }
    return (await pending).credential;
  }
}
