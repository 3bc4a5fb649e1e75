// GitHub commit status (api.github.com or GitHub Enterprise `<host>/api/v3/`), requests shaped
// like go-github's: list the commit's statuses, skip a duplicate, else create one.
import type { Event } from '../../core/events/event.ts';
import { commitStatusInput, listedStatuses } from './commit-status.ts';
import { ownerAndRepo, parseGitAddress } from './git-address.ts';
import { goJSON } from './go-json.ts';
import { ConfigError, type Notifier, type PostContext, type ProviderConfig } from './notifier.ts';
import { request } from './post.ts';

/** githubAPIBase maps a repository host to the REST base URL go-github would use. */
export function githubAPIBase(host: string): string {
  return new URL(host).host === 'github.com' ? 'https://api.github.com/' : `${host}/api/v3/`;
}

/** githubNotifier sets `success`/`failure` statuses; Progressing events are skipped. */
export function githubNotifier(cfg: ProviderConfig): Notifier {
  const token = cfg.token || cfg.password;
  if (token === '')
    throw new ConfigError(
      'spec.secretRef',
      'github token must be specified (GitHub App auth is not supported by tagpilot)',
    );
  const { host, id } = parseGitAddress(cfg.address);
  const [owner, repo] = ownerAndRepo(id);
  const base = `${githubAPIBase(host)}repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const headers = {
    Accept: 'application/vnd.github.v3+json',
    'X-GitHub-Api-Version': '2022-11-28',
    Authorization: `Bearer ${token}`,
  };
  return {
    type: 'github',
    async post(event: Event, ctx: PostContext): Promise<void> {
      if (event.reason === 'Progressing') return;
      const input = commitStatusInput(event);
      const state = input.severity === 'info' ? 'success' : 'failure';
      const listed = await request(
        cfg,
        'GET',
        `${base}/commits/${input.sha}/statuses?per_page=50`,
        ctx.signal,
        undefined,
        headers,
      );
      if (isDuplicate(listed.body, ctx.commitStatus, state, input.description)) return;
      const body = `${goJSON({ state, description: input.description, context: ctx.commitStatus }, false)}\n`;
      await request(cfg, 'POST', `${base}/statuses/${input.sha}`, ctx.signal, body, {
        ...headers,
        'Content-Type': 'application/json',
      });
    },
  };
}

/** isDuplicate: the newest status with our context already has this state and description. */
function isDuplicate(
  listBody: string,
  context: string,
  state: string,
  description: string,
): boolean {
  for (const s of listedStatuses(listBody)) {
    if (
      typeof s.context !== 'string' ||
      typeof s.state !== 'string' ||
      typeof s.description !== 'string'
    )
      continue;
    if (s.context === context) return s.state === state && s.description === description;
  }
  return false;
}
