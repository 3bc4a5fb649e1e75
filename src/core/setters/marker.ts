// Reading `$imagepolicy` markers out of comment text, the way kyaml's fieldmeta short-hand does:
// strip the leading `#` characters, and the rest must be one JSON object of string values.

import type { ImageRef } from './result.ts';

/** markerKey is the JSON key of a setter marker. */
export const markerKey = '$imagepolicy';

/** screenToken is the literal Flux looks for before parsing a file at all. */
export const screenToken = `"${markerKey}"`;

/** parseMarkerComment returns the setter name in a comment like `# {"$imagepolicy": "ns:p"}`, or undefined. */
export function parseMarkerComment(comment: string): string | undefined {
  if (!comment.includes(markerKey)) return undefined;
  let start = 0;
  while (comment[start] === '#') start++;
  const body = comment.slice(start);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  // Go decodes into map[string]string: every value must be a string (null reads as "").
  for (const v of Object.values(parsed)) {
    if (typeof v !== 'string' && v !== null) return undefined;
  }
  const name = (parsed as Record<string, string | null>)[markerKey];
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** SetterField is which part of the latest image a setter writes. */
export type SetterField = 'image' | 'tag' | 'name' | 'digest';

/** ResolvedSetter is a setter name split into the policy key and the field it writes. */
export interface ResolvedSetter {
  readonly policyKey: string;
  readonly field: SetterField;
}

const suffixes: Record<string, SetterField> = { tag: 'tag', name: 'name', digest: 'digest' };

/** splitSetterName splits `ns:p`, `ns:p:tag|name|digest`; other shapes return undefined. */
export function splitSetterName(
  setter: string,
): ResolvedSetter | { policyKey: string } | undefined {
  const parts = setter.split(':');
  if (parts.length === 2) return { policyKey: setter, field: 'image' };
  if (parts.length !== 3) return undefined;
  const policyKey = `${parts[0]}:${parts[1]}`;
  const field = suffixes[parts[2] ?? ''];
  return field ? { policyKey, field } : { policyKey };
}

/** imageRefString renders a latest image as Flux's ImageRef.String(): name:tag[@digest]. */
export function imageRefString(ref: ImageRef): string {
  let s = `${ref.name}:${ref.tag}`;
  if (ref.digest !== undefined && ref.digest !== '') s += `@${ref.digest}`;
  return s;
}

/** setterValue is the string a setter writes for a latest image. */
export function setterValue(ref: ImageRef, field: SetterField): string {
  switch (field) {
    case 'image':
      return imageRefString(ref);
    case 'tag':
      return ref.tag;
    case 'name':
      return ref.name;
    case 'digest':
      return ref.digest ?? '';
  }
}
