// Discord through its Slack-compatible endpoint (`<webhook>/slack`), like Flux.
import { posix } from 'node:path';
import type { Event } from '../../core/events/event.ts';
import { goJSON } from './go-json.ts';
import type { Notifier, PostContext, ProviderConfig } from './notifier.ts';
import { postPayload } from './post.ts';
import { slackPayload } from './slack.ts';
import { requireURL } from './validate-url.ts';

/** discordURL appends `/slack` to the webhook path unless already there (Go path.Join rules). */
export function discordURL(address: string): string {
  requireURL(address, 'Discord hook');
  if (address.endsWith('/slack')) return address;
  const u = new URL(address);
  u.pathname = posix.join(u.pathname, 'slack');
  return u.toString();
}

/** discordNotifier posts Slack-formatted attachments; spec.channel is not used by Discord. */
export function discordNotifier(cfg: ProviderConfig): Notifier {
  const url = discordURL(cfg.address);
  return {
    type: 'discord',
    async post(event: Event, ctx: PostContext): Promise<void> {
      await postPayload(cfg, url, goJSON(slackPayload(event, cfg.username, '', false)), ctx.signal);
    },
  };
}
