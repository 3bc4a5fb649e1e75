// A real CNCF distribution registry that POSTs its own push notifications to an endpoint, so
// webhook tests receive what a registry really sends.
import { type RunningRegistry, startRegistry } from '../../../test/support/registry.ts';

/** NotifyingRegistry is a started registry. */
export type NotifyingRegistry = RunningRegistry;

/** startNotifyingRegistry starts a registry that POSTs its events to endpoint with headers. */
export function startNotifyingRegistry(
  endpoint: string,
  headers: Record<string, string>,
): Promise<NotifyingRegistry> {
  return startRegistry({ notify: { url: endpoint, headers } });
}
