// Identifies a process by pid *and* start time, so a lock or directory left behind by a killed
// process is recognised as stale even after the pid is reused by an unrelated process.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** ProcessIdentity is who owns a lock or a run directory. */
export interface ProcessIdentity {
  readonly pid: number;
  /** Kernel start time in clock ticks since boot (Linux /proc); empty when unknown. */
  readonly start: string;
  readonly host: string;
}

function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm (field 2) may contain spaces and ')'; fields after the last ')' are fixed.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0] ?? '', start: rest[19] ?? '' };
  } catch {
    return undefined;
  }
}

let self: ProcessIdentity | undefined;

/** selfIdentity returns this process's identity. */
export function selfIdentity(): ProcessIdentity {
  self ??= { pid: process.pid, start: procStat(process.pid)?.start ?? '', host: hostname() };
  return self;
}

/** isAlive tells whether the identified process still runs (zombies and reused pids count as dead). */
export function isAlive(id: ProcessIdentity): boolean {
  if (id.host !== selfIdentity().host) return true; // cannot see other hosts: assume alive
  if (id.pid === process.pid) return id.start === selfIdentity().start;
  try {
    process.kill(id.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const st = procStat(id.pid);
  if (st === undefined) return process.platform !== 'linux';
  if (st.state === 'Z' || st.state === 'X') return false;
  return id.start === '' || st.start === id.start;
}

/** identityTag renders an identity as a file-name-safe string `<pid>-<start>`. */
export function identityTag(id: ProcessIdentity = selfIdentity()): string {
  return `${id.pid}-${id.start || '0'}`;
}

/** parseIdentityTag reverses identityTag for this host; undefined when the name is not a tag. */
export function parseIdentityTag(tag: string): ProcessIdentity | undefined {
  const m = /^(\d+)-(\d+)(?:-|$)/.exec(tag);
  if (m === null) return undefined;
  return { pid: Number(m[1]), start: m[2] === '0' ? '' : m[2]!, host: selfIdentity().host };
}
