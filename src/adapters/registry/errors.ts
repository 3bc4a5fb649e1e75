// Registry failures as one error class whose `kind` tells callers what to do next
// (stall, retry later, or back off the whole host).

/** RegistryErrorKind classifies a registry failure by what the caller should do about it. */
export type RegistryErrorKind =
  | 'not-found'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'server'
  | 'protocol'
  | 'network'
  | 'timeout'
  | 'config';

/** RegistryErrorInit is what a RegistryError is built from. */
export interface RegistryErrorInit {
  kind: RegistryErrorKind;
  host: string;
  status?: number;
  code?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

/** RegistryError is any failure talking to a registry; messages never contain credentials. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly kind: RegistryErrorKind;
  readonly host: string;
  readonly status: number | undefined;
  /** code is the first OCI error code of the body (e.g. NAME_UNKNOWN), when there was one. */
  readonly code: string | undefined;
  /** retryAfterMs is set when the registry (or our host budget) asked us to wait. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, init: RegistryErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.host = init.host;
    this.status = init.status;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** kindForStatus classifies an HTTP status: status first, OCI error code second. */
export function kindForStatus(status: number, code?: string): RegistryErrorKind {
  if (status === 429 || code === 'TOOMANYREQUESTS') return 'rate-limited';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status >= 500 || status === 408) return 'server';
  return 'protocol';
}

/** OciErrorBody is the first entry of a `{"errors":[…]}` body. */
export interface OciErrorBody {
  code: string;
  message: string;
}

/** parseOciError reads the first `errors[]` entry of a registry error body; non-JSON gives undefined. */
export function parseOciError(body: string): OciErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const errors = (parsed as { errors?: unknown }).errors;
    if (!Array.isArray(errors) || errors.length === 0) return undefined;
    const first = errors[0] as { code?: unknown; message?: unknown };
    if (typeof first.code !== 'string') return undefined;
    return { code: first.code, message: typeof first.message === 'string' ? first.message : '' };
  } catch {
    return undefined;
  }
}

/** describeStatus renders `404 Not Found`, like Go's http.Response.Status. */
export function describeStatus(status: number): string {
  const text = STATUS_TEXT[status];
  return text ? `${status} ${text}` : String(status);
}

/** safeUrl renders a URL for messages: no userinfo, no query values that could carry secrets. */
export function safeUrl(url: string | URL): string {
  const u = new URL(url.toString());
  u.username = '';
  u.password = '';
  return u.toString();
}

/**
 * errorFromStatus builds the RegistryError for a non-success response, e.g.
 * `GET https://r/v2/app/tags/list?n=1000: 404 Not Found: NAME_UNKNOWN: repository name not known`.
 */
export function errorFromStatus(
  method: string,
  url: string | URL,
  status: number,
  body: string,
  host: string,
  retryAfterMs?: number,
): RegistryError {
  const oci = parseOciError(body);
  let detail = '';
  if (oci) detail = `: ${oci.code}${oci.message ? `: ${oci.message}` : ''}`;
  else {
    const text = body.replace(/\s+/g, ' ').trim().slice(0, 200);
    if (text && !text.startsWith('<')) detail = `: ${text}`;
  }
  const init: RegistryErrorInit = { kind: kindForStatus(status, oci?.code), host, status };
  if (oci) init.code = oci.code;
  if (retryAfterMs !== undefined) init.retryAfterMs = retryAfterMs;
  return new RegistryError(
    `${method} ${safeUrl(url)}: unexpected status code ${describeStatus(status)}${detail}`,
    init,
  );
}

/** networkError wraps a fetch failure (reset, refused, TLS) with the host and a readable reason. */
export function networkError(
  method: string,
  url: string | URL,
  host: string,
  err: unknown,
): RegistryError {
  if (err instanceof RegistryError) return err;
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new RegistryError(`${method} ${safeUrl(url)}: timed out`, {
      kind: 'timeout',
      host,
      cause: err,
    });
  }
  // undici nests the useful part (e.g. "Proxy response (407)…", ECONNREFUSED) a few causes deep.
  let code: string | undefined;
  let reason = e?.message ?? String(err);
  let c: unknown = e?.cause;
  for (let depth = 0; c && depth < 5; depth++) {
    const x = c as { code?: unknown; message?: string; cause?: unknown };
    if (typeof x.code === 'string' && !code) code = x.code;
    if (x.message) reason = x.message;
    c = x.cause;
  }
  let hint = '';
  if (
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
  ) {
    hint = ' (the registry certificate is not trusted: give its CA with certSecretRef ca.crt)';
  } else if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') {
    hint =
      ' (connection closed by the registry; if it requires a client certificate, set tls.crt/tls.key)';
  }
  return new RegistryError(
    `${method} ${safeUrl(url)}: ${reason}${code ? ` [${code}]` : ''}${hint}`,
    {
      kind: 'network',
      host,
      cause: err,
    },
  );
}
