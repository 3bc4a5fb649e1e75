// flux's tables (tablewriter): cells padded to the column width and joined by TABs; data rows
// end with a TAB, the header row with padding only.

function width(s: string): number {
  return [...s].length;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(n - width(s), 0));
}

/** formatTable renders a header (omitted when undefined) and rows as flux prints them. */
export function formatTable(
  header: readonly string[] | undefined,
  rows: readonly string[][],
): string {
  const all = header ? [header, ...rows] : rows;
  const cols = Math.max(0, ...all.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) =>
    Math.max(...all.map((r) => width(r[i] ?? ''))),
  );
  const line = (r: readonly string[]) => r.map((c, i) => pad(c, widths[i] ?? 0)).join('\t');
  const out: string[] = [];
  if (header) out.push(line(header));
  for (const r of rows) out.push(`${line(r)}\t`);
  return out.map((l) => `${l}\n`).join('');
}

/** rfc3339 prints a timestamp the way Go's metav1.Time does (seconds, no fraction); '' if unset. */
export function rfc3339(t: string | undefined): string {
  if (!t) return '';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return t;
  return `${d.toISOString().slice(0, 19)}Z`;
}
