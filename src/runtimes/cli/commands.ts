import { checkCommand } from './check.ts';
import type { Command } from './command.ts';
import { policySelectCommand } from './policy-select.ts';
import { scanCommand } from './scan.ts';

// One line per command module; keep the list sorted by command path.
/** commands lists every CLI command tagpilot knows. */
export const commands: Command[] = [checkCommand, policySelectCommand, scanCommand];
