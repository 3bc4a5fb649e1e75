// The contract every provider module implements, and the resolved configuration it is built from.
import type { SupportedProviderType } from '../../api/notification/types.ts';
import type { Event } from '../../core/events/event.ts';

/** TLSMaterial is PEM text from the Provider's certSecretRef (or secretRef for forges). */
export interface TLSMaterial {
  ca?: string;
  cert?: string;
  key?: string;
}

/** ProviderConfig is a Provider with its Secret data applied; it holds secrets, never log it. */
export interface ProviderConfig {
  /** key is `namespace/name` of the Provider. */
  key: string;
  type: SupportedProviderType;
  address: string;
  channel: string;
  username: string;
  password: string;
  token: string;
  headers: Readonly<Record<string, string>>;
  proxy: string;
  tls?: TLSMaterial;
  timeoutMs: number;
}

/** PostContext is what one delivery adds to the event: the commit status id and a signal. */
export interface PostContext {
  signal: AbortSignal;
  /** commitStatus is the status context/name for forge providers (Flux's default or CEL result). */
  commitStatus: string;
}

/** Notifier sends one event to one destination; it throws DeliveryError on failure. */
export interface Notifier {
  readonly type: SupportedProviderType;
  post(event: Event, ctx: PostContext): Promise<void>;
}

/** DeliveryError is a failed send; retryable says whether trying again can help. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly retryable: boolean;
  readonly status: number | undefined;
  constructor(message: string, retryable: boolean, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.retryable = retryable;
    this.status = status;
  }
}

/** ConfigError is a Provider that cannot be turned into a Notifier (bad address, missing token). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
