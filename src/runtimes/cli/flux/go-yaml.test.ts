import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { goBinary } from '../../../../test/support/go.ts';
import { askGo, seededRandom } from '../../../../test/support/go-lines.ts';
import { type JsonValue, marshalGoYaml } from './go-yaml.ts';

interface Answer {
  yaml?: string;
  error?: string;
}

const strings = [
  '',
  'plain',
  '>=1.20.x',
  '^v1.0.0',
  '^main-[a-f0-9]+-(?P<ts>[0-9]+)',
  '$ts',
  '{{range .Updated.Images}}{{println .}}{{end}}',
  'key: value',
  'a #comment',
  'a#b',
  '- item',
  '-1',
  '0x1F',
  '017',
  '08',
  '1_000',
  '1.5e3',
  '.5',
  '.inf',
  'yes',
  'Off',
  '~',
  'null',
  '1:20',
  '2024-01-02',
  '2024-02-30',
  '2024-1-2T3:4:5Z',
  '2024-01-02 03:04:05.5',
  ' leading',
  'trailing ',
  'tab\there',
  "quote 's",
  'multi\nline',
  'multi\nline\n',
  'ends\n\n',
  '\nleading break',
  'trailing space \nx',
  'x\n y',
  'émoji 🚀 ok',
  'nbsp\u00a0x',
  '\ufeffbom',
  '---',
  '...x',
  '@at',
  '`tick',
  '%pct',
  'Automated image update by Flux for the team who wants really long commit message lines',
  "Automated 'image' update by Flux: for the team who wants really long commit message lines",
  'tab\tAutomated image update by Flux for the team who wants really long commit message lines',
  'Automated image update by Flux for the team who wants really long  commit  message  lines',
];

function randomString(rand: () => number): string {
  const alphabet = [
    'a',
    'Z',
    '0',
    '9',
    ' ',
    ':',
    '#',
    '-',
    "'",
    '"',
    '\n',
    '\t',
    '{',
    '[',
    ',',
    '.',
    'é',
    '_',
    '?',
  ];
  const len = Math.floor(rand() * 12);
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  if (rand() < 0.1) s = `${'word '.repeat(20)}${s}`;
  return s;
}

describe('marshalGoYaml matches sigs.k8s.io/yaml', () => {
  let bin = '';
  before(() => {
    bin = goBinary('flux-export');
  });

  it('writes every tricky string as a value, a key and a list item like Go', async () => {
    const rand = seededRandom(8);
    const all = [...strings, ...Array.from({ length: 400 }, () => randomString(rand))];
    const docs: JsonValue[] = all.map((s) => ({
      spec: { deep: { value: s } },
      list: [s, { k: s }],
      // Kubernetes keys never hold line breaks; long or multi-line keys would be `? ` complex keys.
      [s === '' || s.includes('\n') || s.length > 128 ? 'key' : s]: 'x',
    }));
    const answers = await askGo<{ object: JsonValue; raw: boolean }, Answer>(
      bin,
      docs.map((object) => ({ object, raw: true })),
    );
    docs.forEach((doc, i) => {
      assert.equal(answers[i]?.error, undefined);
      assert.equal(marshalGoYaml(doc), answers[i]?.yaml, `case ${JSON.stringify(all[i])}`);
    });
  });

  it('orders keys like yaml.v2 (digit runs by value) and writes nested shapes like Go', async () => {
    const docs: JsonValue[] = [
      { b10: 1, b9: 2, a: true, 'a-0': null, a00: 'x', a0: 'y', Z: 'u', é: 'v' },
      { m: {}, l: [], n: [[1, 2], [], [{}]], s: [{ a: 1, b: [1] }] },
      {
        metadata: { labels: { 'app.kubernetes.io/name': 'x', 'app.kubernetes.io/instance': 'y' } },
      },
    ];
    const answers = await askGo<{ object: JsonValue; raw: boolean }, Answer>(
      bin,
      docs.map((object) => ({ object, raw: true })),
    );
    for (const [i, doc] of docs.entries()) assert.equal(marshalGoYaml(doc), answers[i]?.yaml);
  });
});
