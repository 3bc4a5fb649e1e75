/**
 * compareBytes orders strings by their UTF-8 bytes, as Go's string comparison does. For ASCII
 * this is JS `<`; JS compares UTF-16 code units, which differs for code points above U+FFFF.
 */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate starts a code point above U+FFFF, which sorts after every BMP code point in
    // UTF-8 byte order even though U+E000–U+FFFF have larger UTF-16 code units.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
