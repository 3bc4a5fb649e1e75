// Secret (v1): only its type and key names are kept, so values can never leak into messages.
import { getObj, getStr, type Raw } from './fields.ts';
import { bool, obj, type Schema, str, stringMap } from './schema.ts';

/** secretSchema is the top level of a v1 Secret (Secrets have no spec). */
export const secretSchema: Schema = obj({
  apiVersion: str(),
  kind: str(),
  metadata: { type: 'any' },
  type: str(),
  data: stringMap,
  stringData: stringMap,
  immutable: bool,
});

/** secretParts returns the Secret's type (default Opaque) and its sorted key names. */
export function secretParts(raw: Raw): { type: string; keys: string[] } {
  const keys = new Set([
    ...Object.keys(getObj(raw, 'data') ?? {}),
    ...Object.keys(getObj(raw, 'stringData') ?? {}),
  ]);
  return { type: getStr(raw, 'type') || 'Opaque', keys: [...keys].sort() };
}
