// Differential test against the Go types Flux uses (test/go/notify-event, pinned to the
// fluxcd/pkg/apis/event and x/text versions of notification-controller v1.9.3): the generic
// payload bytes and their HMAC must equal json.Marshal(eventv1.Event), and the Alertmanager
// alertname casing must equal cases.Title.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goBinary } from '../../../test/support/go.ts';
import { askGo, seededRandom } from '../../../test/support/go-lines.ts';
import { type Event, rfc3339 } from '../../core/events/event.ts';
import { titleWords } from './alertmanager.ts';
import { eventJSON, hmacSignature } from './generic.ts';

const rand = seededRandom(20261123);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
// Characters Go's encoder treats specially, plus multi-byte and astral ones.
const alphabet = [
  ...'abcXYZ019 -_./:@\'"\\<>&%+=?!#',
  '\n',
  '\r',
  '\t',
  '\b',
  '\f',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u2028',
  '\u2029',
  'é',
  'ß',
  '日本',
  '🚀',
  '\ufffd',
  '\u00a0',
];
const text = (max: number): string =>
  Array.from({ length: Math.floor(rand() * max) }, () => pick(alphabet)).join('');

function randomEvent(): Event {
  const metadata: Record<string, string> = {};
  const n = Math.floor(rand() * 4);
  for (let i = 0; i < n; i++)
    metadata[pick(['', 'event.toolkit.fluxcd.io/', 'image.toolkit.fluxcd.io/']) + text(8)] =
      text(20);
  const e: Event = {
    involvedObject: {
      kind: pick(['ImagePolicy', 'ImageRepository', 'ImageUpdateAutomation', '']),
      namespace: pick(['flux-system', 'apps', '']),
      name: text(12),
      ...(rand() < 0.3 ? { uid: 'c0ffee-1234' } : {}),
      ...(rand() < 0.7 ? { apiVersion: 'image.toolkit.fluxcd.io/v1' } : {}),
      ...(rand() < 0.2 ? { resourceVersion: '42' } : {}),
      ...(rand() < 0.1 ? { fieldPath: 'spec' } : {}),
    },
    severity: pick(['info', 'error', 'trace'] as const),
    timestamp: rfc3339(Math.floor(rand() * 4e12)),
    message: text(60),
    reason: pick(['Succeeded', 'GitOperationFailed', 'ReconciliationFailed', text(10)]),
    reportingController: pick(['image-reflector-controller', 'image-automation-controller']),
  };
  if (n > 0) e.metadata = metadata;
  if (rand() < 0.5) e.reportingInstance = text(10);
  return e;
}

describe('Go differential (notification-controller types)', () => {
  it('generic payload bytes and HMAC equal json.Marshal(eventv1.Event)', async () => {
    const events = Array.from({ length: 3000 }, randomEvent);
    const key = 'differential-key';
    const answers = await askGo<unknown, { json?: string; sig?: string; error?: string }>(
      goBinary('notify-event'),
      events.map((event) => ({ mode: 'event', event, key })),
    );
    events.forEach((e, i) => {
      const a = answers[i]!;
      assert.equal(a.error, undefined);
      const body = eventJSON(e);
      assert.equal(body, a.json, `event ${i}`);
      assert.equal(hmacSignature(body, key), `sha256=${a.sig}`);
    });
  });

  it('alertname casing equals cases.Title(language.Und)', async () => {
    const reasons = [
      'Succeeded',
      'GitOperationFailed',
      'ReconciliationFailed',
      'ImageRepositoryNotReady',
      'ProgressingWithRetry',
      'AccessDenied',
      'invalid_policy',
      'x509Error',
      'dependency-not-ready',
      ...Array.from({ length: 2000 }, () => text(12)),
    ];
    const answers = await askGo<unknown, { text: string }>(
      goBinary('notify-event'),
      reasons.map((t) => ({ mode: 'title', text: t })),
    );
    const diffs = reasons.filter((r, i) => titleWords(r) !== answers[i]!.text);
    assert.deepEqual(
      diffs.slice(0, 12).map((r) => [r, titleWords(r), answers[reasons.indexOf(r)]!.text]),
      [],
    );
  });
});
