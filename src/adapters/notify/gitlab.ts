// GitLab commit status through the v4 API (`<host>/api/v4/`), requests shaped like
// gitlab.com/gitlab-org/api/client-go: list statuses by name, skip a duplicate, else set one.
import type { Event } from '../../core/events/event.ts';
import { commitStatusInput, listedStatuses } from './commit-status.ts';
import { parseGitAddress } from './git-address.ts';
import { goJSON } from './go-json.ts';
import { ConfigError, type Notifier, type PostContext, type ProviderConfig } from './notifier.ts';
import { request } from './post.ts';

/** gitlabNotifier sets `success`/`failed` statuses; Progressing events are skipped. */
export function gitlabNotifier(cfg: ProviderConfig): Notifier {
  const token = cfg.token || cfg.password;
  if (token === '') throw new ConfigError('spec.secretRef', 'gitlab token cannot be empty');
  const { host, id } = parseGitAddress(cfg.address);
  const project = `${host}/api/v4/projects/${encodeURIComponent(id)}`;
  const headers = { Accept: 'application/json', 'Private-Token': token };
  return {
    type: 'gitlab',
    async post(event: Event, ctx: PostContext): Promise<void> {
      if (event.reason === 'Progressing') return;
      const input = commitStatusInput(event);
      const state = input.severity === 'info' ? 'success' : 'failed';
      const name = ctx.commitStatus;
      const list = `${project}/repository/commits/${input.sha}/statuses?name=${encodeURIComponent(name)}`;
      const listed = await request(cfg, 'GET', list, ctx.signal, undefined, headers);
      if (isDuplicate(listed.body, input.sha, state, input.description, name)) return;
      const body = goJSON({ state, name, description: input.description });
      await request(cfg, 'POST', `${project}/statuses/${input.sha}`, ctx.signal, body, {
        ...headers,
        'Content-Type': 'application/json',
      });
    },
  };
}

function isDuplicate(
  listBody: string,
  sha: string,
  state: string,
  description: string,
  name: string,
): boolean {
  return listedStatuses(listBody).some(
    (s) => s.sha === sha && s.status === state && s.description === description && s.name === name,
  );
}
