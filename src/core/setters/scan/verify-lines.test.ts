// The line-local edit check must refuse every edit that changes more than the marked values, and
// hand what it cannot read to the general check.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spliceText } from '../apply-file.ts';
import { locateMarkers } from '../locate.ts';
import type { Splice } from '../render.ts';
import { scanBlockYaml } from './block-scanner.ts';
import { verifyEditedLines } from './verify-lines.ts';

const text = [
  'spec:',
  '  containers:',
  '  - name: app',
  '    image: ghcr.io/acme/app:1.0 # {"$imagepolicy": "ns:p"}',
  '  tags:',
  '  - v1 # {"$imagepolicy": "ns:p:tag"}',
  '',
].join('\n');

function setup(texts: readonly string[], after?: (edited: string) => string) {
  const outline = scanBlockYaml(text);
  assert.ok(outline);
  const { marked } = locateMarkers(outline);
  assert.equal(marked.length, 2);
  const edited = marked.map((m, i) => {
    const splices: Splice[] = [{ start: m.start, end: m.end, text: texts[i] as string }];
    const value = m.setter.endsWith(':tag') ? 'v2' : 'ghcr.io/acme/app:2.0';
    return { marked: m, value, splices };
  });
  let next = spliceText(
    text,
    edited.flatMap((e) => e.splices),
  );
  if (after) next = after(next);
  let generalCalled = false;
  const why = verifyEditedLines(outline, next, edited, () => {
    generalCalled = true;
    return 'general';
  });
  return { why, generalCalled };
}

describe('verifyEditedLines', () => {
  it('accepts exactly the intended values, plain or quoted', () => {
    assert.deepEqual(setup(['ghcr.io/acme/app:2.0', 'v2']), {
      why: undefined,
      generalCalled: false,
    });
    assert.deepEqual(setup(['"ghcr.io/acme/app:2.0"', "'v2'"]), {
      why: undefined,
      generalCalled: false,
    });
  });
  it('refuses a value that reads back differently', () => {
    assert.match(setup(['ghcr.io/acme/app:2.0', 'v3']).why ?? '', /would read back as "v3"/);
  });
  it('refuses an edit that changes the structure of its line', () => {
    assert.match(setup(['a: b', 'v2']).why ?? '', /general|changed/);
    assert.match(setup(['ghcr.io/acme/app:2.0', 'v2 # extra']).why ?? '', /changed/);
  });
  it('refuses a byte changed outside the edited lines', () => {
    const r = setup(['ghcr.io/acme/app:2.0', 'v2'], (t) => t.replace('name: app', 'name: apq'));
    assert.match(r.why ?? '', /changed outside/);
    const tail = setup(['ghcr.io/acme/app:2.0', 'v2'], (t) => `${t}x`);
    assert.match(tail.why ?? '', /changed outside/);
  });
  it('hands values it cannot read (escapes) to the general check', () => {
    assert.deepEqual(setup(['"ghcr.io/acme/app:2.0\\u0041"', 'v2']), {
      why: 'general',
      generalCalled: true,
    });
  });
});
