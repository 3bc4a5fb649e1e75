// certSecretRef: turns Secret data (ca.crt, tls.crt, tls.key and legacy names) into TLS options.

import { createPrivateKey, X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { RegistryError } from './errors.ts';

/** TlsOptions is what a registry connection needs; ca includes the system roots. */
export interface TlsOptions {
  ca?: string[];
  cert?: string;
  key?: string;
}

function pick(
  data: Readonly<Record<string, string>>,
  key: string,
  legacy: string,
): string | undefined {
  return data[key] ?? data[legacy];
}

/** tlsFromSecret validates a certSecretRef Secret (`name` = `<ns>/<name>`) the way Flux does. */
export function tlsFromSecret(name: string, data: Readonly<Record<string, string>>): TlsOptions {
  const cert = pick(data, 'tls.crt', 'certFile');
  const key = pick(data, 'tls.key', 'keyFile');
  const ca = pick(data, 'ca.crt', 'caFile');
  const fail = (msg: string, cause?: unknown): RegistryError =>
    new RegistryError(msg, { kind: 'config', host: '', cause });
  if (cert && !key) throw fail(`secret '${name}' contains 'tls.crt' but missing 'tls.key'`);
  if (key && !cert) throw fail(`secret '${name}' contains 'tls.key' but missing 'tls.crt'`);
  if (!ca && !cert)
    throw fail(`secret '${name}' must contain either 'ca.crt' or both 'tls.crt' and 'tls.key'`);
  const out: TlsOptions = {};
  if (cert && key) {
    try {
      const x = new X509Certificate(cert);
      const k = createPrivateKey(key);
      if (!x.checkPrivateKey(k)) throw new Error('the key does not belong to the certificate');
    } catch (err) {
      throw fail(`secret '${name}': failed to parse TLS certificate and key`, err);
    }
    out.cert = cert;
    out.key = key;
  }
  if (ca) {
    try {
      new X509Certificate(ca);
    } catch (err) {
      throw fail(`secret '${name}': failed to parse CA certificate`, err);
    }
    // A custom CA replaces Node's store, so keep the public roots next to it (Flux: system pool + ca.crt).
    out.ca = [...rootCertificates, ca];
  }
  return out;
}
