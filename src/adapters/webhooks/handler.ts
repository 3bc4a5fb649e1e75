// Serves Flux's receiver URLs independent of any HTTP framework: find the Receiver by its
// /hook/<digest> path, authenticate the request as its type demands, then name the objects to
// reconcile. Status codes follow notification-controller except where docs/webhooks.md says.
import type { WebhookCounters } from './counters.ts';
import { GOOGLE_JWKS_URL, jwksResolver, type KeyResolver } from './jwks.ts';
import type { ObjectInfo, Receiver, SecretLookup, Triggered } from './receiver.ts';
import { resolveTargets } from './targets.ts';
import type { Headers, Outcome, Verdict } from './verdict.ts';
import { verifyDistribution } from './verify-distribution.ts';
import { verifyGcr } from './verify-gcr.ts';
import { verifySender } from './verify-senders.ts';
import { HOOK_PREFIX, webhookPath } from './webhook-path.ts';

/** MAX_BODY_BYTES is the default request body limit (1 MiB; Flux allows 3 MiB). */
export const MAX_BODY_BYTES = 1 << 20;

/** ReceiverRequest is one HTTP request, already read. */
export interface ReceiverRequest {
  method: string;
  /** path is the request target; a query string is ignored. */
  path: string;
  headers: Headers;
  body: Buffer;
  /** tooLarge says the reader stopped at the size limit (see readBodyLimited). */
  tooLarge?: boolean;
}

/** ReceiverResponse is what to answer and which objects to reconcile. */
export interface ReceiverResponse {
  status: number;
  /** body is a small JSON document (never secrets). */
  body: string;
  triggered: Triggered[];
  outcome: Outcome;
  /** receiver is `namespace/name` of the matched Receiver, '' when none matched. */
  receiver: string;
  /** reason explains a rejection or what was ignored, for logs. */
  reason?: string;
  /** missing are named resources that do not exist (reported, not fatal). */
  missing?: Triggered[];
}

/** HandlerOptions are the handler's collaborators and limits. */
export interface HandlerOptions {
  /** objects are the daemon's objects, to check names and expand `*`. */
  objects?: readonly ObjectInfo[];
  counters?: WebhookCounters;
  maxBodyBytes?: number;
  /** gcrKeys resolves Google ID-token keys (default: Google's JWKS over HTTPS, cached). */
  gcrKeys?: KeyResolver;
  now?: () => number;
  noCrossNamespaceRefs?: boolean;
}

let defaultGcrKeys: KeyResolver | undefined;

const STATUS: Record<Outcome, number> = {
  accepted: 200,
  ignored: 200,
  not_found: 404,
  method_not_allowed: 405,
  too_large: 413,
  suspended: 503,
  not_ready: 503,
  unauthenticated: 401,
  bad_payload: 400,
};

function finish(
  opts: HandlerOptions,
  receiver: Receiver | undefined,
  outcome: Outcome,
  extra: { reason?: string; triggered?: Triggered[]; missing?: Triggered[] } = {},
): ReceiverResponse {
  const id = receiver ? `${receiver.namespace}/${receiver.name}` : '';
  opts.counters?.record(id, receiver?.type ?? '', outcome);
  const triggered = extra.triggered ?? [];
  opts.counters?.addTriggered(triggered.length);
  const body =
    outcome === 'accepted'
      ? {
          triggered: triggered.length,
          ...(extra.missing?.length ? { missing: extra.missing.length } : {}),
        }
      : outcome === 'ignored'
        ? { ignored: extra.reason }
        : { error: extra.reason ?? outcome };
  const res: ReceiverResponse = {
    status: STATUS[outcome],
    body: JSON.stringify(body),
    triggered,
    outcome,
    receiver: id,
  };
  if (extra.reason !== undefined) res.reason = extra.reason;
  if (extra.missing?.length) res.missing = extra.missing;
  return res;
}

