import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandTemplate } from './expand.ts';
import { compileGoRegex } from './regex.ts';

// Go Regexp.ExpandString rules (reflector.md §2.6); the Go differential test covers more.
const cases: { pattern: string; tag: string; template: string; want: string }[] = [
  { pattern: 'ver(\\d+)', tag: 'ver12', template: '$1', want: '12' },
  { pattern: 'rel-(.*)', tag: 'rel-1.2.3', template: 'v$1', want: 'v1.2.3' },
  { pattern: '(?P<num>\\d+)', tag: 'a42', template: '$num', want: '42' },
  { pattern: '(?P<num>\\d+)', tag: 'a42', template: '${num}x', want: '42x' },
  { pattern: '(\\d)', tag: '7', template: '$1x', want: '' },
  { pattern: '(\\d)', tag: '7', template: '${1}x', want: '7x' },
  { pattern: '(\\d)', tag: '7', template: '$$1', want: '$1' },
  { pattern: '(\\d)', tag: '7', template: '$0', want: '7' },
  { pattern: '(\\d)', tag: '7', template: '$01', want: '' },
  { pattern: '(\\d)', tag: '7', template: '$-', want: '$-' },
  { pattern: '(\\d)', tag: '7', template: '${1', want: '${1' },
  { pattern: '(\\d)', tag: '7', template: '$9', want: '' },
  { pattern: '(a)|(b)', tag: 'b', template: '[$1][$2]', want: '[][b]' },
  { pattern: '(?<n>x)', tag: 'x', template: '$n$', want: 'x$' },
  { pattern: '(é+)', tag: 'éé', template: '$1-${1}', want: 'éé-éé' },
  { pattern: 'b', tag: 'abc', template: 'lit', want: 'lit' },
];

describe('expandTemplate', () => {
  for (const c of cases) {
    it(`${c.pattern} on ${c.tag} with ${c.template}`, () => {
      const re = compileGoRegex(c.pattern);
      const m = re.findSubmatchIndex(c.tag);
      assert.ok(m, 'pattern must match');

      assert.equal(expandTemplate(c.template, c.tag, m, re.subexpNames), c.want);
    });
  }
});
