// Google Chat card v1 payload, shaped like Flux's GoogleChatPayload (nulls included).
import type { Event } from '../../core/events/event.ts';
import { goJSON } from './go-json.ts';
import type { Notifier, PostContext, ProviderConfig } from './notifier.ts';
import { postPayload } from './post.ts';
import { objectLabel } from './slack.ts';
import { requireURL } from './validate-url.ts';

/** googleChatPayload builds the card: header, message section, then a metadata section. */
export function googleChatPayload(event: Event): unknown {
  const text =
    event.severity === 'error' ? `<font color="#ff0000">${event.message}</font>` : event.message;
  const sections: unknown[] = [
    { header: '', widgets: [{ textParagraph: { text }, keyValue: null }] },
  ];
  const m = event.metadata ?? {};
  const keys = Object.keys(m).sort();
  if (keys.length > 0) {
    sections.push({
      header: '',
      widgets: keys.map((k) => ({
        textParagraph: null,
        keyValue: {
          topLabel: k,
          content: m[k] ?? '',
          contentMultiline: false,
          bottomLabel: null,
          icon: null,
        },
      })),
    });
  }
  return {
    cards: [
      {
        header: {
          title: objectLabel(event),
          subtitle: event.reportingController,
          imageUrl: null,
          imageStyle: null,
        },
        sections,
      },
    ],
  };
}

/** googleChatNotifier posts the card to the space webhook. */
export function googleChatNotifier(cfg: ProviderConfig): Notifier {
  const url = requireURL(cfg.address, 'Google Chat hook');
  return {
    type: 'googlechat',
    async post(event: Event, ctx: PostContext): Promise<void> {
      await postPayload(cfg, url, goJSON(googleChatPayload(event)), ctx.signal);
    },
  };
}
