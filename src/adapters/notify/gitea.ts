// Gitea/Forgejo commit status through `<host>/api/v1/`, requests shaped like the Gitea Go SDK:
// list statuses, skip a duplicate, else create one. Progressing events become `pending`.
import type { Event } from '../../core/events/event.ts';
import { commitStatusInput, listedStatuses } from './commit-status.ts';
import { ownerAndRepo, parseGitAddress } from './git-address.ts';
import { goJSON } from './go-json.ts';
import { ConfigError, type Notifier, type PostContext, type ProviderConfig } from './notifier.ts';
import { request } from './post.ts';

/** giteaNotifier sets `pending`/`success`/`failure` statuses. */
export function giteaNotifier(cfg: ProviderConfig): Notifier {
  const token = cfg.token || cfg.password;
  if (token === '') throw new ConfigError('spec.secretRef', 'gitea token cannot be empty');
  const { host, id } = parseGitAddress(cfg.address);
  const [owner, repo] = ownerAndRepo(id);
  const base = `${host}/api/v1/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  // The Gitea SDK sends its JSON content type on every call, GET included.
  const headers = { Authorization: `token ${token}`, 'Content-Type': 'application/json' };
  return {
    type: 'gitea',
    async post(event: Event, ctx: PostContext): Promise<void> {
      const input = commitStatusInput(event);
      const state = input.progressing
        ? 'pending'
        : input.severity === 'info'
          ? 'success'
          : 'failure';
      const list = `${base}/commits/${input.sha}/statuses?limit=50&page=1`;
      const listed = await request(cfg, 'GET', list, ctx.signal, undefined, headers);
      if (isDuplicate(listed.body, ctx.commitStatus, state, input.description)) return;
      const body = goJSON({
        state,
        target_url: '',
        description: input.description,
        context: ctx.commitStatus,
      });
      await request(cfg, 'POST', `${base}/statuses/${input.sha}`, ctx.signal, body, headers);
    },
  };
}

function isDuplicate(
  listBody: string,
  context: string,
  state: string,
  description: string,
): boolean {
  for (const s of listedStatuses(listBody)) {
    if (!s.context || !s.status || !s.description) continue;
    if (s.context === context) return s.status === state && s.description === description;
  }
  return false;
}
