// The CLI's command table. Each entry names a command and loads its module only when that command
// runs, so `tagpilot --help` and light commands do not pay for the daemon's, registry's and
// metrics' dependencies (startup measured in docs/performance.md). commands.test.ts checks that
// every entry loads the command it names, with the same summary.

import type { Command } from './command.ts';

/** CommandEntry is a command's path and summary, and how to load it. */
export interface CommandEntry {
  /** path is the words that select the command, e.g. ['policy', 'select']. */
  readonly path: readonly string[];
  readonly summary: string;
  load(): Promise<Command>;
}

type Loader = (path: readonly string[]) => Promise<Command>;

function found(command: Command | undefined, path: readonly string[]): Command {
  if (!command) throw new Error(`command "${path.join(' ')}" is missing from its module`);
  return command;
}

// A module exporting the command under a name.
function one<M>(load: () => Promise<M>, name: keyof M): Loader {
  return async (path) => found((await load())[name] as Command | undefined, path);
}

// A module exporting a list of commands (one per kind of image object).
function inList<M>(load: () => Promise<M>, name: keyof M): Loader {
  return async (path) => {
    const list = (await load())[name] as readonly Command[];
    return found(
      list.find((c) => c.path.join(' ') === path.join(' ')),
      path,
    );
  };
}

function entry(path: string, summary: string, loader: Loader): CommandEntry {
  const words = path.split(' ');
  return { path: words, summary, load: () => loader(words) };
}

/** commands lists every CLI command tagpilot knows. */
export const commands: readonly CommandEntry[] = [
  entry(
    'alert test',
    'send a test event through an Alert and its Provider',
    one(() => import('./alert-test.ts'), 'alertTestCommand'),
  ),
  entry(
    'check',
    'validate Flux image-automation manifests (files or directories)',
    one(() => import('./check.ts'), 'checkCommand'),
  ),
  entry(
    'create image policy',
    "print a Flux ImagePolicy manifest built from flux's create flags",
    one(() => import('./create-image.ts'), 'createImagePolicyCommand'),
  ),
  entry(
    'create image repository',
    "print a Flux ImageRepository manifest built from flux's create flags",
    one(() => import('./create-image.ts'), 'createImageRepositoryCommand'),
  ),
  entry(
    'create image update',
    "print a Flux ImageUpdateAutomation manifest built from flux's create flags",
    one(() => import('./create-image.ts'), 'createImageUpdateCommand'),
  ),
  entry(
    'export image repository',
    'print ImageRepository manifests from the daemon',
    inList(() => import('./export-image.ts'), 'exportImageCommands'),
  ),
  entry(
    'export image policy',
    'print ImagePolicy manifests from the daemon',
    inList(() => import('./export-image.ts'), 'exportImageCommands'),
  ),
  entry(
    'export image update',
    'print ImageUpdateAutomation manifests from the daemon',
    inList(() => import('./export-image.ts'), 'exportImageCommands'),
  ),
  entry(
    'get images all',
    'list all image objects and their status',
    inList(() => import('./get-images.ts'), 'getImagesCommands'),
  ),
  entry(
    'get image all',
    'alias of `get images all`',
    inList(() => import('./get-images.ts'), 'getImagesCommands'),
  ),
  entry(
    'get images repository',
    'list image repository objects and their status',
    inList(() => import('./get-images.ts'), 'getImagesCommands'),
  ),
  entry(
    'get image repository',
    'alias of `get images repository`',
    inList(() => import('./get-images.ts'), 'getImagesCommands'),
  ),
  entry(
    'get images policy',
    'list image policy objects and their status',
    inList(() => import('./get-images.ts'), 'getImagesCommands'),
  ),
  entry(
    'get image policy',
    'alias of `get images policy`',
    inList(() => import('./get-images.ts'), 'getImagesCommands'),
  ),
  entry(
    'get images update',
    'list image update objects and their status',
    inList(() => import('./get-images.ts'), 'getImagesCommands'),
  ),
  entry(
    'get image update',
    'alias of `get images update`',
    inList(() => import('./get-images.ts'), 'getImagesCommands'),
  ),
  entry(
    'plan',
    'show (or --write) the image updates the Setters strategy makes',
    one(() => import('./plan.ts'), 'planCommand'),
  ),
  entry(
    'explain policy',
    'Explain why a running ImagePolicy selects its tag',
    one(() => import('./explain-policy.ts'), 'explainPolicyCommand'),
  ),
  entry(
    'policy select',
    'Show which tag an ImagePolicy selects from a list of tags',
    one(() => import('./policy-select.ts'), 'policySelectCommand'),
  ),
  entry(
    'run',
    'Run the standalone daemon (or one pass with --once)',
    one(() => import('./run.ts'), 'runCommand'),
  ),
  entry(
    'reconcile image repository',
    'reconcile an ImageRepository now and wait for the result',
    inList(() => import('./reconcile-image.ts'), 'reconcileImageCommands'),
  ),
  entry(
    'reconcile image policy',
    'reconcile an ImagePolicy now and wait for the result',
    inList(() => import('./reconcile-image.ts'), 'reconcileImageCommands'),
  ),
  entry(
    'reconcile image update',
    'reconcile an ImageUpdateAutomation now and wait for the result',
    inList(() => import('./reconcile-image.ts'), 'reconcileImageCommands'),
  ),
  entry(
    'scan',
    'list an image repository’s tags like an ImageRepository scan',
    one(() => import('./scan.ts'), 'scanCommand'),
  ),
  entry(
    'suspend image repository',
    'suspend ImageRepository objects',
    inList(() => import('./suspend-image.ts'), 'suspendImageCommands'),
  ),
  entry(
    'resume image repository',
    'resume ImageRepository objects',
    inList(() => import('./suspend-image.ts'), 'suspendImageCommands'),
  ),
  entry(
    'suspend image policy',
    'suspend ImagePolicy objects',
    inList(() => import('./suspend-image.ts'), 'suspendImageCommands'),
  ),
  entry(
    'resume image policy',
    'resume ImagePolicy objects',
    inList(() => import('./suspend-image.ts'), 'suspendImageCommands'),
  ),
  entry(
    'suspend image update',
    'suspend ImageUpdateAutomation objects',
    inList(() => import('./suspend-image.ts'), 'suspendImageCommands'),
  ),
  entry(
    'resume image update',
    'resume ImageUpdateAutomation objects',
    inList(() => import('./suspend-image.ts'), 'suspendImageCommands'),
  ),
  entry(
    'template render',
    'render a Go text/template (commit message functions) with JSON data',
    one(() => import('./template-render.ts'), 'templateRender'),
  ),
];
