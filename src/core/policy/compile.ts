// Builds a policy from an ImagePolicy spec the way Flux's factory does, validating everything
// that would stall the object (bad range, bad pattern) up front.
import { compileGoRegex, type GoRegex, RegexSyntaxError } from '../filter/regex.ts';
import type { ExtractMemo } from '../filter/tag-filter.ts';
import { rankAlphabetical } from './alphabetical.ts';
import { fluxMessages, InvalidPolicyError } from './errors.ts';
import { rankNumerical } from './numerical.ts';
import type { Policer } from './policer.ts';
import { semverPolicer } from './semver-policy.ts';
import type { PolicyChoice, TagFilter } from './types.ts';

/** CompiledPolicy is a validated policy choice plus its compiled tag filter. */
export interface CompiledPolicy {
  readonly policer: Policer;
  readonly filter?: {
    readonly source: string;
    readonly pattern: GoRegex | undefined;
    readonly extract: string;
    /** memo keeps extracted values between evaluations of this compiled policy. */
    readonly memo: ExtractMemo;
  };
}

/** compilePolicy validates and compiles spec.policy and spec.filterTags, or throws InvalidPolicyError. */
export function compilePolicy(choice: PolicyChoice, filter?: TagFilter): CompiledPolicy {
  const policer = policerFor(choice);
  if (!filter) return { policer };
  let pattern: GoRegex | undefined;
  if (filter.pattern !== '') {
    try {
      pattern = compileGoRegex(filter.pattern);
    } catch (err) {
      if (!(err instanceof RegexSyntaxError)) throw err;
      const message = fluxMessages.invalidPattern(filter.pattern, err.message);
      throw new InvalidPolicyError(
        'spec.filterTags.pattern',
        filter.pattern,
        message,
        `failed to filter tags: ${message}`,
      );
    }
  }
  return {
    policer,
    filter: { source: filter.pattern, pattern, extract: filter.extract, memo: new Map() },
  };
}

function policerFor(choice: PolicyChoice): Policer {
  switch (choice.kind) {
    case 'semver':
      return semverPolicer(choice.range);
    case 'numerical':
      checkOrder(choice.order, 'spec.policy.numerical.order');
      return {
        description: `numerical ${choice.order}`,
        rank: (v) => rankNumerical(v, choice.order),
      };
    case 'alphabetical':
      checkOrder(choice.order, 'spec.policy.alphabetical.order');
      return {
        description: `alphabetical ${choice.order}`,
        rank: (v) => rankAlphabetical(v, choice.order),
      };
    default: {
      const message = fluxMessages.invalidChoice;
      throw new InvalidPolicyError(
        'spec.policy',
        JSON.stringify(choice),
        message,
        `invalid policy: ${message}`,
      );
    }
  }
}

/** checkOrder guards callers that bypass the api layer (which already rejects other values). */
function checkOrder(order: string, field: string): void {
  if (order === 'asc' || order === 'desc') return;
  const message = fluxMessages.invalidOrder(order.toUpperCase());
  throw new InvalidPolicyError(field, order, message, `invalid policy: ${message}`);
}
