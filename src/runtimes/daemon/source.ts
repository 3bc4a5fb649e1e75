// Where the daemon reads manifests from: a directory (watched), or a git URL (cloned into the
// state directory and fetched on an interval). Secrets come from a separate place.
import { createHash } from 'node:crypto';
import { existsSync, type FSWatcher, watch } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifestFiles } from '../../adapters/files/manifests.ts';
import { readSecrets } from '../../adapters/files/secrets.ts';
import { runGit } from '../../adapters/git/exec.ts';
import type { SecretData } from '../../reconcile/ports.ts';
import type { Logger } from './logger.ts';
import { buildObjectSet, type ObjectSet } from './object-set.ts';

/** SourceOptions says where manifests and secrets are. */
export interface SourceOptions {
  /** source is a directory or a git URL, optionally with `#branch`. */
  readonly source: string;
  readonly secretsDir?: string;
  /** secretsYaml is Secret manifests from the environment (TAGPILOT_SECRETS). */
  readonly secretsYaml?: string;
  /** allowRepoSecrets reads `kind: Secret` documents from the source too. */
  readonly allowRepoSecrets: boolean;
  readonly stateDir: string;
  readonly pollMs: number;
  readonly log: Logger;
}

/** isGitUrl tells a git URL from a directory path. */
export function isGitUrl(source: string): boolean {
  return /^(https?|ssh|git|file):\/\//.test(source) || /^[\w.-]+@[\w.-]+:/.test(source);
}

/** ManifestSource loads the ObjectSet and reports changes. */
export class ManifestSource {
  readonly #opts: SourceOptions;
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  #head = '';
  #dir = '';

  constructor(opts: SourceOptions) {
    this.#opts = opts;
  }

  /** directory is where the manifests are read from (the clone, for a git source). */
  get directory(): string {
    return this.#dir;
  }

  /** load reads everything once (cloning or fetching a git source first). */
  async load(): Promise<ObjectSet> {
    if (isGitUrl(this.#opts.source)) await this.#syncGit();
    else this.#dir = this.#opts.source;
    const manifests = await readManifestFiles([this.#dir]);
    const secretFiles = [
      ...(this.#opts.secretsDir ? (await readManifestFiles([this.#opts.secretsDir])).files : []),
      ...(this.#opts.secretsYaml
        ? [{ path: '$TAGPILOT_SECRETS', text: this.#opts.secretsYaml }]
        : []),
      ...(this.#opts.allowRepoSecrets ? manifests.files : []),
    ];
    const secrets: Map<string, SecretData> = readSecrets(secretFiles).secrets;
    const set = buildObjectSet(manifests.files, secrets);
    set.diagnostics.push(...manifests.problems);
    return set;
  }

  /** watch calls onChange (debounced) when the source changes, until close(). */
  watch(onChange: () => void): void {
    let debounce: NodeJS.Timeout | undefined;
    const fire = () => {
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(onChange, 300);
    };
    if (isGitUrl(this.#opts.source)) {
      const poll = async () => {
        try {
          if (await this.#remoteHeadChanged()) fire();
        } catch (err) {
          this.#opts.log.warn(
            { source: redactUrl(this.#opts.source), err: (err as Error).message },
            'source poll failed',
          );
        }
        this.#timer = setTimeout(poll, this.#opts.pollMs);
        this.#timer.unref();
      };
      this.#timer = setTimeout(poll, this.#opts.pollMs);
      this.#timer.unref();
      return;
    }
    const watchDirs = [
      this.#opts.source,
      ...(this.#opts.secretsDir ? [this.#opts.secretsDir] : []),
    ];
    for (const dir of watchDirs) {
      this.#watcher = watch(dir, { recursive: true }, (_event, name) => {
        if (name === null || /\.ya?ml$/i.test(String(name)) || !String(name).includes('.')) fire();
      });
      this.#watcher.unref();
    }
  }

  /** close stops watching. */
  close(): void {
    this.#watcher?.close();
    if (this.#timer) clearTimeout(this.#timer);
  }

  #split(): { url: string; branch: string | undefined } {
    const [url = '', branch] = this.#opts.source.split('#');
    return { url, branch: branch || undefined };
  }

  async #syncGit(): Promise<void> {
    const { url, branch } = this.#split();
    const dir = join(
      this.#opts.stateDir,
      'source',
      createHash('sha256').update(url).digest('hex').slice(0, 16),
    );
    this.#dir = dir;
    if (!existsSync(join(dir, '.git'))) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await runGit(
        ['clone', '--depth', '1', ...(branch ? ['--branch', branch] : []), '--', url, dir],
        { timeoutMs: 120_000 },
      );
    } else {
      await runGit(['-C', dir, 'fetch', '--depth', '1', 'origin', branch ?? 'HEAD'], {
        timeoutMs: 120_000,
      });
      await runGit(['-C', dir, 'reset', '--hard', 'FETCH_HEAD'], { timeoutMs: 60_000 });
    }
    this.#head = (await runGit(['-C', dir, 'rev-parse', 'HEAD'])).stdout.trim();
  }

  async #remoteHeadChanged(): Promise<boolean> {
    const { url, branch } = this.#split();
    const out = (
      await runGit(['ls-remote', '--', url, branch ? `refs/heads/${branch}` : 'HEAD'], {
        timeoutMs: 60_000,
      })
    ).stdout;
    const head = out.split('\t')[0] ?? '';
    return head !== '' && head !== this.#head;
  }
}

/** redactUrl drops credentials from a URL for logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//***@');
}
