// Slack incoming webhooks / chat.postMessage, payload shaped like Flux's SlackPayload.
import type { Event } from '../../core/events/event.ts';
import { goJSON } from './go-json.ts';
import type { HttpResponse } from './http-client.ts';
import type { Notifier, PostContext, ProviderConfig } from './notifier.ts';
import { postPayload } from './post.ts';
import { requireURL } from './validate-url.ts';

const chatPostMessage = 'https://slack.com/api/chat.postMessage';

/** objectLabel is Flux's `kind/name.namespace` (kind lower-cased) used by chat providers. */
export function objectLabel(event: Event): string {
  const o = event.involvedObject;
  return `${o.kind.toLowerCase()}/${o.name}.${o.namespace}`;
}

/** metadataFields lists metadata as Slack fields, sorted by key (Flux's order is random). */
export function metadataFields(event: Event): { title: string; value: string; short: boolean }[] {
  const m = event.metadata ?? {};
  return Object.keys(m)
    .sort()
    .map((k) => ({ title: k, value: m[k] ?? '', short: false }));
}

/** slackPayload builds the body; discord uses it too with its own channel/fallback rules. */
export function slackPayload(
  event: Event,
  username: string,
  channel: string,
  fallback: boolean,
): unknown {
  const author = objectLabel(event);
  return {
    channel,
    username: username || event.reportingController,
    icon_url: '',
    icon_emoji: '',
    attachments: [
      {
        fallback: fallback ? `${author}: ${event.message.split('\n')[0]}` : '',
        color: event.severity === 'error' ? 'danger' : 'good',
        author_name: author,
        text: event.message,
        mrkdwn_in: ['text'],
        fields: metadataFields(event),
      },
    ],
  };
}

/** slackNotifier posts to a Slack webhook URL or the chat.postMessage API with a bot token. */
export function slackNotifier(cfg: ProviderConfig): Notifier {
  const url = requireURL(cfg.address, 'Slack');
  return {
    type: 'slack',
    async post(event: Event, ctx: PostContext): Promise<void> {
      const body = goJSON(slackPayload(event, cfg.username, cfg.channel, true));
      await postPayload(cfg, url, body, ctx.signal, {
        headers: cfg.token ? { Authorization: `Bearer ${cfg.token}` } : {},
        ...(url === chatPostMessage ? { validate: validateSlackAPI } : {}),
      });
    },
  };
}

function validateSlackAPI(res: HttpResponse): string | undefined {
  try {
    const parsed = JSON.parse(res.body) as { ok?: boolean; error?: string };
    return parsed.ok ? undefined : `Slack responded with error: ${parsed.error ?? ''}`;
  } catch (err) {
    return `unable to unmarshal response body: ${(err as Error).message}`;
  }
}
