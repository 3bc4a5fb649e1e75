// `tagpilot check <path>…`: validate Flux image-automation manifests and print every problem.
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readManifestFiles } from '../../adapters/files/manifests.ts';
import { type Diagnostic, formatDiagnostic } from '../../api/diagnostic.ts';
import { type LoadResult, loadManifests } from '../../api/load.ts';
import type { ManifestObject } from '../../api/model.ts';
import { loadNotifications } from '../../api/notification/diagnostics.ts';
import { checkReferences } from '../../api/references.ts';
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';

const usage = `Usage: tagpilot check <path|->... [--namespace <ns>] [-o text|json]

Validates the ImageRepository, ImagePolicy and ImageUpdateAutomation objects (plus the
GitRepository and Secret objects they refer to) in the given files and directories (*.yaml,
*.yml, recursively), or on stdin for \`-\` (\`kustomize build . | tagpilot check -\`).
Prints every problem as file:line:column with the object, field and value.
Other Kubernetes objects are skipped. Deprecated API versions, unknown fields and references to
objects not among the given files are warnings.

  --namespace <ns>   namespace for objects without metadata.namespace (default "default")
  -o, --output       text (default) or json

Exit 0 no errors (warnings allowed), 1 errors found, 2 bad arguments or unreadable paths.`;

/** CheckReport is the JSON form of a check run. */
export interface CheckReport {
  readonly files: number;
  readonly objects: {
    kind: string;
    namespace: string;
    name: string;
    apiVersion: string;
    file: string;
    document: number;
  }[];
  readonly errors: number;
  readonly warnings: number;
  readonly diagnostics: Diagnostic[];
}

/** checkPaths reads, loads and cross-checks the manifests under paths. */
export async function checkPaths(
  paths: readonly string[],
  opts: { defaultNamespace?: string; stdin?: () => Promise<string> } = {},
): Promise<CheckReport & { unreadable: number }> {
  const read = await readManifestFiles(paths.filter((p) => p !== '-'));
  // `-` reads manifests from stdin, e.g. `kustomize build . | tagpilot check -`.
  if (paths.includes('-') && opts.stdin)
    read.files.unshift({ path: '<stdin>', text: await opts.stdin() });
  const results: LoadResult[] = read.files.map((f) =>
    loadManifests(
      f.text,
      f.path,
      opts.defaultNamespace ? { defaultNamespace: opts.defaultNamespace } : {},
    ),
  );
  const objects: ManifestObject[] = results.flatMap((r) => r.objects);
  const diagnostics: Diagnostic[] = [
    ...read.problems,
    ...results.flatMap((r) => r.diagnostics),
    ...read.files.flatMap(
      (f) => loadNotifications(f.text, f.path, opts.defaultNamespace).diagnostics,
    ),
    ...checkReferences({ objects, invalid: results.flatMap((r) => r.invalid) }),
  ];
  diagnostics.sort(byPosition);
  return {
    files: read.files.length,
    objects: objects.map((o) => ({
      kind: o.kind,
      namespace: o.metadata.namespace,
      name: o.metadata.name,
      apiVersion: o.apiVersion,
      file: o.origin.file,
      document: o.origin.document,
    })),
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics,
    unreadable: read.problems.length,
  };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.document - b.document || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
  );
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      namespace: { type: 'string' },
      output: { type: 'string', short: 'o', default: 'text' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new UsageError('give at least one file or directory');
  if (values.output !== 'text' && values.output !== 'json') {
    throw new UsageError(`-o must be text or json, not "${values.output}"`);
  }
  // Relative paths stay as typed in messages; they resolve against the command's cwd.
  const paths = positionals.map((p) =>
    p === '-' || isAbsolute(p) || io.cwd === process.cwd() ? p : join(io.cwd, p),
  );
  const stdin = async (): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin)
      chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  };
  const report = await checkPaths(paths, {
    stdin,
    ...(values.namespace ? { defaultNamespace: values.namespace } : {}),
  });
  if (values.output === 'json') {
    const { unreadable: _, ...json } = report;
    writeLine(io.stdout, JSON.stringify(json, null, 2));
  } else {
    for (const d of report.diagnostics) writeLine(io.stdout, formatDiagnostic(d));
  }
  const summary = `${report.objects.length} object(s) in ${report.files} file(s): ${report.errors} error(s), ${report.warnings} warning(s)`;
  writeLine(io.stderr, `${report.errors > 0 ? '✗' : '✔'} ${summary}`);
  if (report.unreadable > 0) return 2;
  return report.errors > 0 ? 1 : 0;
}

/** checkCommand is `tagpilot check`. */
export const checkCommand: Command = {
  path: ['check'],
  summary: 'validate Flux image-automation manifests (files or directories)',
  usage,
  run,
};
