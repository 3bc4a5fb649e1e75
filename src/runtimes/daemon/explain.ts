// Why an ImagePolicy picks its tag, recomputed from the stored tags (`tagpilot explain policy`).
import type { TagStore } from '../../adapters/store/tag-store.ts';
import type { ImagePolicy } from '../../api/model.ts';
import { InvalidPolicyError, PolicyEvaluationError } from '../../core/policy/errors.ts';
import { selectLatest } from '../../core/policy/select.ts';
import { compiledPolicy } from '../../reconcile/policy-cache.ts';
import type { PolicyExplanation } from './engine-types.ts';

/** explainStoredPolicy runs the policy's selection on its repository's stored tags. */
export function explainStoredPolicy(policy: ImagePolicy, tags: TagStore): PolicyExplanation {
  const stored = [...tags.tagsDescending(policy.spec.imageRepositoryRef)];
  try {
    const selection = selectLatest(compiledPolicy(policy.spec), stored);
    return { tag: selection.tag, explain: selection.explain };
  } catch (err) {
    if (err instanceof PolicyEvaluationError) return { error: err.message, explain: err.explain };
    if (err instanceof InvalidPolicyError) return { error: err.conditionMessage };
    throw err;
  }
}
