import type { Command } from './command.ts';

// One line per command module; keep the list sorted by command path.
/** commands lists every CLI command tagpilot knows. */
export const commands: Command[] = [];
