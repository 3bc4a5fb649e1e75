// `tagpilot alert test <path>… --alert <[ns/]name>`: send one test event through an Alert and its
// Provider exactly as a real one would go, to check a Discord/Slack/webhook setup end to end.
import { parseArgs } from 'node:util';
import { readManifestFiles } from '../../adapters/files/manifests.ts';
import { AlertRouter } from '../../adapters/notify/router.ts';
import { mergeNotificationObjects, parseNotificationYAML } from '../../api/notification/parse.ts';
import { parseSecretsYAML } from '../../api/notification/secret.ts';
import { type Alert, objectKey } from '../../api/notification/types.ts';
import { type Event, rfc3339 } from '../../core/events/event.ts';
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';

const usage = `Usage: tagpilot alert test <path>... --alert <[namespace/]name> [--message <text>] [--severity info|error] [--namespace <ns>]

Sends one test event through the Alert and its Provider, the way tagpilot sends real ones
(same payload, headers, signature, TLS and proxy settings). Providers, Alerts and the Secrets
they reference are read from the given files and directories (*.yaml, *.yml, recursively).
The event comes from the Alert's first event source.

  --alert <[ns/]name>  the Alert to test (namespace defaults to --namespace)
  --message <text>     event message (default: a short test notice)
  --severity <s>       info or error (default: the Alert's eventSeverity)
  --namespace <ns>     namespace for objects without metadata.namespace (default "default")

Exit 0 delivered, 1 not delivered (reason on stderr), 2 bad arguments or invalid manifests.`;

const imageKinds = ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'];

function testEvent(alert: Alert, message: string, severity: 'info' | 'error'): Event {
  const source = alert.spec.eventSources[0]!;
  return {
    involvedObject: {
      kind: source.kind,
      namespace: source.namespace,
      name: source.name === '*' ? 'tagpilot-test' : source.name,
      ...(imageKinds.includes(source.kind) ? { apiVersion: 'image.toolkit.fluxcd.io/v1' } : {}),
    },
    severity,
    timestamp: rfc3339(Date.now()),
    message,
    reason: severity === 'error' ? 'Failed' : 'Succeeded',
    reportingController: 'tagpilot',
  };
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      alert: { type: 'string' },
      message: { type: 'string' },
      severity: { type: 'string' },
      namespace: { type: 'string', default: 'default' },
    },
  });
  if (positionals.length === 0) throw new UsageError('at least one path is required');
  if (!values.alert) throw new UsageError('--alert is required');
  if (values.severity !== undefined && values.severity !== 'info' && values.severity !== 'error') {
    throw new UsageError(
      `--severity must be info or error, not ${JSON.stringify(values.severity)}`,
    );
  }
  const ns = values.namespace ?? 'default';
  const wanted = values.alert.includes('/') ? values.alert : `${ns}/${values.alert}`;

  const read = await readManifestFiles(positionals);
  for (const p of read.problems) writeLine(io.stderr, `✗ ${p.file}: ${p.message}`);
  const objs = mergeNotificationObjects(
    read.files.map((f) => parseNotificationYAML(f.text, f.path, { defaultNamespace: ns })),
  );
  const secrets = new Map<string, Record<string, string>>();
  for (const f of read.files) {
    const parsed = parseSecretsYAML(f.text, f.path, ns);
    for (const [k, v] of parsed.secrets) secrets.set(k, v);
    objs.errors.push(...parsed.errors);
  }
  for (const w of objs.warnings) writeLine(io.stderr, `! ${w.message}`);
  for (const e of objs.errors) writeLine(io.stderr, `✗ ${e.message}`);
  const alert = objs.alerts.find((a) => objectKey(a.metadata) === wanted);
  if (alert === undefined) {
    writeLine(io.stderr, `✗ Alert ${wanted} not found among ${objs.alerts.length} valid Alert(s)`);
    return 2;
  }
  if (alert.spec.eventSources.length === 0) {
    writeLine(io.stderr, `✗ Alert ${wanted} has no eventSources`);
    return 2;
  }

  const router = new AlertRouter({
    providers: objs.providers,
    alerts: [{ ...alert, spec: { ...alert.spec, suspend: false } }],
    secrets: (namespace, name) => secrets.get(`${namespace}/${name}`),
    queuePath: ':memory:',
    retry: { maxAttempts: 1 },
    rateLimit: { dedupIntervalMs: 0, perObject: { max: 0, windowMs: 1 } },
  });
  try {
    const provider = `${alert.metadata.namespace}/${alert.spec.providerRef.name}`;
    const message = values.message ?? `tagpilot test alert: ${wanted} → Provider ${provider}`;
    const severity = (values.severity ?? alert.spec.eventSeverity) as 'info' | 'error';
    writeLine(
      io.stderr,
      `► sending a test ${severity} event through Alert ${wanted} to Provider ${provider}`,
    );
    const labels = alert.spec.eventSources[0]?.matchLabels ?? {};
    const res = router.dispatchEvent(testEvent(alert, message, severity), labels);
    await router.drained();
    const alertStatus = router
      .status()
      .find((s) => s.kind === 'Alert' && s.key === wanted)?.condition;
    if (res.queued.length === 1 && alertStatus?.status === 'True') {
      writeLine(io.stderr, `✔ delivered to Provider ${provider}`);
      return 0;
    }
    const suspended = objs.providers.find((p) => objectKey(p.metadata) === provider)?.spec.suspend;
    const why =
      alertStatus?.message ??
      (suspended ? `Provider ${provider} is suspended` : undefined) ??
      'the event did not pass the Alert (check inclusionList/exclusionList and eventSeverity)';
    writeLine(io.stderr, `✗ not delivered: ${why}`);
    return 1;
  } finally {
    await router.close();
  }
}

/** alertTestCommand sends a test notification through one Alert. */
export const alertTestCommand: Command = {
  path: ['alert', 'test'],
  summary: 'send a test event through an Alert and its Provider',
  usage,
  run,
};
