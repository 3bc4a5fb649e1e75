// Talks to a Go differential harness that answers one JSON line per JSON request line.
import { spawn } from 'node:child_process';

/** askGo sends every request to the harness binary in one process and returns its answers in order. */
export function askGo<Req, Res>(bin: string, requests: readonly Req[]): Promise<Res[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${bin} exited with ${code}`));
      const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
      if (lines.length !== requests.length) {
        return reject(new Error(`${bin} answered ${lines.length} of ${requests.length} requests`));
      }
      resolve(lines.map((l) => JSON.parse(l) as Res));
    });
    child.stdin.end(`${requests.map((r) => JSON.stringify(r)).join('\n')}\n`);
  });
}

/** seededRandom is a small deterministic PRNG (mulberry32) so generated cases are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
