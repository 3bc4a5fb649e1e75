// The contract every ObjectStateStore implementation passes (one suite, many implementations).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObjectStateStore } from './object-state.ts';

const ref = { kind: 'ImagePolicy', namespace: 'apps', name: 'web' };
const state = {
  generation: 2,
  specHash: 'abc',
  status: { latestRef: { name: 'ghcr.io/a/b', tag: '1.0.0' }, conditions: [] },
  requestedAt: '2026-01-01T00:00:00Z',
};

/** objectStateContract runs the shared suite against stores made by make. */
export function objectStateContract(name: string, make: () => ObjectStateStore): void {
  describe(`${name} (ObjectStateStore contract)`, () => {
    it('returns what was put, and undefined for unknown objects', () => {
      const s = make();

      s.put(ref, state);

      assert.deepEqual(s.get(ref), state);
      assert.equal(s.get({ ...ref, name: 'other' }), undefined);
      s.close();
    });

    it('replaces state whole and deletes', () => {
      const s = make();
      s.put(ref, state);

      s.put(ref, { generation: 3, specHash: 'def', status: {} });

      assert.deepEqual(s.get(ref), { generation: 3, specHash: 'def', status: {} });
      s.delete(ref);
      assert.equal(s.get(ref), undefined);
      s.close();
    });

    it('does not let callers mutate stored state', () => {
      const s = make();
      s.put(ref, state);

      const got = s.get(ref) as { status: Record<string, unknown> };
      got.status.latestRef = 'changed';

      assert.deepEqual(s.get(ref), state);
      s.close();
    });

    it('lists sorted, optionally by kind, and keeps namespaces apart', () => {
      const s = make();
      s.put({ kind: 'ImageRepository', namespace: 'b', name: 'x' }, state);
      s.put({ kind: 'ImageRepository', namespace: 'a', name: 'x' }, { ...state, specHash: 'a' });
      s.put(ref, state);

      assert.deepEqual(
        s.list('ImageRepository').map((i) => [i.ref.namespace, i.state.specHash]),
        [
          ['a', 'a'],
          ['b', 'abc'],
        ],
      );
      assert.equal(s.list().length, 3);
      s.close();
    });
  });
}
