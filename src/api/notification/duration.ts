// The Go duration subset the CRDs allow (`^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$`), parsed by hand so
// no regular expression ever runs on user input.

const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** parseCrdDuration returns milliseconds, or undefined when text breaks the CRD pattern. */
export function parseCrdDuration(text: string, units: readonly string[]): number | undefined {
  let i = 0;
  let total = 0;
  if (text === '') return undefined;
  while (i < text.length) {
    const start = i;
    while (i < text.length && isDigit(text[i]!)) i++;
    if (i === start) return undefined;
    let number = text.slice(start, i);
    if (text[i] === '.') {
      const fracStart = ++i;
      while (i < text.length && isDigit(text[i]!)) i++;
      if (i === fracStart) return undefined;
      number = `${number}.${text.slice(fracStart, i)}`;
    }
    const unit = text.startsWith('ms', i) ? 'ms' : (text[i] ?? '');
    if (!units.includes(unit)) return undefined;
    i += unit.length;
    total += Number(number) * (unitMs[unit] ?? 0);
  }
  return Math.round(total);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
