#!/usr/bin/env -S node --max-semi-space-size=4
// A small young generation keeps the daemon's resident memory near its live heap (measured in
// docs/performance.md); other launchers can pass it in NODE_OPTIONS.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';
import { commands } from './commands.ts';

/** findCommand picks the command whose path is the longest prefix of argv. */
export function findCommand<C extends { readonly path: readonly string[] }>(
  list: readonly C[],
  argv: readonly string[],
): { command: C; rest: string[] } | undefined {
  let best: C | undefined;
  for (const c of list) {
    if (c.path.every((w, i) => argv[i] === w) && (!best || c.path.length > best.path.length)) {
      best = c;
    }
  }
  return best ? { command: best, rest: argv.slice(best.path.length) } : undefined;
}

function help(io: CliIO): void {
  writeLine(io.stdout, 'tagpilot: image-update automation for GitOps (reads Flux manifests)\n');
  writeLine(io.stdout, 'Commands:');
  const rows = [...commands].sort((a, b) => a.path.join(' ').localeCompare(b.path.join(' ')));
  for (const c of rows) writeLine(io.stdout, `  ${c.path.join(' ').padEnd(28)} ${c.summary}`);
  writeLine(io.stdout, '\nRun `tagpilot <command> --help` for a command’s flags.');
}

/** runCli runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    help(io);
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(commands, argv);
  if (!found) {
    writeLine(io.stderr, `✗ unknown command "${argv.join(' ')}"; run \`tagpilot --help\``);
    return 2;
  }
  const command: Command = await found.command.load();
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    writeLine(io.stdout, command.usage);
    return 0;
  }
  try {
    return await command.run(found.rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      writeLine(io.stderr, `✗ ${err.message}`);
      writeLine(io.stderr, command.usage);
      return 2;
    }
    writeLine(io.stderr, `✗ ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  // A reader that stops early (`tagpilot get images all | head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const io: CliIO = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`✗ internal error: ${String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
