// node:util parseArgs as every image command uses it: positionals allowed, unknown flags refused.
import { parseArgs } from 'node:util';
import { UsageError } from '../command.ts';

/** Options are parseArgs option definitions. */
export type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** parseFlags is parseArgs with positionals, reporting bad flags as usage errors (exit 2). */
export function parseFlags(
  args: string[],
  options: Options,
): {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
} {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err), { cause: err });
  }
}
