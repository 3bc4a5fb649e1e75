import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unifiedDiff } from './diff.ts';

const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`): string =>
  `${Array.from({ length: n }, (_, i) => f(i + 1)).join('\n')}\n`;

describe('unifiedDiff', () => {
  const cases = [
    { name: 'equal texts', a: 'x\n', b: 'x\n', want: '' },
    {
      name: 'one changed line in the middle',
      a: lines(10),
      b: lines(10, (i) => (i === 5 ? 'five' : `line ${i}`)),
      want: '--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+five\n line 6\n line 7\n line 8\n',
    },
    {
      name: 'two far-apart changes make two hunks',
      a: lines(20),
      b: lines(20, (i) => (i === 2 || i === 18 ? `new ${i}` : `line ${i}`)),
      want:
        '--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+new 2\n line 3\n line 4\n line 5\n' +
        '@@ -15,6 +15,6 @@\n line 15\n line 16\n line 17\n-line 18\n+new 18\n line 19\n line 20\n',
    },
    {
      name: 'a removed line (block scalar collapsed)',
      a: 'a: |\n  x\nb: 1\n',
      b: 'a: "y"\nb: 1\n',
      want: '--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n-a: |\n-  x\n+a: "y"\n b: 1\n',
    },
    {
      name: 'CRLF shown without carriage returns',
      a: 'a: 1\r\n',
      b: 'a: 2\r\n',
      want: '--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-a: 1\n+a: 2\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(unifiedDiff('f', c.a, c.b), c.want);
    });
  }
});
