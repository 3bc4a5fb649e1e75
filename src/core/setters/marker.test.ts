import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageRefString, parseMarkerComment, setterValue, splitSetterName } from './marker.ts';

describe('parseMarkerComment', () => {
  const cases: [string, string | undefined][] = [
    ['# {"$imagepolicy": "ns:p"}', 'ns:p'],
    ['#{"$imagepolicy":"ns:p:tag"}', 'ns:p:tag'],
    ['### {"$imagepolicy":  "ns:p:name"}', 'ns:p:name'],
    ['# {"$imagepolicy": "ns:p", "other": "x"}', 'ns:p'],
    ['# {"$imagepolicy": "ns:p", "other": null}', 'ns:p'],
    ['# {"$imagepolicy": "ns:\\u0070"}', 'ns:p'],
    ['# {"$imagepolicy": "a", "$imagepolicy": "ns:last"}', 'ns:last'],
    ['# {"$imagepolicy": "ns:p", "n": 1}', undefined],
    ['# {"$imagepolicy": "ns:p"} # note', undefined],
    ['# {"$imagepolicy": ""}', undefined],
    ['# {"$imagepolicy": null}', undefined],
    ['# ["$imagepolicy"]', undefined],
    ['# {"$IMAGEPOLICY": "ns:p"}', undefined],
    ['# {\u201c$imagepolicy\u201d: \u201cns:p\u201d}', undefined],
    ['# plain comment', undefined],
    ['# line one\n# {"$imagepolicy": "ns:p"}', undefined],
  ];
  for (const [comment, want] of cases) {
    it(JSON.stringify(comment), () => assert.equal(parseMarkerComment(comment), want));
  }
});

describe('splitSetterName', () => {
  const cases: [string, unknown][] = [
    ['ns:p', { policyKey: 'ns:p', field: 'image' }],
    ['ns:p:tag', { policyKey: 'ns:p', field: 'tag' }],
    ['ns:p:name', { policyKey: 'ns:p', field: 'name' }],
    ['ns:p:digest', { policyKey: 'ns:p', field: 'digest' }],
    ['ns:p:version', { policyKey: 'ns:p' }],
    ['p', undefined],
    ['a:b:c:d', undefined],
  ];
  for (const [name, want] of cases) {
    it(name, () => assert.deepEqual(splitSetterName(name), want));
  }
});

describe('setter values', () => {
  const ref = { name: 'ghcr.io/a/b', tag: '1.0', digest: 'sha256:abc' };
  const cases: [string, string][] = [
    [imageRefString(ref), 'ghcr.io/a/b:1.0@sha256:abc'],
    [imageRefString({ name: 'localhost:5000/x', tag: 'v1' }), 'localhost:5000/x:v1'],
    [setterValue(ref, 'tag'), '1.0'],
    [setterValue(ref, 'name'), 'ghcr.io/a/b'],
    [setterValue(ref, 'digest'), 'sha256:abc'],
    [setterValue({ name: 'x', tag: '1' }, 'digest'), ''],
  ];
  cases.forEach(([got, want], i) => {
    it(`case ${i}: ${want}`, () => assert.equal(got, want));
  });
});
