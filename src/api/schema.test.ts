import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dotted, lookupField, obj, type Schema, str, validate, withoutFields } from './schema.ts';
import { parseYamlDocuments } from './yaml-documents.ts';

const spec = obj({
  'policy!': obj({
    semver: obj({ 'range!': str() }),
    numerical: obj({ order: str({ enum: ['asc', 'desc'] }) }),
  }),
  filterTags: obj({ pattern: str() }),
  imageRepositoryRef: obj({ 'name!': str() }),
});
const root = obj({ spec });

describe('validate', () => {
  const cases: { name: string; value: unknown; want: string[] }[] = [
    { name: 'valid', value: { spec: { policy: { semver: { range: '1.x' } } } }, want: [] },
    { name: 'required missing', value: { spec: {} }, want: ['error spec.policy is required'] },
    {
      name: 'null counts as absent',
      value: { spec: { policy: null } },
      want: ['error spec.policy is required'],
    },
    {
      name: 'enum',
      value: { spec: { policy: { numerical: { order: 'up' } } } },
      want: ['error spec.policy.numerical.order must be one of asc, desc'],
    },
    {
      name: 'child one level too high',
      value: { spec: { policy: {}, semver: { range: 'x' } } },
      want: [
        'warning spec.semver unknown field, ignored (Kubernetes drops it); did you mean spec.policy.semver?',
      ],
    },
    {
      name: 'child one level too deep',
      value: { spec: { policy: { filterTags: {} } } },
      want: [
        'warning spec.policy.filterTags unknown field, ignored (Kubernetes drops it); did you mean spec.filterTags?',
      ],
    },
    {
      name: 'letter case',
      value: { spec: { policy: {}, imagerepositoryref: {} } },
      want: [
        'warning spec.imagerepositoryref unknown field, ignored (Kubernetes drops it); did you mean spec.imageRepositoryRef?',
      ],
    },
    {
      name: 'reference as a string',
      value: { spec: { policy: {}, imageRepositoryRef: 'web' } },
      want: [
        'error spec.imageRepositoryRef must be a mapping, not a string (write it as name: "web" under this field)',
      ],
    },
    {
      name: 'list where a mapping is needed',
      value: { spec: [1] },
      want: ['error spec must be a mapping, not a list'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = validate(c.value, root).map(
        (i) => `${i.severity} ${dotted(i.path)} ${i.message}`,
      );
      assert.deepEqual(got, c.want);
    });
  }

  it('notes fields that only a newer version has', () => {
    const old = obj({ spec: withoutFields(spec, ['filterTags']) });
    const issues = validate({ spec: { policy: {}, filterTags: {} } }, old, {
      newer: { schema: root, label: 'v9' },
    });
    assert.deepEqual(
      issues.map((i) => i.message),
      ['unknown field, ignored (Kubernetes drops it); it is a field of v9 only'],
    );
  });

  it('withoutFields removes nested fields and keeps the original intact', () => {
    const smaller = withoutFields(spec, ['policy.numerical']);
    assert.equal(lookupField(smaller, ['policy', 'numerical']), undefined);
    assert.notEqual(lookupField(spec, ['policy', 'numerical']), undefined);
    assert.equal((lookupField(smaller, ['policy', 'semver', 'range']) as Schema).type, 'string');
  });

  it('dotted renders list indexes', () =>
    assert.equal(dotted(['spec', 'list', 0, 'name']), 'spec.list[0].name'));
});

describe('parseYamlDocuments', () => {
  it('numbers documents and locates keys, list items and missing fields', () => {
    const text = '# c\n---\na: 1\n---\n\nspec:\n  list:\n    - x\n    - name: y\n';
    const r = parseYamlDocuments(text, 'f.yaml');
    assert.deepEqual(r.diagnostics, []);
    // A leading comment belongs to the first document, as kubectl reads it.
    assert.deepEqual(
      r.documents.map((d) => d.index),
      [1, 2],
    );
    const doc = r.documents[1];
    assert.deepEqual(doc?.locate(['spec', 'list', 1, 'name']), { line: 9, column: 7 });
    assert.deepEqual(doc?.locate(['spec', 'list', 0]), { line: 8, column: 7 });
    assert.deepEqual(doc?.locate(['spec', 'missing']), { line: 6, column: 1 });
  });
});
