// Problems in notification manifests (Provider, Alert) and Receivers as the same Diagnostic the
// image kinds use, so `check` and the daemon report every kind alike.
import { parseReceiverYAML } from '../../adapters/webhooks/parse-receiver.ts';
import type { Receiver } from '../../adapters/webhooks/receiver.ts';
import type { Diagnostic } from '../diagnostic.ts';
import type { NotificationSpecError } from './errors.ts';
import { parseNotificationYAML } from './parse.ts';
import type { Alert, Provider } from './types.ts';

/** specErrorDiagnostic converts one NotificationSpecError. */
export function specErrorDiagnostic(
  e: NotificationSpecError,
  severity: Diagnostic['severity'],
): Diagnostic {
  const problem = e.message.slice(e.message.lastIndexOf(': ') + 2);
  return {
    severity,
    file: e.file,
    document: e.doc,
    kind: e.kind,
    ...(e.object.startsWith('<') ? {} : { object: e.object }),
    ...(e.field ? { path: e.field } : {}),
    ...(e.value ? { value: e.value } : {}),
    message: problem,
  };
}

const notificationKinds = /kind:\s*['"]?(Provider|Alert|Receiver)\b/;

/** NotificationLoad is the Providers, Alerts and Receivers of one file, and their problems. */
export interface NotificationLoad {
  readonly providers: Provider[];
  readonly alerts: Alert[];
  readonly receivers: Receiver[];
  readonly diagnostics: Diagnostic[];
}

/** loadNotifications parses the Providers, Alerts and Receivers of one file (cheap when it has none). */
export function loadNotifications(
  text: string,
  file: string,
  defaultNamespace?: string,
): NotificationLoad {
  if (!notificationKinds.test(text))
    return { providers: [], alerts: [], receivers: [], diagnostics: [] };
  const notifications = parseNotificationYAML(
    text,
    file,
    defaultNamespace ? { defaultNamespace } : {},
  );
  const hooks = parseReceiverYAML(text, file, defaultNamespace);
  return {
    providers: notifications.providers,
    alerts: notifications.alerts,
    receivers: hooks.receivers,
    diagnostics: [notifications, hooks].flatMap((p) => [
      ...p.errors.map((e) => specErrorDiagnostic(e, 'error')),
      ...p.warnings.map((e) => specErrorDiagnostic(e, 'warning')),
    ]),
  };
}
