// Character-class checks written as loops: reference parsing runs on user input, and the project
// keeps JavaScript RegExp away from user input altogether.

/** DIGITS are the ASCII decimal digits. */
export const DIGITS = '0123456789';
/** HEX_LOWER are the lower-case hexadecimal digits. */
export const HEX_LOWER = '0123456789abcdef';
/** HEX are the hexadecimal digits in either case. */
export const HEX = '0123456789abcdefABCDEF';

/** allIn reports whether every character of s is one of the characters in set. */
export function allIn(s: string, set: string): boolean {
  for (const ch of s) if (!set.includes(ch)) return false;
  return true;
}

/** isDecimalOctet reports whether s is 0–255 written without leading zeros (Go netip rules). */
export function isDecimalOctet(s: string): boolean {
  if (s === '' || s.length > 3 || !allIn(s, DIGITS)) return false;
  if (s.length > 1 && s.startsWith('0')) return false;
  return Number(s) <= 255;
}
