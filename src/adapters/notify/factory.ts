// Provider type → Notifier module. Unsupported Flux types fail here with a clear message.
import { supportedProviderTypes } from '../../api/notification/types.ts';
import { alertmanagerNotifier } from './alertmanager.ts';
import { discordNotifier } from './discord.ts';
import { genericNotifier } from './generic.ts';
import { giteaNotifier } from './gitea.ts';
import { githubNotifier } from './github.ts';
import { gitlabNotifier } from './gitlab.ts';
import { googleChatNotifier } from './googlechat.ts';
import { msteamsNotifier } from './msteams.ts';
import { ConfigError, type Notifier, type ProviderConfig } from './notifier.ts';
import { slackNotifier } from './slack.ts';

/** isSupportedType reports whether tagpilot has a module for the Flux provider type. */
export function isSupportedType(type: string): type is ProviderConfig['type'] {
  return (supportedProviderTypes as readonly string[]).includes(type);
}

/** notifierFor builds the Notifier for a resolved provider, or throws ConfigError. */
export function notifierFor(cfg: ProviderConfig): Notifier {
  switch (cfg.type) {
    case 'discord':
      return discordNotifier(cfg);
    case 'slack':
      return slackNotifier(cfg);
    case 'msteams':
      return msteamsNotifier(cfg);
    case 'googlechat':
      return googleChatNotifier(cfg);
    case 'generic':
      return genericNotifier(cfg, false);
    case 'generic-hmac':
      return genericNotifier(cfg, true);
    case 'github':
      return githubNotifier(cfg);
    case 'gitlab':
      return gitlabNotifier(cfg);
    case 'gitea':
      return giteaNotifier(cfg);
    case 'alertmanager':
      return alertmanagerNotifier(cfg);
    default:
      throw new ConfigError(
        'spec.type',
        `provider type ${JSON.stringify(cfg.type)} is not supported by tagpilot`,
      );
  }
}
