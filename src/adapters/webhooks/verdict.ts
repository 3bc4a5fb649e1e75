// The outcome of checking one request against its Receiver, before any object is triggered.

/** Outcome names why a request ended as it did; it is the label of the request counter. */
export type Outcome =
  | 'accepted'
  | 'ignored'
  | 'not_found'
  | 'method_not_allowed'
  | 'too_large'
  | 'suspended'
  | 'not_ready'
  | 'unauthenticated'
  | 'bad_payload';

/** Verdict is a verifier's answer: accept (maybe narrowing targets), ignore, or reject. */
export type Verdict =
  | {
      kind: 'accept';
      /** event is the sender's event type, for logs. */
      event?: string;
      /** repositories, when set, restricts ImageRepository triggers to these pushed repositories. */
      repositories?: { host?: string; path: string }[];
    }
  | { kind: 'ignore'; reason: string }
  | { kind: 'reject'; outcome: 'unauthenticated' | 'bad_payload'; reason: string };

/** Headers are request headers with lower-case names, as node:http gives them. */
export type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** header returns the first value of a header ('' when absent). */
export function header(headers: Headers, name: string): string {
  const v = headers[name.toLowerCase()];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** reject builds a rejecting verdict. */
export function reject(outcome: 'unauthenticated' | 'bad_payload', reason: string): Verdict {
  return { kind: 'reject', outcome, reason };
}

/** parseJsonObject parses a JSON body that must be an object; undefined when it is not. */
export function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
