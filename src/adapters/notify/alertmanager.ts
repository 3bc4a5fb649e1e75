// Prometheus Alertmanager v2 alerts API: one firing alert per event, shaped like Flux's payload
// (metadata as labels, summary moved to annotations, endsAt left at Go's zero time).
import type { Event } from '../../core/events/event.ts';
import { goJSON, sortedMap } from './go-json.ts';
import type { Notifier, PostContext, ProviderConfig } from './notifier.ts';
import { postPayload } from './post.ts';
import { requireURL } from './validate-url.ts';

const goZeroTime = '0001-01-01T00:00:00Z';

/** titleWords is x/text cases.Title for ASCII-ish reasons: first letter of each word up, rest down. */
export function titleWords(s: string): string {
  let out = '';
  let inWord = false;
  for (const ch of s) {
    const wordChar = isLetterOrDigit(ch) || ch === '_' || (inWord && (ch === "'" || ch === '.'));
    if (!wordChar) {
      out += ch;
      inWord = false;
    } else if (!inWord) {
      out += ch.toUpperCase();
      inWord = true;
    } else out += ch.toLowerCase();
  }
  return out;
}

function isLetterOrDigit(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase() || (ch >= '0' && ch <= '9');
}

/** alertmanagerPayload builds the one-element alert list. */
export function alertmanagerPayload(event: Event): unknown {
  const labels: Record<string, string> = { ...(event.metadata ?? {}) };
  const annotations: Record<string, string> = { message: event.message };
  if ('summary' in labels) {
    annotations.summary = labels.summary ?? '';
    delete labels.summary;
  }
  const o = event.involvedObject;
  labels.alertname = `Flux${o.kind}${titleWords(event.reason)}`;
  labels.severity = event.severity;
  labels.reason = event.reason;
  labels.kind = o.kind;
  labels.name = o.name;
  labels.namespace = o.namespace;
  labels.reportingcontroller = event.reportingController;
  return [
    {
      status: 'firing',
      labels: sortedMap(labels),
      annotations: sortedMap(annotations),
      startsAt: event.timestamp,
      endsAt: goZeroTime,
    },
  ];
}

/** alertmanagerNotifier posts to the Alertmanager API; basic auth wins over a bearer token. */
export function alertmanagerNotifier(cfg: ProviderConfig): Notifier {
  const url = requireURL(cfg.address, 'Alertmanager');
  const headers: Record<string, string> = {};
  if (cfg.username !== '' && cfg.password !== '') {
    headers.Authorization = `Basic ${Buffer.from(`${cfg.username}:${cfg.password}`).toString('base64')}`;
  } else if (cfg.token !== '') headers.Authorization = `Bearer ${cfg.token}`;
  return {
    type: 'alertmanager',
    async post(event: Event, ctx: PostContext): Promise<void> {
      await postPayload(cfg, url, goJSON(alertmanagerPayload(event)), ctx.signal, { headers });
    },
  };
}
