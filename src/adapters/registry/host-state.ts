// What tagpilot remembers about one registry host, shared by every client of that host.

import { type BudgetOptions, HostBudget } from './budget.ts';
import { TokenCache } from './token.ts';

/** HostAuth is the auth scheme a host asked for in its last challenge. */
export type HostAuth =
  | { scheme: 'basic' }
  | { scheme: 'bearer'; realm: string; service: string | undefined };

/** ConditionalEntry is a cached response for `If-None-Match`. */
export interface ConditionalEntry<T> {
  etag: string;
  value: T;
  weight: number;
}

/** ConditionalCache remembers ETags and what they stood for, bounded by total weight. */
export class ConditionalCache {
  readonly #entries = new Map<string, ConditionalEntry<unknown>>();
  #weight = 0;
  readonly maxWeight: number;
  constructor(maxWeight = 200_000) {
    this.maxWeight = maxWeight;
  }

  /** get returns the entry for a URL and marks it recently used. */
  get<T>(url: string): ConditionalEntry<T> | undefined {
    const e = this.#entries.get(url);
    if (!e) return undefined;
    this.#entries.delete(url);
    this.#entries.set(url, e);
    return e as ConditionalEntry<T>;
  }

  /** set stores an entry, evicting the least recently used ones beyond maxWeight. */
  set<T>(url: string, etag: string, value: T, weight = 1): void {
    if (weight > this.maxWeight) return;
    const old = this.#entries.get(url);
    if (old) {
      this.#weight -= old.weight;
      this.#entries.delete(url);
    }
    this.#entries.set(url, { etag, value, weight });
    this.#weight += weight;
    for (const [k, v] of this.#entries) {
      if (this.#weight <= this.maxWeight) break;
      this.#entries.delete(k);
      this.#weight -= v.weight;
    }
  }
}

/** HostState is the shared per-host part: budget, tokens, learned auth scheme, ETags. */
export class HostState {
  readonly host: string;
  readonly budget: HostBudget;
  readonly tokens = new TokenCache();
  readonly conditional = new ConditionalCache();
  auth: HostAuth | undefined;
  /** discovering settles when the first request to the host has its answer (auth scheme known). */
  discovering: Promise<void> | undefined;
  /** scheme is what an `auto` host turned out to speak (HTTPS tried first). */
  scheme: 'http' | 'https' | undefined;
  constructor(host: string, budget: Partial<BudgetOptions> = {}) {
    this.host = host;
    this.budget = new HostBudget(host, budget);
  }
}
