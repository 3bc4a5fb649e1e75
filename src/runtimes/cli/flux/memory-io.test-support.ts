// An in-memory CliIO for tests that run commands in-process.
import { PassThrough } from 'node:stream';
import type { CliIO } from '../command.ts';

/** MemoryIO is a CliIO whose output is collected as text. */
export interface MemoryIO extends CliIO {
  out(): string;
  err(): string;
}

/** memoryIO returns a CliIO that records stdout/stderr (not TTYs) with the given environment. */
export function memoryIO(env: NodeJS.ProcessEnv = {}): MemoryIO {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  stderr.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  const stdin = new PassThrough();
  stdin.end();
  return { stdout, stderr, stdin, env, cwd: process.cwd(), out: () => out, err: () => err };
}
