// Compiled policies live between reconciles, so a policy re-evaluated after a scan reuses its
// compiled range and pattern and extracts only the tags it has not seen (see ExtractMemo).
import type { ImagePolicy } from '../api/model.ts';
import { type CompiledPolicy, compilePolicy } from '../core/policy/compile.ts';

const capacity = 64;
const cache = new Map<string, CompiledPolicy>();

/** compiledPolicy returns the compiled spec.policy + spec.filterTags, compiling on first use. */
export function compiledPolicy(spec: ImagePolicy['spec']): CompiledPolicy {
  const key = JSON.stringify([spec.policy, spec.filterTags ?? null]);
  const hit = cache.get(key);
  if (hit) {
    // Least recently used goes first: re-insert to mark as fresh.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const compiled = compilePolicy(spec.policy, spec.filterTags);
  cache.set(key, compiled);
  if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
  return compiled;
}
