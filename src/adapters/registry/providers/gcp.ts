// provider: gcp — an OAuth2 access token from the GCE/GKE metadata server (workload identity),
// sent as Basic `oauth2accesstoken:<token>`, like Flux.

import { RE2JS } from 're2js';
import { RegistryError } from '../errors.ts';
import { providerJson } from './http.ts';
import type { CloudProvider, ProviderCredential } from './provider.ts';

const GCP_HOST = RE2JS.compile(
  '^(((.+\\.)?gcr\\.io)|(.+-docker\\.pkg\\.dev)|(docker\\.s3nsregistry\\.fr))$',
);

/** GcpOptions configures the metadata server (default from GCE_METADATA_HOST or metadata.google.internal). */
export interface GcpOptions {
  env?: Readonly<Record<string, string | undefined>>;
  metadataUrl?: string;
  matches?: (registry: string) => boolean;
}

/** GcpProvider implements provider: gcp. */
export class GcpProvider implements CloudProvider {
  readonly name = 'gcp' as const;
  readonly #o: GcpOptions;
  constructor(o: GcpOptions = {}) {
    this.#o = o;
  }

  matches(registry: string): boolean {
    return this.#o.matches
      ? this.#o.matches(registry)
      : GCP_HOST.matcher(registry.split(':')[0] ?? '').matches();
  }

  async credential(registry: string, signal?: AbortSignal): Promise<ProviderCredential> {
    const env = this.#o.env ?? process.env;
    const base =
      this.#o.metadataUrl ?? `http://${env.GCE_METADATA_HOST ?? 'metadata.google.internal'}`;
    const url = new URL('/computeMetadata/v1/instance/service-accounts/default/token', base);
    const started = Date.now();
    const body = (await providerJson(
      'gcp',
      registry,
      url,
      { headers: { 'metadata-flavor': 'Google' } },
      { signal },
    )) as {
      access_token?: string;
      expires_in?: number;
    };
    if (!body.access_token)
      throw new RegistryError('gcp: the metadata server returned no access_token', {
        kind: 'protocol',
        host: registry,
      });
    return {
      credential: { kind: 'basic', username: 'oauth2accesstoken', password: body.access_token },
      expiresAt: started + (body.expires_in ?? 3600) * 1000,
    };
  }
}
