// Waits like `flux reconcile`: poll the object until the daemon has handled our request token and
// Ready is decided, then print flux's per-kind success line or the failure message.
import type { CliIO } from '../command.ts';
import { type DaemonClient, type ImageKind, readyCondition } from '../daemon-client.ts';
import { formatGoDuration } from './go-duration.ts';
import { successLine } from './image-kinds.ts';

/** POLL_MS is how often the CLI re-reads the object (flux: 2 s against the apiserver). */
export const POLL_MS = 500;

/** WaitResult says how the wait ended: ok, failed (Ready=False), gone or timed out. */
export type WaitResult = 'ok' | 'failed' | 'gone' | 'timeout';

/** waitForReconcile polls until lastHandledReconcileAt equals token and Ready is True or False. */
export async function waitForReconcile(
  io: CliIO,
  client: DaemonClient,
  kind: ImageKind,
  namespace: string,
  name: string,
  token: string,
  timeoutMs: number,
  completedPrefix = '',
): Promise<WaitResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const o = await client.get(kind, namespace, name);
    if (!o) {
      io.stderr.write(`✗ ${kind} object '${name}' not found in "${namespace}" namespace\n`);
      return 'gone';
    }
    const ready = readyCondition(o);
    const reconciling = o.status?.conditions?.some(
      (c) => c.type === 'Reconciling' && c.status === 'True',
    );
    const handled = o.status?.lastHandledReconcileAt === token;
    if (
      handled &&
      ready &&
      ready.status !== 'Unknown' &&
      !(reconciling && ready.status === 'True')
    ) {
      if (ready.status === 'True') {
        if (completedPrefix) io.stderr.write(`✔ ${completedPrefix}\n`);
        io.stderr.write(`✔ ${successLine(kind, o)}\n`);
        return 'ok';
      }
      io.stderr.write(`✗ ${kind} reconciliation failed: '${ready.message ?? ''}'\n`);
      return 'failed';
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      io.stderr.write(
        `✗ timeout waiting for ${kind} ${namespace}/${name} reconciliation after ${formatGoDuration(BigInt(timeoutMs) * 1_000_000n)}\n`,
      );
      return 'timeout';
    }
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, left)));
  }
}
