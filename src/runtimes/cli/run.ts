// `tagpilot run`: the standalone daemon (or one pass with --once).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toDuration } from '../../api/duration.ts';
import { Daemon } from '../daemon/daemon.ts';
import { createLogger } from '../daemon/pino-logger.ts';
import { webhookHandler } from '../daemon/webhooks.ts';
import { type CliIO, type Command, UsageError, writeLine } from './command.ts';

const usage = `Usage: tagpilot run --source <dir | git URL[#branch]> [flags]

Reconciles the Flux image automation manifests (ImageRepository, ImagePolicy,
ImageUpdateAutomation, GitRepository, Receiver) found under --source.

Flags:
  --source <dir|url>        manifests: a directory (watched) or a git URL, e.g. https://host/repo.git#main
  --secrets-dir <dir>       Secret manifests (registry, git, signing credentials); also $TAGPILOT_SECRETS (YAML)
  --allow-repo-secrets      also read kind: Secret documents from --source (off: secrets stay out of git)
  --state-dir <dir>         SQLite state, git caches (default ~/.local/state/tagpilot)
  --listen <host:port>      metrics, health, API and webhooks (default 127.0.0.1:9797; port 0 = any free port)
  --once                    one full pass, then exit (1 if any object is not Ready)
  --concurrency <n>         objects reconciled at once (default 4)
  --source-interval <dur>   how often a git source is polled (default 1m)
  --no-cross-namespace-refs refuse ImagePolicies that reference another namespace (Flux's flag)
  --log-level <level>       debug, info, warn or error (default info)`;

async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      source: { type: 'string' },
      'secrets-dir': { type: 'string' },
      'allow-repo-secrets': { type: 'boolean', default: false },
      'state-dir': { type: 'string' },
      listen: { type: 'string', default: '127.0.0.1:9797' },
      once: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
      'source-interval': { type: 'string', default: '1m' },
      'no-cross-namespace-refs': { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'info' },
    },
    strict: true,
  });
  if (!values.source) throw new UsageError('--source is required');
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(`--concurrency must be a whole number ≥ 1, not "${values.concurrency}"`);
  const poll = toDuration(values['source-interval']);
  if (!poll)
    throw new UsageError(
      `--source-interval "${values['source-interval']}" is not a duration like 30s or 5m`,
    );
  if (!['debug', 'info', 'warn', 'error'].includes(values['log-level']))
    throw new UsageError(`--log-level must be debug, info, warn or error`);
  const log = createLogger(io.stdout, values['log-level']);
  const hooks = webhookHandler({ noCrossNamespaceRefs: values['no-cross-namespace-refs'] });
  const daemon = new Daemon({
    source: values.source,
    ...(values['secrets-dir'] ? { secretsDir: values['secrets-dir'] } : {}),
    ...(io.env.TAGPILOT_SECRETS ? { secretsYaml: io.env.TAGPILOT_SECRETS } : {}),
    allowRepoSecrets: values['allow-repo-secrets'],
    stateDir: values['state-dir'] ?? join(homedir(), '.local', 'state', 'tagpilot'),
    listen: values.listen,
    concurrency,
    noCrossNamespaceRefs: values['no-cross-namespace-refs'],
    sourcePollMs: poll.ms,
    log,
    env: io.env,
    webhooks: hooks,
  });

  if (values.once) {
    await daemon.start({ watch: false, serve: false });
    await daemon.engine.whenSettled();
    const notReady = daemon.engine.summary().filter((s) => s.ready !== 'True');
    for (const s of daemon.engine.summary()) {
      writeLine(
        io.stderr,
        `${s.ready === 'True' ? '✔' : '✗'} ${s.kind} ${s.namespace}/${s.name}: ${s.message}`,
      );
    }
    await daemon.stop();
    return notReady.length > 0 ? 1 : 0;
  }

  await daemon.start({ watch: true, serve: true });
  writeLine(io.stderr, `► tagpilot running: ${daemon.address} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping: finishing running reconciles');
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await daemon.stop();
  writeLine(io.stderr, '✔ stopped');
  return 0;
}

/** runCommand is `tagpilot run`. */
export const runCommand: Command = {
  path: ['run'],
  summary: 'Run the standalone daemon (or one pass with --once)',
  usage,
  run,
};
