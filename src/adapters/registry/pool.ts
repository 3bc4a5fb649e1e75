// RegistryPool: one shared state (budget, tokens, ETags) per registry host for every object, one
// connection pool per TLS/proxy configuration, and the RegistryPort the reconcile steps call.

import type { Dispatcher } from 'undici';
import type { BudgetOptions, HostCounters } from './budget.ts';
import { RegistryClient, type RetryOptions } from './client.ts';
import { type Credential, keychainFromSecrets, type PullSecret } from './credentials.ts';
import { RegistryError } from './errors.ts';
import { HostState } from './host-state.ts';
import { listTags } from './list-tags.ts';
import { headManifest, type ManifestHead } from './manifests.ts';
import { type CloudProvider, ProviderCache } from './providers/provider.ts';
import { tlsFromSecret } from './tls.ts';
import {
  createDispatcher,
  proxyFromSecret,
  type TransportOptions,
  transportKey,
} from './transport.ts';

/** SecretLike is a Secret resolved to decoded strings (matches the reconcile port's SecretData). */
export interface SecretLike {
  readonly name: string;
  readonly type: string;
  readonly data: Readonly<Record<string, string>>;
}

/** Access says how to reach a registry (the reconcile port's RegistryAccess). */
export interface Access {
  readonly pullSecrets?: readonly SecretLike[];
  readonly certSecret?: SecretLike;
  readonly proxySecret?: SecretLike;
  readonly provider?: 'generic' | 'aws' | 'gcp' | 'azure';
}

/** Target is a repository and how to reach it (the reconcile port's RegistryTarget). */
export interface Target {
  readonly registry: string;
  readonly repository: string;
  /** insecure (spec.insecure) means plain HTTP only. */
  readonly insecure: boolean;
  /** scheme is the reference parser's: `http` for local/private hosts means HTTPS, then HTTP. */
  readonly scheme?: 'http' | 'https';
  readonly access?: Access;
  /** deadline (epoch ms): never wait out a host cool-down past it. */
  readonly deadline?: number;
}

/** PoolOptions configures the pool for a whole process. */
export interface PoolOptions {
  /** budget applies to every host; hostBudgets override per host. */
  budget?: Partial<BudgetOptions>;
  hostBudgets?: Readonly<Record<string, Partial<BudgetOptions>>>;
  retry?: RetryOptions;
  /** maxWaitMs: longest a request waits out a host cool-down before the scan gives up (retry later). */
  maxWaitMs?: number;
  pageSize?: number;
  maxPages?: number;
  /** env supplies HTTPS_PROXY/NO_PROXY (defaults to none: pass process.env explicitly). */
  env?: Readonly<Record<string, string | undefined>>;
  providers?: readonly CloudProvider[];
}

/** RegistryPool implements the reconcile RegistryPort over shared per-host clients. */
export class RegistryPool {
  readonly #opts: PoolOptions;
  readonly #hosts = new Map<string, HostState>();
  readonly #dispatchers = new Map<string, Dispatcher>();
  readonly #providerCache = new ProviderCache();

  constructor(opts: PoolOptions = {}) {
    this.#opts = opts;
  }

  /** hostState returns the shared state of a registry host, creating it on first use. */
  hostState(registry: string): HostState {
    let h = this.#hosts.get(registry);
    if (!h) {
      h = new HostState(registry, { ...this.#opts.budget, ...this.#opts.hostBudgets?.[registry] });
      this.#hosts.set(registry, h);
    }
    return h;
  }

  /** counters returns every host's request counters (for metrics and the CLI). */
  counters(): Record<string, HostCounters> {
    const out: Record<string, HostCounters> = {};
    for (const [host, state] of this.#hosts) out[host] = { ...state.budget.counters };
    return out;
  }

  /** client resolves credentials, TLS and proxy for a target and returns a client on the shared host. */
  async client(target: Target, signal?: AbortSignal): Promise<RegistryClient> {
    const access = target.access ?? {};
    const transport: TransportOptions = {};
    if (this.#opts.env) transport.env = this.#opts.env;
    if (access.certSecret)
      transport.tls = tlsFromSecret(access.certSecret.name, access.certSecret.data);
    if (access.proxySecret)
      transport.proxy = proxyFromSecret(access.proxySecret.name, access.proxySecret.data);
    const credential = await this.#credential(target, access, signal);
    return new RegistryClient({
      registry: target.registry,
      scheme: target.insecure ? 'http' : target.scheme === 'http' ? 'auto' : 'https',
      credential,
      host: this.hostState(target.registry),
      dispatcher: this.#dispatcher(transport),
      ...(this.#opts.retry ? { retry: this.#opts.retry } : {}),
      maxWaitMs: this.#maxWait(target.deadline),
    });
  }

  /** listTags implements RegistryPort.listTags. */
  async *listTags(target: Target, signal?: AbortSignal): AsyncGenerator<readonly string[]> {
    const client = await this.client(target, signal);
    yield* listTags(client, target.repository, {
      signal,
      ...(this.#opts.pageSize ? { pageSize: this.#opts.pageSize } : {}),
      ...(this.#opts.maxPages ? { maxPages: this.#opts.maxPages } : {}),
    });
  }

  /** headDigest implements RegistryPort.headDigest. */
  async headDigest(target: Target, tag: string, signal?: AbortSignal): Promise<ManifestHead> {
    const client = await this.client(target, signal);
    return headManifest(client, target.repository, tag, signal);
  }

  /** close shuts every connection pool. */
  async close(): Promise<void> {
    const all = [...this.#dispatchers.values()];
    this.#dispatchers.clear();
    await Promise.all(all.map((d) => d.close()));
  }

  async #credential(
    target: Target,
    access: Access,
    signal?: AbortSignal,
  ): Promise<Credential | undefined> {
    const provider = access.provider ?? 'generic';
    if (provider !== 'generic') {
      const p = this.#opts.providers?.find((x) => x.name === provider);
      if (!p)
        throw new RegistryError(`provider '${provider}' not implemented`, {
          kind: 'config',
          host: target.registry,
        });
      if (!p.matches(target.registry)) {
        throw new RegistryError(
          `registry '${target.registry}' is not a ${provider} registry (provider: ${provider})`,
          {
            kind: 'config',
            host: target.registry,
          },
        );
      }
      return this.#providerCache.get(p, target.registry, signal);
    }
    if (!access.pullSecrets?.length) return undefined;
    const keychain = keychainFromSecrets(access.pullSecrets as PullSecret[]);
    return keychain.resolve(target.registry, target.repository);
  }

  #maxWait(deadline: number | undefined): number {
    const configured = this.#opts.maxWaitMs ?? 60_000;
    if (deadline === undefined) return configured;
    // Leave a second for the request itself after the wait.
    return Math.max(0, Math.min(configured, deadline - Date.now() - 1000));
  }

  #dispatcher(t: TransportOptions): Dispatcher {
    const key = transportKey(t);
    let d = this.#dispatchers.get(key);
    if (!d) {
      d = createDispatcher(t);
      this.#dispatchers.set(key, d);
    }
    return d;
  }
}
