// Runs the Go harness in this directory (Go text/template + sprig's hermetic map, built like
// Flux's commit template) over many cases in one process: JSON lines in, JSON lines out.
import { spawnSync } from 'node:child_process';
import { goBinary } from '../../support/go.ts';

/** OracleCase is one template to render; commit mode builds Flux's TemplateData from `data`. */
export interface OracleCase {
  readonly template: string;
  readonly data?: unknown;
  readonly mode?: 'json' | 'commit';
  readonly name?: string;
}

/** OracleResult is what Go produced: the output, or the error and its phase. */
export interface OracleResult {
  readonly out: string;
  readonly error?: string;
  readonly phase?: 'parse' | 'exec' | 'input';
}

/** renderWithGo renders every case with Go and returns the results in order. */
export function renderWithGo(cases: readonly OracleCase[]): OracleResult[] {
  const bin = goBinary('template');
  const input = `${cases.map((c) => JSON.stringify({ template: c.template, data: c.data ?? null, mode: c.mode ?? 'json', name: c.name ?? '' })).join('\n')}\n`;
  const res = spawnSync(bin, [], { input, maxBuffer: 256 << 20, timeout: 120_000 });
  if (res.status !== 0) throw new Error(`Go template harness failed: ${res.stderr?.toString() ?? res.error}`);
  const lines = res.stdout.toString().split('\n').filter(Boolean);
  if (lines.length !== cases.length) throw new Error(`Go harness returned ${lines.length} results for ${cases.length} cases`);
  return lines.map((l) => {
    const r = JSON.parse(l) as { out?: string; error?: string; phase?: OracleResult['phase'] };
    return {
      out: Buffer.from(r.out ?? '', 'base64').toString('utf8'),
      ...(r.error !== undefined ? { error: r.error } : {}),
      ...(r.phase !== undefined ? { phase: r.phase } : {}),
    };
  });
}
