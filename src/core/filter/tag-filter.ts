// ImagePolicy filterTags: keep the tags the pattern matches (unanchored) and map each to the value
// the policy compares (the tag itself, or the extract template expanded from the leftmost match).
import { parseTemplate } from './expand.ts';
import type { GoRegex } from './regex.ts';

/** FilteredTags maps each policy input value to the stored tag it came from, in stored order. */
export interface FilteredTags {
  /**
   * byKey maps value-after-extract → original tag. Like Flux's Go map, a later tag with the same
   * key replaces the earlier one; iteration is in first-insertion order (Flux's is random).
   */
  readonly byKey: Map<string, string>;
  /** rejected is how many tags the pattern did not match. */
  readonly rejected: number;
  /** rejectedExamples holds the first few rejected tags, for explain. */
  readonly rejectedExamples: readonly string[];
}

const exampleCount = 5;

/**
 * ExtractMemo remembers the extracted value of tags that matched before, so re-evaluating a policy
 * after a scan that added a few tags extracts only the new ones (extraction is the costly part).
 */
export type ExtractMemo = Map<string, string>;

/** filterTags applies a compiled pattern and extract template to tags in stored order. */
export function filterTags(
  tags: readonly string[],
  pattern: GoRegex | undefined,
  extract: string,
  memo?: ExtractMemo,
): FilteredTags {
  const byKey = new Map<string, string>();
  const rejectedExamples: string[] = [];
  let rejected = 0;
  const template = parseTemplate(extract);
  // A memo grown far past the list it serves holds tags that are gone: start again.
  if (memo && memo.size > 2 * tags.length + 1000) memo.clear();
  for (const tag of tags) {
    if (!pattern) {
      byKey.set(tag, tag);
      continue;
    }
    if (extract === '') {
      // No template: only a yes/no answer is needed, which the DFA gives without captures.
      if (pattern.test(tag)) byKey.set(tag, tag);
      else if (rejected++ < exampleCount) rejectedExamples.push(tag);
      continue;
    }
    if (!pattern.mayMatch(tag)) {
      if (rejected++ < exampleCount) rejectedExamples.push(tag);
      continue;
    }
    const known = memo?.get(tag);
    if (known !== undefined) {
      byKey.set(known, tag);
      continue;
    }
    const match = pattern.findSubmatchIndex(tag);
    if (!match) {
      if (rejected++ < exampleCount) rejectedExamples.push(tag);
      continue;
    }
    const key = template.expand(tag, match, pattern.subexpNames);
    memo?.set(tag, key);
    byKey.set(key, tag);
  }
  return { byKey, rejected, rejectedExamples };
}
