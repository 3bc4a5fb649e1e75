// Resolves an ImageRepository's secret references into what the registry adapter needs.
import type { ImageRepository } from '../../api/model.ts';
import type { RegistryAccess, SecretData } from '../../reconcile/ports.ts';

/** MissingSecretError names a secret reference that cannot be resolved. */
export class MissingSecretError extends Error {
  override readonly name = 'MissingSecretError';
}

/** registryAccess builds RegistryAccess for repo from the known secrets, or throws MissingSecretError. */
export function registryAccess(
  repo: ImageRepository,
  secrets: ReadonlyMap<string, SecretData>,
): RegistryAccess {
  const ns = repo.metadata.namespace;
  const find = (field: string, name: string | undefined): SecretData | undefined => {
    if (name === undefined) return undefined;
    const s = secrets.get(`${ns}/${name}`);
    if (!s) throw new MissingSecretError(`${field}: secret '${ns}/${name}' not found`);
    return s;
  };
  const pull = find('spec.secretRef', repo.spec.secretRef);
  const cert = find('spec.certSecretRef', repo.spec.certSecretRef);
  const proxy = find('spec.proxySecretRef', repo.spec.proxySecretRef);
  return {
    provider: repo.spec.provider,
    ...(pull ? { pullSecrets: [pull] } : {}),
    ...(cert ? { certSecret: cert } : {}),
    ...(proxy ? { proxySecret: proxy } : {}),
  };
}
