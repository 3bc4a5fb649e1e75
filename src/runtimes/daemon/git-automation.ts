// The AutomationPort over the real git adapter: validate secrets (no network), check out through
// the cached clone, apply the setters, render the commit message, commit, sign and push.

import { relative } from 'node:path';
import { updateTree } from '../../adapters/files/update-tree.ts';
import { SecretError } from '../../adapters/git/errors.ts';
import { GitRemote } from '../../adapters/git/remote.ts';
import {
  type GitAuth,
  validateAuthSecret,
  validateProxySecret,
  validateSigningSecret,
} from '../../adapters/git/secrets.ts';
import type { GitRepository, ImageUpdateAutomation } from '../../api/model.ts';
import { compilePolicy } from '../../core/policy/compile.ts';
import { selectLatest } from '../../core/policy/select.ts';
import { CommitTemplateError, renderCommitMessage } from '../../core/template/commit-message.ts';
import { GitWriteBack, type WriteBackResult } from '../../reconcile/git-write-back.ts';
import {
  EmptyRepositoryError,
  GitPlanError,
  GitRefNotFoundError,
} from '../../reconcile/git-write-back-plan.ts';
import { type Outcome, ready, retry, stalled } from '../../reconcile/outcome.ts';
import type { SecretData } from '../../reconcile/ports.ts';
import type { Logger } from './logger.ts';
import type { AutomationInput, AutomationPort, AutomationResult } from './steps/automation.ts';

/** GitAutomation runs automations against real git remotes, one bare cache per remote. */
export class GitAutomation implements AutomationPort {
  readonly #stateDir: string;
  // One writer per process, so updates for the same branch coalesce into one commit.
  readonly #writeBack = new GitWriteBack({ selectSemver: highestMatching });
  readonly #log: Logger;
  readonly #onPushed:
    | ((ref: { namespace: string; name: string }, retries: number) => void)
    | undefined;

  constructor(
    stateDir: string,
    log: Logger,
    onPushed?: (ref: { namespace: string; name: string }, retries: number) => void,
  ) {
    this.#stateDir = stateDir;
    this.#log = log;
    this.#onPushed = onPushed;
  }

  async run(input: AutomationInput): Promise<Outcome<AutomationResult>> {
    const { automation, gitRepository: repo } = input;
    const git = automation.spec.git;
    if (!git) return stalled('InvalidSourceConfiguration', 'spec.git is required');
    let auth: GitAuth;
    let proxy: ReturnType<typeof validateProxySecret> | undefined;
    let signingKey: ReturnType<typeof validateSigningSecret> | undefined;
    try {
      auth = validateAuthSecret(repo.spec.url, secretOf(input.secrets, repo, repo.spec.secretRef));
      const proxySecret = secretOf(input.secrets, repo, repo.spec.proxySecretRef);
      proxy = proxySecret ? validateProxySecret(proxySecret) : undefined;
      const signing = git.commit.signingKey;
      if (signing) {
        const s = secretOf(input.secrets, automation, signing.secretRef);
        signingKey = s ? validateSigningSecret(s, signing.type) : undefined;
      }
    } catch (err) {
      if (err instanceof SecretError || err instanceof MissingGitSecretError) {
        return retry('SourceManagerFailed', err.message);
      }
      throw err;
    }

    const warnings: string[] = [];
    let rendered = false;
    const apply = async (dir: string) => {
      const update = await updateTree(dir, automation.spec.update.path, input.latestByPolicy);
      if (update.changed.length === 0) return { changed: false, message: '' };
      const files = update.changed.map((f) => relative(dir, f.realPath));
      const message = renderCommitMessage(git.commit.messageTemplate ?? '', {
        automation: { namespace: automation.metadata.namespace, name: automation.metadata.name },
        files: update.result.fileChanges,
        latestByPolicy: input.latestByPolicy,
        values: git.commit.messageTemplateValues,
      });
      warnings.push(...message.warnings);
      rendered = true;
      return { changed: true, message: message.message, files };
    };

    const remote = await GitRemote.open({
      stateDir: this.#stateDir,
      url: repo.spec.url,
      auth,
      ...(proxy ? { proxy } : {}),
      timeoutMs: repo.spec.timeout.ms,
      ...(repo.spec.secretRef
        ? { secretName: `${repo.metadata.namespace}/${repo.spec.secretRef}` }
        : {}),
    });
    let result: WriteBackResult;
    try {
      const policiesUnchanged =
        JSON.stringify(input.previous.observedPolicies ?? {}) ===
        JSON.stringify(
          Object.fromEntries(
            [...input.latestByPolicy].map(([k, v]) => [k.slice(k.indexOf(':') + 1), v]),
          ),
        );
      const previousRevision = input.previous.observedSourceRevision;
      result = await this.#writeBack.run({
        remote,
        ...((git.checkout?.ref ?? repo.spec.ref)
          ? { checkout: git.checkout?.ref ?? repo.spec.ref }
          : {}),
        ...(git.push ? { push: git.push } : {}),
        identity: {
          name: git.commit.author.name,
          email: git.commit.author.email,
          ...(signingKey ? { signingKey } : {}),
        },
        apply,
        ...(policiesUnchanged && typeof previousRevision === 'string'
          ? { lastObservedRevision: previousRevision }
          : {}),
      });
    } catch (err) {
      return classify(err);
    } finally {
      await remote.close();
    }
    if (result.kind === 'pushed') {
      this.#onPushed?.(automation.metadata, result.retries);
      this.#log.info(
        {
          automation: `${automation.metadata.namespace}/${automation.metadata.name}`,
          commit: result.commit,
          branch: result.branch,
          retries: result.retries,
          forced: result.forced,
        },
        'pushed commit',
      );
    }
    return ready({
      message: 'repository up-to-date',
      ...(result.commit ? { pushedCommit: result.commit } : {}),
      pushedBranch: result.branch,
      ...(result.message !== undefined ? { commitMessage: result.message } : {}),
      upToDate: result.kind === 'up-to-date',
      rendered,
      observedSourceRevision: result.revision,
      warnings,
    });
  }
}

/** highestMatching picks the checkout tag for `git.checkout.ref.semver`, like Flux's semver ref. */
function highestMatching(range: string, tags: readonly string[]): string | undefined {
  try {
    return selectLatest(compilePolicy({ kind: 'semver', range }), tags).tag;
  } catch {
    return undefined;
  }
}

/** MissingGitSecretError is a secretRef naming a Secret the daemon was not given. */
class MissingGitSecretError extends Error {
  override readonly name = 'MissingGitSecretError';
}

function secretOf(
  secrets: ReadonlyMap<string, SecretData>,
  owner: GitRepository | ImageUpdateAutomation,
  name: string | undefined,
): { name: string; data: Readonly<Record<string, string>> } | undefined {
  if (name === undefined) return undefined;
  const id = `${owner.metadata.namespace}/${name}`;
  const s = secrets.get(id);
  if (!s)
    throw new MissingGitSecretError(
      `secret '${id}' not found (referenced by ${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name})`,
    );
  return { name: id, data: s.data };
}

function classify(err: unknown): Outcome<never> {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof CommitTemplateError) {
    return err.removedField
      ? stalled('RemovedTemplateField', message)
      : retry('GitOperationFailed', message);
  }
  if (err instanceof GitPlanError) return stalled('InvalidSourceConfiguration', message);
  if (err instanceof GitRefNotFoundError || err instanceof EmptyRepositoryError)
    return retry('GitOperationFailed', message);
  return retry('GitOperationFailed', message);
}
