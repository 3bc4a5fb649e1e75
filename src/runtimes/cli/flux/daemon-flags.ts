// Flags shared by the commands that talk to the daemon: --server, -n/-A and --timeout.
import type { CliIO } from '../command.ts';
import { DaemonClient, serverAddress } from '../daemon-client.ts';
import { resolveNamespace } from './create-common.ts';
import { parseDurationFlag } from './go-duration.ts';

/** daemonOptions are parseArgs options for --server, -n, -A and --timeout. */
export const daemonOptions = {
  server: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  'all-namespaces': { type: 'boolean', short: 'A', default: false },
  timeout: { type: 'string', default: '5m' },
} as const;

/** DaemonContext is what the parsed shared flags resolve to. */
export interface DaemonContext {
  client: DaemonClient;
  /** namespace is undefined with -A. */
  namespace: string | undefined;
  /** where is flux's wording for the scope: `"flux-system" namespace` or `any namespace`. */
  where: string;
  timeoutMs: number;
}

/** daemonContext resolves the shared flags. */
export function daemonContext(values: Record<string, unknown>, io: CliIO): DaemonContext {
  const all = values['all-namespaces'] === true;
  const namespace = all
    ? undefined
    : resolveNamespace(values.namespace as string | undefined, io.env, (t) =>
        io.stderr.write(`⚠️ ${t}\n`),
      );
  const timeoutNs = parseDurationFlag('timeout', (values.timeout as string | undefined) ?? '5m');
  return {
    client: new DaemonClient(serverAddress(values.server as string | undefined, io.env)),
    namespace,
    where: namespace === undefined ? 'any namespace' : `"${namespace}" namespace`,
    timeoutMs: Number(timeoutNs / 1_000_000n),
  };
}
