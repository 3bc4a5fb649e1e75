// A small bounded memo: large repositories repeat the same patterns and ranges thousands of
// times, and compiling them (RE2, semver) dominates loading otherwise.

/** Memo caches results of a pure function of a string key, keeping at most `max` entries. */
export class Memo<V> {
  readonly #max: number;
  readonly #entries = new Map<string, V>();
  constructor(max: number) {
    this.#max = max;
  }

  /** get returns the cached value for key, computing and storing it on a miss. */
  get(key: string, compute: () => V): V {
    const hit = this.#entries.get(key);
    if (hit !== undefined || this.#entries.has(key)) return hit as V;
    const value = compute();
    if (this.#entries.size >= this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, value);
    return value;
  }
}
