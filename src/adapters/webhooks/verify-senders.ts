// Request checks per Receiver type, following notification-controller's rules (see
// docs/webhooks.md for what each type verifies). gcr and distribution live in their own files.
import { checkPrefixedSignature, hmacHex, sameText } from './signatures.ts';
import { type Headers, header, parseJsonObject, reject, type Verdict } from './verdict.ts';

/** SenderRequest is what a verifier sees. */
export interface SenderRequest {
  headers: Headers;
  body: Buffer;
  token: string;
  events: readonly string[];
}

function eventAllowed(event: string, events: readonly string[]): boolean {
  return events.length === 0 || events.some((e) => e.toLowerCase() === event.toLowerCase());
}

function filtered(event: string, events: readonly string[], sender: string): Verdict {
  if (eventAllowed(event, events)) return { kind: 'accept', event };
  return { kind: 'ignore', reason: `${sender} event "${event}" is not in spec.events` };
}

function jsonPayload(
  body: Buffer,
  sender: string,
  check?: (o: Record<string, unknown>) => boolean,
): Verdict {
  const o = parseJsonObject(body);
  if (o === undefined || (check && !check(o)))
    return reject('bad_payload', `cannot decode ${sender} webhook payload`);
  return { kind: 'accept' };
}

function contentTypeOk(headers: Headers): boolean {
  const ct = header(headers, 'content-type').split(';')[0]?.trim().toLowerCase() ?? '';
  return ct === 'application/json' || ct === 'application/x-www-form-urlencoded';
}

function github(
  r: SenderRequest,
  sender: 'GitHub' | 'Bitbucket server',
  eventHeader: string,
): Verdict {
  if (!contentTypeOk(r.headers))
    return reject('bad_payload', `${sender} webhook has an unsupported Content-Type`);
  const sig = header(r.headers, 'x-hub-signature-256') || header(r.headers, 'x-hub-signature');
  const problem = checkPrefixedSignature(sig, r.token, r.body);
  if (problem)
    return reject('unauthenticated', `the ${sender} signature header is invalid: ${problem}`);
  const event = header(r.headers, eventHeader);
  // A new GitHub hook first sends `ping`; answer it even when spec.events leaves it out.
  if (sender === 'GitHub' && event === 'ping') return { kind: 'ignore', reason: 'GitHub ping' };
  return filtered(event, r.events, sender);
}

/** verifySender checks a request for every type except gcr and distribution. */
export function verifySender(type: string, r: SenderRequest): Verdict {
  switch (type) {
    case 'generic':
      return { kind: 'accept' };
    case 'generic-hmac': {
      const problem = checkPrefixedSignature(header(r.headers, 'x-signature'), r.token, r.body);
      return problem
        ? reject('unauthenticated', `unable to validate HMAC signature: ${problem}`)
        : { kind: 'accept' };
    }
    case 'github':
      return github(r, 'GitHub', 'x-github-event');
    case 'bitbucket':
      return github(r, 'Bitbucket server', 'x-event-key');
    case 'gitlab':
      if (!sameText(header(r.headers, 'x-gitlab-token'), r.token)) {
        return reject(
          'unauthenticated',
          'the X-Gitlab-Token header value does not match the receiver token',
        );
      }
      return filtered(header(r.headers, 'x-gitlab-event'), r.events, 'GitLab');
    case 'harbor':
      if (!sameText(header(r.headers, 'authorization'), r.token)) {
        return reject(
          'unauthenticated',
          'the Harbor Authorization header value does not match the receiver token',
        );
      }
      return { kind: 'accept', event: 'harbor' };
    case 'dockerhub':
      return jsonPayload(r.body, 'DockerHub');
    case 'quay':
      return jsonPayload(r.body, 'Quay');
    case 'acr':
      return jsonPayload(
        r.body,
        'ACR',
        (o) => o.target === undefined || typeof o.target === 'object',
      );
    case 'nexus': {
      const sig = header(r.headers, 'x-nexus-webhook-signature');
      if (sig === '')
        return reject('unauthenticated', 'the Nexus signature is missing from header');
      if (!sameText(sig, hmacHex('sha1', r.token, r.body)))
        return reject('unauthenticated', 'invalid Nexus signature');
      return jsonPayload(r.body, 'Nexus');
    }
    default:
      return reject('bad_payload', `receiver type "${type}" is not handled here`);
  }
}
