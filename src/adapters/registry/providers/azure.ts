// provider: azure — an Entra ID access token (workload identity federation, or the instance
// metadata service), exchanged at the registry's /oauth2/exchange for an ACR refresh token.

import { readFile } from 'node:fs/promises';
import { RE2JS } from 're2js';
import { RegistryError } from '../errors.ts';
import { providerJson } from './http.ts';
import type { CloudProvider, ProviderCredential } from './provider.ts';

const ACR_HOST = RE2JS.compile('^.+\\.(azurecr\\.io|azurecr\\.cn|azurecr\\.de|azurecr\\.us)$');
const ACR_USER = '00000000-0000-0000-0000-000000000000';

/** AzureOptions configures identity endpoints (defaults: AZURE_* environment, IMDS). */
export interface AzureOptions {
  env?: Readonly<Record<string, string | undefined>>;
  imdsUrl?: string;
  /** exchangeUrl gives the refresh-token exchange URL for a registry (default https://<registry>/oauth2/exchange). */
  exchangeUrl?: (registry: string) => string;
  matches?: (registry: string) => boolean;
}

/** AzureProvider implements provider: azure. */
export class AzureProvider implements CloudProvider {
  readonly name = 'azure' as const;
  readonly #o: AzureOptions;
  constructor(o: AzureOptions = {}) {
    this.#o = o;
  }

  matches(registry: string): boolean {
    return this.#o.matches
      ? this.#o.matches(registry)
      : ACR_HOST.matcher(registry.split(':')[0] ?? '').matches();
  }

  async credential(registry: string, signal?: AbortSignal): Promise<ProviderCredential> {
    const env = this.#o.env ?? process.env;
    const aad = await this.#entraToken(registry, env, signal);
    const url = new URL(this.#o.exchangeUrl?.(registry) ?? `https://${registry}/oauth2/exchange`);
    const form = new URLSearchParams({
      grant_type: 'access_token',
      service: registry,
      access_token: aad,
    });
    if (env.AZURE_TENANT_ID) form.set('tenant', env.AZURE_TENANT_ID);
    const started = Date.now();
    const refreshToken = field(
      await postForm(registry, url, form, signal),
      'refresh_token',
      '/oauth2/exchange',
      registry,
    );
    // ACR refresh tokens live about 3 hours; refresh well before.
    return {
      credential: { kind: 'basic', username: ACR_USER, password: refreshToken },
      expiresAt: started + 3 * 3600_000,
    };
  }

  async #entraToken(
    registry: string,
    env: Readonly<Record<string, string | undefined>>,
    signal?: AbortSignal,
  ): Promise<string> {
    if (env.AZURE_FEDERATED_TOKEN_FILE && env.AZURE_CLIENT_ID && env.AZURE_TENANT_ID) {
      const assertion = (await readFile(env.AZURE_FEDERATED_TOKEN_FILE, 'utf8')).trim();
      const authority = env.AZURE_AUTHORITY_HOST ?? 'https://login.microsoftonline.com/';
      const url = new URL(
        `${env.AZURE_TENANT_ID}/oauth2/v2.0/token`,
        authority.endsWith('/') ? authority : `${authority}/`,
      );
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: env.AZURE_CLIENT_ID,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: 'https://management.azure.com/.default',
      });
      return field(
        await postForm(registry, url, form, signal),
        'access_token',
        'Entra ID',
        registry,
      );
    }
    const imds = new URL(
      this.#o.imdsUrl ?? 'http://169.254.169.254/metadata/identity/oauth2/token',
    );
    imds.searchParams.set('api-version', '2018-02-01');
    imds.searchParams.set('resource', 'https://management.azure.com/');
    if (env.AZURE_CLIENT_ID) imds.searchParams.set('client_id', env.AZURE_CLIENT_ID);
    const body = (await providerJson(
      'azure',
      registry,
      imds,
      { headers: { metadata: 'true' } },
      { signal },
    )) as { access_token?: string };
    if (!body.access_token)
      throw new RegistryError('azure: the instance metadata service returned no access_token', {
        kind: 'protocol',
        host: registry,
      });
    return body.access_token;
  }
}

/** postForm POSTs a URL-encoded form to an Azure endpoint and returns the JSON answer. */
async function postForm(
  registry: string,
  url: URL,
  form: URLSearchParams,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  };
  return (await providerJson('azure', registry, url, init, { signal })) as Record<string, unknown>;
}

/** field reads a required token field of an Azure answer, naming the endpoint when it is missing. */
function field(
  body: Record<string, unknown>,
  name: string,
  endpoint: string,
  registry: string,
): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') {
    throw new RegistryError(`azure: ${endpoint} returned no ${name}`, {
      kind: 'protocol',
      host: registry,
    });
  }
  return value;
}
