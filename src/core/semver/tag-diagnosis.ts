// Why a tag is not a semver candidate, in words a user can act on (for `explain` output).
// Only the wording is ours: whether a tag is a candidate is decided by parseTagVersion alone.
import { isDigit, isUint64Digits } from './scan.ts';
import { MAX_VERSION_LENGTH, parseTagVersion } from './version.ts';

// hasZeroPaddedNumber tells whether a dot-separated identifier list holds a numeric identifier
// with a leading zero, such as the `01` in `1.2.3-rc.01`.
function hasZeroPaddedNumber(ids: string): boolean {
  for (const id of ids.split('.')) {
    if (
      id.length > 1 &&
      id.charCodeAt(0) === 48 &&
      [...id].every((ch) => isDigit(ch.charCodeAt(0)))
    ) {
      return true;
    }
  }
  return false;
}

/**
 * diagnoseTag returns undefined for a semver candidate, else a short reason why a semver policy
 * skips the tag (for example `needs MAJOR.MINOR.PATCH (two dots)`).
 */
export function diagnoseTag(tag: string): string | undefined {
  if (parseTagVersion(tag) !== undefined) return undefined;
  if (tag.length > MAX_VERSION_LENGTH) return `longer than ${MAX_VERSION_LENGTH} characters`;
  const c0 = tag.charCodeAt(0);
  if (
    (c0 === 86 /* V */ && isDigit(tag.charCodeAt(1))) ||
    (tag.startsWith('vv') && isDigit(tag.charCodeAt(2)))
  ) {
    return 'the only prefix allowed is one lowercase v';
  }
  const firstDot = tag.indexOf('.');
  if (firstDot < 0 || tag.indexOf('.', firstDot + 1) < 0)
    return 'needs MAJOR.MINOR.PATCH (two dots)';
  // The numbers: after an optional v, up to the first character that is neither digit nor dot.
  let i = c0 === 118 /* v */ ? 1 : 0;
  const coreStart = i;
  while (i < tag.length && (isDigit(tag.charCodeAt(i)) || tag.charCodeAt(i) === 46)) i++;
  const numbers = tag.slice(coreStart, i).split('.');
  if (numbers.length > 3 && numbers.every((n) => n !== '')) return 'more than three numbers';
  if (numbers.some((n) => n !== '' && !isUint64Digits(n, 0, n.length))) {
    return 'a number is larger than 18446744073709551615';
  }
  if (tag.charCodeAt(i) === 45 /* - */) {
    const plus = tag.indexOf('+', i);
    if (hasZeroPaddedNumber(tag.slice(i + 1, plus < 0 ? tag.length : plus))) {
      return 'numeric prerelease identifiers must not have leading zeros';
    }
  }
  return 'not MAJOR.MINOR.PATCH[-prerelease][+metadata]';
}
