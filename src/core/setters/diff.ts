// A unified diff of two texts, line by line (Myers' algorithm; the setters change few lines, so
// the edit distance stays small even for large files).

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const trace: Map<number, number>[] = [];
  let v = new Map<number, number>([[1, 0]]);
  outer: for (let d = 0; d <= max; d++) {
    const next = new Map(v);
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1));
      let x = down ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next.set(k, x);
      if (x >= n && y >= m) {
        trace.push(next);
        break outer;
      }
    }
    trace.push(next);
    v = next;
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1] as Map<number, number>;
    const k = x - y;
    const down = k === -d || (k !== d && (prev.get(k - 1) ?? -1) < (prev.get(k + 1) ?? -1));
    const pk = down ? k + 1 : k - 1;
    const px = prev.get(pk) ?? 0;
    const py = px - pk;
    const sx = down ? px : px + 1;
    while (x > sx) {
      ops.push({ kind: ' ', line: a[--x] as string });
      y--;
    }
    if (down) ops.push({ kind: '+', line: b[--y] as string });
    else ops.push({ kind: '-', line: a[--x] as string });
    if (x !== px || y !== py) throw new Error('diff backtrack lost its way');
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[--x] as string });
    y--;
  }
  return ops.reverse();
}

/** unifiedDiff renders a/path → b/path with `context` lines around each change ('' when equal). */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = editScript(a, b);
  const out = [`--- a/${path}`, `+++ b/${path}`];
  let i = 0;
  let lineA = 1;
  let lineB = 1;
  while (i < ops.length) {
    if ((ops[i] as Op).kind === ' ') {
      i++;
      lineA++;
      lineB++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    let lastChange = i;
    while (end < ops.length && (ops[end]?.kind !== ' ' || end - lastChange <= 2 * context)) {
      if (ops[end]?.kind !== ' ') lastChange = end;
      end++;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    const lead = i - start;
    const hunk = ops.slice(start, end);
    const countA = hunk.filter((o) => o.kind !== '+').length;
    const countB = hunk.filter((o) => o.kind !== '-').length;
    const fromA = lineA - lead;
    const fromB = lineB - lead;
    out.push(
      `@@ -${countA === 0 ? fromA - 1 : fromA},${countA} +${countB === 0 ? fromB - 1 : fromB},${countB} @@`,
    );
    for (const o of hunk)
      out.push(`${o.kind}${o.line.endsWith('\r') ? o.line.slice(0, -1) : o.line}`);
    for (let j = i; j < end; j++) {
      const kind = ops[j]?.kind;
      if (kind !== '+') lineA++;
      if (kind !== '-') lineB++;
    }
    i = end;
  }
  return `${out.join('\n')}\n`;
}
