// Builds the router's view of the world from loaded Provider/Alert objects and Secrets: a
// Notifier per valid Provider, a reason per invalid one, compiled Alerts. One bad object never
// stops the others.
import { type Alert, objectKey, type Provider } from '../../api/notification/types.ts';
import { type CompiledAlert, compileAlert } from '../../core/events/match.ts';
import { notifierFor } from './factory.ts';
import type { Notifier } from './notifier.ts';
import { maskSecrets, resolveProvider, type SecretLookup } from './secrets.ts';

/** ProviderEntry is a Provider and either its Notifier or the reason it has none. */
export interface ProviderEntry {
  provider: Provider;
  notifier?: Notifier;
  /** error is set when the Provider cannot deliver (already masked). */
  error?: string;
  secretValues: string[];
}

/** RouterConfig is everything dispatch needs, keyed by `namespace/name`. */
export interface RouterConfig {
  providers: Map<string, ProviderEntry>;
  alerts: CompiledAlert[];
}

/** buildRouterConfig resolves secrets and builds notifiers; failures are kept per Provider. */
export function buildRouterConfig(
  providers: readonly Provider[],
  alerts: readonly Alert[],
  lookup: SecretLookup,
): RouterConfig {
  const entries = new Map<string, ProviderEntry>();
  for (const provider of providers) {
    const key = objectKey(provider.metadata);
    let secretValues: string[] = [];
    try {
      const resolved = resolveProvider(provider, lookup);
      secretValues = resolved.secretValues;
      entries.set(key, { provider, notifier: notifierFor(resolved.config), secretValues });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      entries.set(key, {
        provider,
        error: `failed to initialize notifier for provider '${provider.metadata.name}': ${maskSecrets(message, secretValues)}`,
        secretValues,
      });
    }
  }
  return { providers: entries, alerts: alerts.map(compileAlert) };
}
