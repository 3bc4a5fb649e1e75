// Go's url.ParseRequestURI acceptance for provider addresses, without echoing the address
// (webhook URLs are credentials).
import { ConfigError } from './notifier.ts';

/** requireURL returns address if it is an absolute http(s) URL, else throws ConfigError. */
export function requireURL(address: string, what: string): string {
  if (address === '')
    throw new ConfigError(
      'spec.address',
      `${what} address is empty (set spec.address or the Secret's address key)`,
    );
  let u: URL;
  try {
    u = new URL(address);
  } catch {
    throw new ConfigError('spec.address', `invalid ${what} URL (not an absolute URL)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ConfigError(
      'spec.address',
      `invalid ${what} URL: scheme ${JSON.stringify(u.protocol)} is not http or https`,
    );
  }
  return address;
}
