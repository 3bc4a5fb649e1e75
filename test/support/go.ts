// Builds the Go test harnesses under test/go/<name> once and caches the binary outside the repo.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const repoRoot = join(import.meta.dirname, '..', '..');

/** cacheDir is where Go-built test binaries live (override with TAGPILOT_CACHE). */
export const cacheDir = process.env.TAGPILOT_CACHE ?? join(homedir(), '.cache', 'tagpilot');

function sourceHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(go|mod|sum)$/.test(e.name)) h.update(relative(dir, p)).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 16);
}

/** goBinary returns the path of the built harness test/go/<name>, building it when missing. */
export function goBinary(name: string): string {
  const src = join(repoRoot, 'test', 'go', name);
  if (!statSync(src).isDirectory()) throw new Error(`no Go harness at ${src}`);
  const bin = join(cacheDir, 'go-bin', `${name}-${sourceHash(src)}`);
  if (existsSync(bin)) return bin;
  mkdirSync(join(cacheDir, 'go-bin'), { recursive: true });
  const tmp = `${bin}.tmp-${process.pid}`;
  const env: NodeJS.ProcessEnv = { ...process.env, CGO_ENABLED: '0' };
  // A harness may carry a file-system module proxy (test/go/<name>/goproxy) for the few files
  // proxy.golang.org refuses; it is consulted first, everything else comes from the usual proxy.
  const overlay = join(src, 'goproxy');
  if (existsSync(overlay)) {
    const upstream = execFileSync('go', ['env', 'GOPROXY'], { cwd: src, env }).toString().trim();
    env.GOPROXY = `${pathToFileURL(overlay).href},${upstream}`;
  }
  execFileSync('go', ['build', '-o', tmp, '.'], {
    cwd: src,
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  renameSync(tmp, bin);
  return bin;
}

/** goHarnessNames lists the Go harness directories under test/go. */
export function goHarnessNames(): string[] {
  const root = join(repoRoot, 'test', 'go');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'go.mod')))
    .map((e) => e.name);
}
