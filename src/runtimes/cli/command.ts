/** CliIO is everything a command may touch of its process: streams, environment, terminal. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Command is one CLI verb path (e.g. `policy select`) and how to run it. */
export interface Command {
  /** path is the words that select the command, e.g. ['policy', 'select']. */
  readonly path: readonly string[];
  readonly summary: string;
  /** usage is printed by `--help` and after a UsageError. */
  readonly usage: string;
  /** run returns the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** UsageError reports bad command-line arguments; the CLI prints it with usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** writeLine writes text plus a newline to a stream. */
export function writeLine(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${text}\n`);
}
