// pino behind the Logger port: JSON lines, or short readable lines on a terminal.
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from './logger.ts';

const levelNames: Record<number, string> = { 20: 'DBG', 30: 'INF', 40: 'WRN', 50: 'ERR' };

function prettyStream(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line === '') continue;
        try {
          const {
            level,
            time,
            msg,
            pid: _p,
            hostname: _h,
            ...fields
          } = JSON.parse(line) as Record<string, unknown>;
          const when = new Date(Number(time)).toISOString().slice(11, 19);
          const rest = Object.entries(fields).map(
            ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
          );
          out.write(
            `${when} ${levelNames[Number(level)] ?? level} ${String(msg)} ${rest.join(' ')}\n`,
          );
        } catch {
          out.write(`${line}\n`);
        }
      }
      done();
    },
  });
}

/** createLogger returns a pino logger writing to out (pretty when out is a TTY). */
export function createLogger(
  out: NodeJS.WritableStream & { isTTY?: boolean },
  level = 'info',
): Logger {
  // base: null drops pid and hostname from every line.
  const base = pino({ level, base: null }, out.isTTY ? prettyStream(out) : out);
  return {
    debug: (f, m) => base.debug(f, m),
    info: (f, m) => base.info(f, m),
    warn: (f, m) => base.warn(f, m),
    error: (f, m) => base.error(f, m),
  };
}
