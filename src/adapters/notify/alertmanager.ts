// Prometheus Alertmanager v2 alerts API: one firing alert per event, shaped like Flux's payload
// (metadata as labels, summary moved to annotations, endsAt left at Go's zero time).
import type { Event } from '../../core/events/event.ts';
import { goJSON, goMap } from './go-json.ts';
import type { Notifier, PostContext, ProviderConfig } from './notifier.ts';
import { postPayload } from './post.ts';
import { requireURL } from './validate-url.ts';

const goZeroTime = '0001-01-01T00:00:00Z';

// Word-break classes as golang.org/x/text/cases derives them from WordBreakProperty.txt: "mid"
// (MidLetter, MidNumLet, Single_Quote) joins letters; anything not a letter, digit, mark,
// connector or format character breaks a word. Fixed patterns, tested per character.
const midChars = new Set([
  ':',
  '\u00b7',
  '\u0387',
  '\u055f',
  '\u05f4',
  '\u2027',
  '\ufe13',
  '\ufe55',
  '\uff1a',
  '.',
  '\u2018',
  '\u2019',
  '\u2024',
  '\ufe52',
  '\uff07',
  '\uff0e',
  "'",
]);
const wordChar = /^[\p{L}\p{Nd}\p{Nl}\p{M}\p{Pc}\p{Cf}]$/u;
const breakingScripts =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;

function breakClass(ch: string): 'mid' | 'letter' | 'break' {
  if (midChars.has(ch)) return 'mid';
  return wordChar.test(ch) && !breakingScripts.test(ch) ? 'letter' : 'break';
}

/** titleWords is x/text cases.Title(language.Und): the first cased letter of a word is
 * title-cased, later ones lower-cased; two joiners in a row or a breaking character end a word. */
export function titleWords(s: string): string {
  let out = '';
  let midWord = false;
  let prevMid = false;
  for (const ch of s) {
    const cls = breakClass(ch);
    if (prevMid && cls === 'mid') midWord = false;
    if (isCased(ch)) {
      out += midWord ? ch.toLowerCase() : titleCase(ch);
      midWord = true;
    } else {
      out += ch;
      if (cls === 'break') midWord = false;
    }
    prevMid = cls === 'mid';
  }
  return out;
}

function isCased(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

function titleCase(ch: string): string {
  const upper = ch.toUpperCase();
  // ß → Ss, ﬁ → Fi: the title form is the first upper-case letter, then lower case.
  return upper.length > 1 ? `${upper.slice(0, 1)}${upper.slice(1).toLowerCase()}` : upper;
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
      labels: goMap(labels),
      annotations: goMap(annotations),
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
