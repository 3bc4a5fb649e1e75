// Microsoft Teams: an Adaptive Card (Workflows webhooks), or the legacy MessageCard when the
// address is an Office 365 connector (`*.webhook.office.com`), like Flux.
import type { Event } from '../../core/events/event.ts';
import { goJSON } from './go-json.ts';
import type { Notifier, PostContext, ProviderConfig } from './notifier.ts';
import { postPayload } from './post.ts';
import { objectLabel } from './slack.ts';
import { requireURL } from './validate-url.ts';

/** teamsPayload picks the card format from the webhook host. */
export function teamsPayload(event: Event, address: string): unknown {
  const host = new URL(address).hostname;
  return host.endsWith('.webhook.office.com') ? messageCard(event) : adaptiveCard(event);
}

function sortedEntries(m: Readonly<Record<string, string>>): [string, string][] {
  return Object.keys(m)
    .sort()
    .map((k) => [k, m[k] ?? '']);
}

function messageCard(event: Event): unknown {
  const name = objectLabel(event);
  return {
    '@type': 'MessageCard',
    '@context': 'http://schema.org/extensions',
    themeColor: event.severity === 'error' ? 'FF0000' : '0076D7',
    summary: name,
    sections: [
      {
        activityTitle: event.message,
        activitySubtitle: name,
        facts: sortedEntries(event.metadata ?? {}).map(([name, value]) => ({ name, value })),
      },
    ],
  };
}

function adaptiveCard(event: Event): unknown {
  const m = event.metadata ?? {};
  // Flux puts "summary" first, then the other keys sorted.
  const facts = [
    ...('summary' in m ? [{ title: 'summary', value: m.summary ?? '' }] : []),
    ...sortedEntries(m)
      .filter(([k]) => k !== 'summary')
      .map(([title, value]) => ({ title, value })),
  ];
  const message = {
    type: 'TextBlock',
    text: event.message || undefined,
    color: event.severity === 'error' ? 'attention' : undefined,
    wrap: true,
  };
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'Container',
              items: [
                {
                  type: 'TextBlock',
                  text: objectLabel(event),
                  size: 'large',
                  weight: 'bolder',
                  wrap: true,
                },
                message,
                { type: 'FactSet', facts: facts.length > 0 ? facts : undefined },
              ],
            },
          ],
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}

/** msteamsNotifier posts the card to the Teams webhook. */
export function msteamsNotifier(cfg: ProviderConfig): Notifier {
  const url = requireURL(cfg.address, 'MS Teams webhook');
  return {
    type: 'msteams',
    async post(event: Event, ctx: PostContext): Promise<void> {
      await postPayload(cfg, url, goJSON(teamsPayload(event, url)), ctx.signal);
    },
  };
}
