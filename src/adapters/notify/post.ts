// Flux's postMessage: POST the Go-encoded JSON payload, accept any 2xx, and classify failures
// the way go-retryablehttp's policy does (connection errors, 429 and 5xx except 501 retry).
import { type HttpResponse, safeTarget, sendHttp } from './http-client.ts';
import { DeliveryError, type ProviderConfig } from './notifier.ts';

/** userAgent identifies tagpilot to receivers. */
export const userAgent = 'tagpilot-notifier';

/** PostOptions adds headers and a response check to one POST. */
export interface PostOptions {
  headers?: Readonly<Record<string, string>>;
  contentType?: string;
  validate?: (res: HttpResponse) => string | undefined;
}

/** postPayload sends body to url with the provider's transport settings. */
export async function postPayload(
  cfg: ProviderConfig,
  url: string,
  body: string,
  signal: AbortSignal,
  options: PostOptions = {},
): Promise<HttpResponse> {
  return await request(
    cfg,
    'POST',
    url,
    signal,
    body,
    {
      'Content-Type': options.contentType ?? 'application/json',
      ...(options.headers ?? {}),
    },
    options.validate,
  );
}

/** request is one call with a response check; forges use it for GET + POST pairs. */
export async function request(
  cfg: ProviderConfig,
  method: string,
  url: string,
  signal: AbortSignal,
  body: string | undefined,
  headers: Readonly<Record<string, string>>,
  validate: (res: HttpResponse) => string | undefined = checkStatus,
): Promise<HttpResponse> {
  const res = await sendHttp(
    {
      method,
      url,
      headers: { 'User-Agent': userAgent, ...headers },
      ...(body !== undefined ? { body } : {}),
    },
    { proxy: cfg.proxy, tls: cfg.tls, timeoutMs: cfg.timeoutMs, signal },
  );
  const problem = validate(res);
  if (problem !== undefined) {
    throw new DeliveryError(
      `${method} ${safeTarget(url)}: request failed: ${problem}`,
      retryableStatus(res.status),
      res.status,
    );
  }
  return res;
}

/** checkStatus accepts any 2xx, otherwise reports the code and a bounded body. */
export function checkStatus(res: HttpResponse): string | undefined {
  if (res.status >= 200 && res.status < 300) return undefined;
  const body = res.body.length > 300 ? `${res.body.slice(0, 300)}...` : res.body;
  return `request failed with status code ${res.status}: ${body}`;
}

/** retryableStatus mirrors go-retryablehttp: 429 and 5xx (but 501) are worth another try. */
export function retryableStatus(status: number): boolean {
  return status === 429 || status === 0 || (status >= 500 && status !== 501);
}
