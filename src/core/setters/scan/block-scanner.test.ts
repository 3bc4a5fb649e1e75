// The fast scanner against the general parser: on every golden input and on thousands of
// generated files, whenever the scanner accepts a file, its outline and the setters' outcome
// must be exactly the general path's; and it must never accept a file the general parser refuses.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../../test/support/go-lines.ts';
import { applySettersToFile } from '../apply-file.ts';
import type { Outline } from '../outline.ts';
import { outlineFromYaml } from '../outline-yaml.ts';
import { parseFile } from '../parse.ts';
import { randomBlockYaml } from '../testing/random-block-yaml.ts';
import { scanBlockYaml } from './block-scanner.ts';

// What the setters read of an outline. Documents without slots or identity change nothing and
// are left out (the general parser also lists empty ones); a block scalar's value is its raw body
// in the fast outline, so only its span is compared.
function comparable(o: Outline) {
  const documents = o.documents
    .filter((d) => d.slots.length > 0 || Object.values(d.object).some((v) => v !== ''))
    .map((d) => ({
      object: d.object,
      slots: d.slots.map((s) => ({ ...s, value: s.style.startsWith('BLOCK') ? '' : s.value })),
    }));
  return {
    documents,
    collectionLines: [...o.collectionLines].sort((a, b) => a - b),
    comments: o.lines.commentOffsets(),
    lineCount: o.lines.lineCount,
  };
}

function general(text: string): Outline | string {
  const parsed = parseFile(text);
  return 'error' in parsed ? parsed.error.message : outlineFromYaml(parsed);
}

const latest = new Map([
  ['ns:p0', { name: 'ghcr.io/acme/new', tag: '2.0' }],
  ['ns:p1', { name: 'ghcr.io/acme/other', tag: 'v1.2.3', digest: `sha256:${'b'.repeat(64)}` }],
]);

function assertSameAsGeneral(text: string, label: string): boolean {
  const fast = scanBlockYaml(text);
  if (!fast) return false;
  const slow = general(text);
  assert.notEqual(
    typeof slow,
    'string',
    `${label}: accepted a file the parser refuses: ${slow}\n${text}`,
  );
  assert.deepEqual(comparable(fast), comparable(slow as Outline), `${label}\n${text}`);
  const a = applySettersToFile('f.yaml', text, latest);
  const b = applySettersToFile('f.yaml', text, latest, { parser: 'general' });
  assert.deepEqual(a, b, `${label}: outcome\n${text}`);
  return true;
}

function yamlInputs(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      continue; // dangling symlinks in the symlink cases
    }
    if (st.isDirectory()) yamlInputs(p, out);
    else if (/\.ya?ml$/.test(name) && p.includes('/input/')) out.push(p);
  }
  return out;
}

describe('fast block scanner', () => {
  it('declines what it does not handle', () => {
    const declined = {
      tab: 'a:\tb\n',
      loneCarriageReturn: 'a: b\rc: d\n',
      bom: '\ufeffa: b\n',
      anchor: 'a: &x b\nc: *x\n',
      tag: 'a: !!str b\n',
      flowMapping: 'a: {b: c}\n',
      nestedFlow: 'a: [b, [c]]\n',
      trailingComma: 'a: [b, c,]\n',
      escape: 'a: "b\\"c"\n',
      multiLinePlain: 'a: b\n  c\n',
      multiLineQuoted: 'a: "b\n  c"\n',
      rootSequence: '- a\n',
      indentedRoot: '  a: b\n',
      headCommentMarker: 'a:\n  # {"$imagepolicy": "ns:p"}\n  - b\n',
      markerOnCollection: 'a: # {"$imagepolicy": "ns:p"}\n  b: c\n',
      directive: '%YAML 1.2\n---\na: b\n',
      documentEnd: 'a: b\n...\n',
      nestedCompactSequence: 'a:\n  - - b\n',
      numericName: 'metadata:\n  name: 123\n',
      duplicateKind: 'kind: A\nkind: B\n',
      indentationIndicator: 'a: |2\n   b\n',
    };
    for (const [name, text] of Object.entries(declined)) {
      assert.equal(scanBlockYaml(text), undefined, name);
    }
  });

  it('outlines a manifest with its identity, slots and comments', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: app',
      'spec:',
      '  containers:',
      '  - name: app',
      '    image: ghcr.io/acme/app:1.0 # {"$imagepolicy": "ns:p0"}',
      '    args: []',
      '',
    ].join('\n');
    const o = scanBlockYaml(text);
    assert.ok(o);
    assert.deepEqual(o.documents[0]?.object, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'app',
      namespace: '',
    });
    assert.deepEqual(
      o.documents[0]?.slots.map((s) => s.value),
      ['apps/v1', 'Deployment', 'app', 'app', 'ghcr.io/acme/app:1.0'],
    );
    assert.equal(assertSameAsGeneral(text, 'manifest'), true);
    // The same with CRLF line ends, and with a one-line flow sequence of arguments.
    assert.equal(assertSameAsGeneral(text.replaceAll('\n', '\r\n'), 'manifest, CRLF'), true);
    const args = text.replace('args: []', `args: ["--port", '8080', --verbose]`);
    assert.equal(assertSameAsGeneral(args, 'manifest, flow args'), true);
    assert.deepEqual(
      scanBlockYaml(args)
        ?.documents[0]?.slots.slice(-3)
        .map((s) => [s.place.kind, s.value]),
      [
        ['flow', '--port'],
        ['flow', '8080'],
        ['flow', '--verbose'],
      ],
    );
  });

  it('matches the general parser on every golden input it accepts', () => {
    const files = yamlInputs(join(import.meta.dirname, '..', 'testdata'));
    let accepted = 0;
    for (const f of files) if (assertSameAsGeneral(readFileSync(f, 'utf8'), f)) accepted++;
    assert.ok(
      accepted >= 40,
      `only ${accepted} of ${files.length} golden inputs took the fast path`,
    );
  });

  it('matches the general parser on 4,000 generated files, and never accepts a broken one', () => {
    const rnd = seededRandom(20261123);
    let accepted = 0;
    let refusedByParser = 0;
    for (let i = 0; i < 4000; i++) {
      const text = randomBlockYaml(rnd);
      if (typeof general(text) === 'string') refusedByParser++;
      if (assertSameAsGeneral(text, `case ${i}`)) accepted++;
    }
    // Both paths must be exercised for the comparison to mean something.
    assert.ok(accepted >= 800, `only ${accepted} generated files took the fast path`);
    assert.ok(refusedByParser >= 200, `only ${refusedByParser} generated files were broken`);
  });
});
