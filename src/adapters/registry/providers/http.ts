// The HTTP calls cloud providers make (token endpoints, metadata servers), with clear errors.

import { type Dispatcher, fetch } from 'undici';
import { RegistryError } from '../errors.ts';

/** ProviderHttp is what a provider needs to make requests. */
export interface ProviderHttp {
  dispatcher?: Dispatcher;
  signal?: AbortSignal | undefined;
}

/** providerJson sends one request and parses a JSON answer; failures name the provider and endpoint. */
export async function providerJson(
  provider: string,
  registry: string,
  url: URL,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  http: ProviderHttp,
): Promise<unknown> {
  const endpoint = `${url.origin}${url.pathname}`;
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.headers ?? {},
      ...(init.body !== undefined ? { body: init.body } : {}),
      ...(http.dispatcher ? { dispatcher: http.dispatcher } : {}),
      ...(http.signal ? { signal: http.signal } : {}),
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    const reason =
      (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    throw new RegistryError(`${provider}: cannot reach ${endpoint}: ${reason}`, {
      kind: 'network',
      host: registry,
      cause: err,
    });
  }
  if (status < 200 || status >= 300) {
    // Cloud error bodies may echo request parameters, so keep only a short, single-line excerpt.
    const excerpt = text.replace(/\s+/g, ' ').slice(0, 160);
    throw new RegistryError(
      `${provider}: ${endpoint} answered ${status}${excerpt ? `: ${excerpt}` : ''}`,
      {
        kind:
          status === 401 || status === 403 ? 'unauthorized' : status >= 500 ? 'server' : 'config',
        host: registry,
        status,
      },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new RegistryError(`${provider}: ${endpoint} answered with a body that is not JSON`, {
      kind: 'protocol',
      host: registry,
      cause: err,
    });
  }
}