/** ReceiverIndex maps each serving Receiver's /hook/ path to it and its token. */
export type ReceiverIndex = ReadonlyMap<string, { receiver: Receiver; token: string }>;

/**
 * indexReceivers computes every Receiver's path once (the daemon rebuilds it when manifests or
 * Secrets change); a Receiver whose Secret or `token` is missing has no path, as in Flux.
 */
export function indexReceivers(
  receivers: readonly Receiver[],
  secrets: SecretLookup,
): ReceiverIndex {
  const index = new Map<string, { receiver: Receiver; token: string }>();
  for (const receiver of receivers) {
    const token = secrets(receiver.namespace, receiver.secretName)?.token;
    if (token !== undefined) {
      index.set(webhookPath(token, receiver.name, receiver.namespace), { receiver, token });
    }
  }
  return index;
}

async function verify(
  req: ReceiverRequest,
  r: Receiver,
  token: string,
  secrets: SecretLookup,
  opts: HandlerOptions,
): Promise<Verdict> {
  if (r.type === 'distribution') return verifyDistribution(req.headers, req.body, token);
  if (r.type === 'gcr') {
    const data = secrets(r.namespace, r.secretName) ?? {};
    defaultGcrKeys ??= jwksResolver(GOOGLE_JWKS_URL);
    return verifyGcr(req.headers, req.body, {
      email: data.email,
      audience: data.audience,
      keys: opts.gcrKeys ?? defaultGcrKeys,
      nowSeconds: Math.floor((opts.now ?? Date.now)() / 1000),
    });
  }
  return verifySender(r.type, { headers: req.headers, body: req.body, token, events: r.events });
}

/** handleReceiverRequest answers one webhook request. */
export async function handleReceiverRequest(
  req: ReceiverRequest,
  receivers: readonly Receiver[] | ReceiverIndex,
  secrets: SecretLookup,
  opts: HandlerOptions = {},
): Promise<ReceiverResponse> {
  const path = req.path.split('?')[0] ?? '';
  if (!path.startsWith(HOOK_PREFIX))
    return finish(opts, undefined, 'not_found', { reason: 'not a receiver path' });
  if (req.tooLarge || req.body.length > (opts.maxBodyBytes ?? MAX_BODY_BYTES)) {
    return finish(opts, undefined, 'too_large', {
      reason: `request body exceeds ${opts.maxBodyBytes ?? MAX_BODY_BYTES} bytes`,
    });
  }
  const index =
    receivers instanceof Map
      ? receivers
      : indexReceivers(receivers as readonly Receiver[], secrets);
  const found = index.get(path);
  if (!found) return finish(opts, undefined, 'not_found', { reason: 'no receiver at this path' });
  const { receiver, token } = found;
  if (req.method !== 'POST')
    return finish(opts, receiver, 'method_not_allowed', { reason: `${req.method} is not POST` });
  if (receiver.suspend)
    return finish(opts, receiver, 'suspended', { reason: 'receiver is suspended' });
  let verdict: Verdict;
  try {
    verdict = await verify(req, receiver, token, secrets, opts);
  } catch (err) {
    return finish(opts, receiver, 'not_ready', {
      reason: err instanceof Error ? err.message : String(err),
    });
  }
  if (verdict.kind === 'reject')
    return finish(opts, receiver, verdict.outcome, { reason: verdict.reason });
  if (verdict.kind === 'ignore')
    return finish(opts, receiver, 'ignored', { reason: verdict.reason });
  const targets = resolveTargets(receiver, opts.objects ?? [], {
    ...(verdict.repositories ? { repositories: verdict.repositories } : {}),
    ...(opts.noCrossNamespaceRefs ? { noCrossNamespaceRefs: true } : {}),
  });
  return finish(opts, receiver, 'accepted', {
    triggered: targets.triggered,
    missing: [...targets.missing, ...targets.crossNamespace],
  });
}
