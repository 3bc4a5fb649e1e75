// A fast path for the most common filterTags shape, Flux's documented `^main-[a-f0-9]+-(?P<ts>.*)`:
// an anchored prefix followed by one capture of `.*` at the end. For a tag without a newline the
// capture always starts where the prefix's own leftmost-first match ends and runs to the end, so
// matching the capture-free prefix (about 2.5× cheaper in re2js) gives Go's exact submatches.

/** suffixCapturePrefix returns the prefix pattern when pattern has that shape, else undefined. */
export function suffixCapturePrefix(pattern: string, groupCount: number): string | undefined {
  if (groupCount !== 1 || pattern[0] !== '^' || pattern.includes('|')) return undefined;
  // A trailing `$` changes nothing for tags without newlines: `.*` already reaches the end.
  const body = pattern.endsWith(')$') ? pattern.slice(0, -1) : pattern;
  const group = /\((?:\?P?<[A-Za-z_][A-Za-z0-9_]*>)?\.\*\)$/.exec(body);
  if (!group) return undefined;
  const prefix = body.slice(0, group.index);
  // Flags such as (?U) or (?s) could change what `.*` means; \Q could quote the group away.
  if (prefix.includes('(?') || prefix.includes('\\Q')) return undefined;
  const trailingBackslashes = /\\*$/.exec(prefix)?.[0].length ?? 0;
  if (trailingBackslashes % 2 === 1) return undefined; // the `(` would be escaped
  return prefix;
}
