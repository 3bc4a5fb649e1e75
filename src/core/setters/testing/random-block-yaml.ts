// Seeded generator of block YAML files shaped like GitOps manifests, with the odd layouts and
// small breakages real repositories have, for checking the fast scanner against the general parser.

import type { Random } from './fuzz-tree.ts';

const pick = <T>(rnd: Random, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

// biome-ignore format: tables read better than one value per line
const keys = [
  'image', 'tag', 'name', 'newTag', 'newName', 'repository', 'a b', '"quoted key"', "'sq key'",
  'app.kubernetes.io/name', 'x-y', 'value', 'http://host', 'k',
];
// biome-ignore format: tables read better than one value per line
const plains = [
  'v1', '1.10', 'ghcr.io/a/b:1.0', 'true', '-x', 'a:b', 'foo bar', '--flag=1', '?q', ':c', '~',
  'null', '1e3', 'a#b', 'é', 'x-1', '0x1F', 'v1 # trailing note', 'ok ', 'a, b', '{}', '[]', 'it"s',
  '[a, b]', '["x", \'y\']', '[ v1 ]', '[a,b]', '[--flag=1, "a b"]', '[ ]', '[a:b, c]',
];
// Forms the fast scanner declines (or that break the file), used sparingly so most files stay fast.
// biome-ignore format: tables read better than one value per line
const exotic = [
  'a: b', '@at', '`bt', '*alias', '&anc v', '!!str v', '%p', '[a,]', '[a, [b]]', '{a: 1}', '"x\\"y"',
  '[a: b]', '[a # c]', '[x', '[a, {}]',
  '"unclosed', "'unclosed", '"v1" extra', '"v1"#c', '|2', '>+', '- x',
];
// biome-ignore format: tables read better than one value per line
const quoted = ['"v1"', '"a b"', '""', "'v1'", "'it''s'", "''", '"1.10"', '"a # b"', "'a: b'"];
const comments = ['# note', '#', '# {"$imagepolicy": "ns:p0"}', '# {"$imagepolicy": "ns:p1:tag"}'];

class Gen {
  readonly rnd: Random;
  readonly out: string[] = [];
  constructor(rnd: Random) {
    this.rnd = rnd;
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  lineComment(): string {
    return this.chance(0.35) ? ` ${pick(this.rnd, comments)}` : '';
  }
  // A comment after a key or dash whose value is a collection: a marker there is rare.
  openerComment(): string {
    if (this.chance(0.03)) return this.lineComment();
    return this.chance(0.2) ? ' # about this' : '';
  }
  between(indent: number): void {
    if (this.chance(0.15)) this.out.push('');
    if (this.chance(0.12)) {
      const col = this.chance(0.6) ? indent : Math.floor(this.rnd() * (indent + 3));
      const c = this.chance(0.03) ? pick(this.rnd, comments) : '# a comment';
      this.out.push(`${' '.repeat(col)}${c}`);
    }
  }
  inline(): string {
    if (this.chance(0.01)) return pick(this.rnd, exotic);
    return this.chance(0.7) ? pick(this.rnd, plains) : pick(this.rnd, quoted);
  }
  // A value after `key:` or `- `, at a collection of column `col`.
  value(prefix: string, col: number, depth: number, inMap: boolean): void {
    const r = this.rnd();
    if (depth > 4 || r < 0.5) {
      this.out.push(`${prefix} ${this.inline()}${this.lineComment()}`);
    } else if (r < 0.6) {
      this.out.push(`${prefix}${this.lineComment()}`);
    } else if (r < 0.68) {
      const header = this.chance(0.05)
        ? pick(this.rnd, ['>+', '|2'])
        : pick(this.rnd, ['|', '|-', '>']);
      this.out.push(`${prefix} ${header}${this.lineComment()}`);
      const ind = ' '.repeat(col + 2);
      for (let i = Math.floor(this.rnd() * 3); i >= 0; i--) {
        this.out.push(
          this.chance(0.2) ? '' : `${ind}${pick(this.rnd, ['text', '# not a comment', 'k: v'])}`,
        );
      }
    } else if (r < 0.8) {
      this.out.push(`${prefix}${this.openerComment()}`);
      this.map(col + pick(this.rnd, [1, 2, 2, 2, 4]), depth + 1);
    } else {
      this.out.push(`${prefix}${this.openerComment()}`);
      const indentless = inMap && this.chance(0.4);
      this.seq(indentless ? col : col + 2, depth + 1);
    }
  }
  map(col: number, depth: number, first?: string): void {
    const ind = ' '.repeat(col);
    const n = 1 + Math.floor(this.rnd() * 4);
    for (let i = 0; i < n; i++) {
      if (i > 0 || first === undefined) this.between(col);
      // Identity keys again (duplicates) now and then.
      const key = this.chance(0.03)
        ? pick(this.rnd, ['apiVersion', '"kind"', 'metadata'])
        : pick(this.rnd, keys);
      this.value(
        i === 0 && first !== undefined ? `${first}${key}:` : `${ind}${key}:`,
        col,
        depth,
        true,
      );
    }
  }
  seq(col: number, depth: number): void {
    const ind = ' '.repeat(col);
    const n = 1 + Math.floor(this.rnd() * 4);
    for (let i = 0; i < n; i++) {
      this.between(col);
      const r = this.rnd();
      if (r < 0.45) this.out.push(`${ind}- ${this.inline()}${this.lineComment()}`);
      else if (r < 0.7 && depth < 4) this.map(col + 2, depth + 1, `${ind}- `);
      else if (r < 0.8 && depth < 4) {
        this.out.push(`${ind}-${this.openerComment()}`);
        this.map(col + 2, depth + 1);
      } else if (r < 0.81) this.out.push(`${ind}- - ${this.inline()}`);
      else if (r < 0.92) this.out.push(`${ind}-${this.lineComment()}`);
      else this.value(`${ind}-`, col, depth, false);
    }
  }
  document(): void {
    if (this.chance(0.6)) {
      this.out.push(
        `apiVersion: ${this.chance(0.03) ? '1.0' : pick(this.rnd, ['apps/v1', 'v1', '"v1"'])}`,
      );
      this.out.push(
        `kind: ${this.chance(0.03) ? 'true' : pick(this.rnd, ['Deployment', "'Job'"])}`,
      );
      if (this.chance(0.8)) {
        this.out.push('metadata:');
        this.out.push(
          `  name: ${this.chance(0.03) ? '123' : pick(this.rnd, ['app', '"app"', 'a b'])}`,
        );
        if (this.chance(0.5)) this.out.push(`  namespace: ${pick(this.rnd, ['team', "'t'"])}`);
      }
    }
    this.map(0, 0);
  }
}

// Small breakages: shifted indentation, a tab, a continuation line, a stray character.
function perturb(rnd: Random, lines: string[]): void {
  const at = Math.floor(rnd() * lines.length);
  const line = lines[at] ?? '';
  switch (Math.floor(rnd() * 5)) {
    case 0:
      lines[at] = ` ${line}`;
      break;
    case 1:
      lines[at] = line.startsWith(' ') ? line.slice(1) : line;
      break;
    case 2:
      lines[at] = line.replace(' ', '\t');
      break;
    case 3:
      lines.splice(at + 1, 0, `${' '.repeat(line.length - line.trimStart().length + 2)}more`);
      break;
    default:
      lines[at] = `${line}${pick(rnd, [':', ' x: y', ' "', ' #x', ' - z'])}`;
  }
}

/** randomBlockYaml returns one file of one to three documents. */
export function randomBlockYaml(rnd: Random): string {
  const g = new Gen(rnd);
  if (g.chance(0.3)) g.out.push(g.chance(0.5) ? '---' : '# leading comment');
  const docs = 1 + Math.floor(rnd() * 3);
  for (let d = 0; d < docs; d++) {
    if (d > 0) g.out.push(pick(rnd, ['---', '---', '--- # sep', '--- ']));
    g.document();
  }
  if (g.chance(0.2)) perturb(rnd, g.out);
  const eol = g.chance(0.1) ? '\r\n' : '\n';
  const text = g.out.join(eol);
  return g.chance(0.85) ? `${text}${eol}` : text;
}
