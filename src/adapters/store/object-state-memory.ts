import { type ObjectRef, type ObjectState, type ObjectStateStore, refKey } from './object-state.ts';

/** MemoryObjectStateStore keeps object state in memory (tests, `run --once` without a state dir). */
export class MemoryObjectStateStore implements ObjectStateStore {
  readonly #items = new Map<string, { ref: ObjectRef; state: ObjectState }>();

  get(ref: ObjectRef): ObjectState | undefined {
    return structuredClone(this.#items.get(refKey(ref))?.state);
  }

  put(ref: ObjectRef, state: ObjectState): void {
    this.#items.set(refKey(ref), { ref: { ...ref }, state: structuredClone(state) });
  }

  delete(ref: ObjectRef): void {
    this.#items.delete(refKey(ref));
  }

  list(kind?: string): { ref: ObjectRef; state: ObjectState }[] {
    return [...this.#items.values()]
      .filter((i) => kind === undefined || i.ref.kind === kind)
      .sort((a, b) => (refKey(a.ref) < refKey(b.ref) ? -1 : 1))
      .map((i) => structuredClone(i));
  }

  close(): void {}
}
