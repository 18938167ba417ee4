// The literal strings a regular expression's every match must contain, read from its source: /소액\s*결[제재]/
// can only match text containing "결제" or "결재" (or, equally, "소액"). Used to skip the text a pattern cannot
// match (segment-index.ts) without running it. The reading is conservative: whatever it does not understand
// (case-insensitive or sticky flags, classes of many characters, optional parts) only makes the answer less
// selective, or null ("no literal is required"), never wrong.

/** Every match of the pattern contains one of these strings; null when no such set is known. */
export type Cover = readonly string[] | null;

/** What every match contains, in full: a literal, one of several needs, or all of several (each needed, so
 *  an index may check whichever is rarest on the page at hand). null: nothing known. */
export type Need = string | { any: readonly Need[] } | { all: readonly Need[] };

// More alternatives than this in one literal run ("01[016789]…" gives 6) stop it growing.
const MAX_RUN_STRINGS = 32;
const MAX_CLASS_CHARS = 8;

type Atom =
  | { kind: 'chars'; chars: string[] } // one character, one of these
  | { kind: 'group'; need: Need | null }
  | { kind: 'assertion' } // consumes nothing: ^ $ \b \B lookarounds
  | { kind: 'other' }; // consumes something not read as literal: . \d \w large classes, back-references

const needCache = new WeakMap<RegExp, Need | null>();
const coverCache = new WeakMap<RegExp, Cover>();

export function requiredNeed(pattern: RegExp): Need | null {
  let need = needCache.get(pattern);
  if (need === undefined) {
    need = /[iy]/.test(pattern.flags) ? null : new SourceReader(pattern.source).read();
    needCache.set(pattern, need);
  }
  return need;
}

export function requiredLiterals(pattern: RegExp): Cover {
  let cover = coverCache.get(pattern);
  if (cover === undefined) {
    const need = requiredNeed(pattern);
    cover = need === null ? null : coverOf(need);
    coverCache.set(pattern, cover);
  }
  return cover;
}

/** One set of strings covering the need, chosen without looking at any text: of several required parts the
 *  one with the longest shortest string. */
function coverOf(need: Need): readonly string[] {
  if (typeof need === 'string') return [need];
  if ('any' in need) return [...new Set(need.any.flatMap(coverOf))];
  return need.all.map(coverOf).reduce((a, b) => better(a, b)!);
}

const anyOf = (needs: Need[]): Need => (needs.length === 1 ? needs[0]! : { any: needs });

/** The better cover to check: longer shortest string, then fewer strings. */
function better(a: Cover, b: Cover): Cover {
  if (!a) return b;
  if (!b) return a;
  const minA = Math.min(...a.map((s) => s.length));
  const minB = Math.min(...b.map((s) => s.length));
  if (minA !== minB) return minA > minB ? a : b;
  return a.length <= b.length ? a : b;
}

class SourceReader {
  private i = 0;
  constructor(private readonly src: string) {}

  read(): Need | null {
    const need = this.alternation();
    return this.i === this.src.length ? need : null;
  }

  /** Branches separated by |: a match contains what one of the branches needs. */
  private alternation(): Need | null {
    const branches: Need[] = [];
    let known = true;
    for (;;) {
      const branch = this.sequence();
      if (branch === null) known = false;
      else if (typeof branch !== 'string' && 'any' in branch) branches.push(...branch.any);
      else branches.push(branch);
      if (this.src[this.i] !== '|') break;
      this.i++;
    }
    return known ? anyOf(branches) : null;
  }

  /** Terms in a row: adjacent single characters join into literal runs; every required run and group is needed. */
  private sequence(): Need | null {
    const needs: Need[] = [];
    let run: string[] | null = null;
    const flush = () => {
      if (run) needs.push(anyOf(run));
      run = null;
    };
    const extend = (chars: string[]) => {
      const next: string[] = run ? run.flatMap((r) => chars.map((c) => r + c)) : chars;
      if (next.length > MAX_RUN_STRINGS) {
        flush();
        run = chars;
      } else run = next;
    };
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      const [min, max] = this.quantifier();
      if (atom.kind === 'assertion') continue; // consumes nothing: the characters around it stay adjacent
      if (atom.kind === 'chars' && min >= 1) {
        extend(atom.chars);
        if (max !== 1) flush(); // what follows a repeated character is not adjacent to the run
        continue;
      }
      flush();
      if (atom.kind === 'group' && min >= 1 && atom.need !== null) needs.push(atom.need);
    }
    flush();
    return needs.length === 0 ? null : needs.length === 1 ? needs[0]! : { all: needs };
  }

  private quantifier(): [number, number] {
    const c = this.src[this.i];
    let q: [number, number] = [1, 1];
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return q;
      const min = Number(m[1]);
      q = [min, m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity];
      this.i += m[0].length - 1;
    } else return q;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy
    return q;
  }

  private atom(): Atom {
    const c = this.src[this.i++]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    if (c === '.') return { kind: 'other' };
    if (c === '^' || c === '$') return { kind: 'assertion' };
    return { kind: 'chars', chars: [c] };
  }

  private group(): Atom {
    let lookaround = false;
    if (this.src[this.i] === '?') {
      const rest = this.src.slice(this.i, this.i + 3);
      if (rest.startsWith('?:')) this.i += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) (this.i += 2), (lookaround = true);
      else if (rest === '?<=' || rest === '?<!') (this.i += 3), (lookaround = true);
      else if (rest.startsWith('?<')) this.i = this.src.indexOf('>', this.i) + 1; // named group
      else throw new SyntaxError(`unread group syntax at ${this.i} of /${this.src}/`);
    }
    const need = this.alternation();
    if (this.src[this.i] !== ')') throw new SyntaxError(`unclosed group at ${this.i} of /${this.src}/`);
    this.i++;
    return lookaround ? { kind: 'assertion' } : { kind: 'group', need };
  }

  private charClass(): Atom {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const chars = new Set<string>();
    let known = !negated;
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      const from = this.classChar();
      if (from !== null && this.src[this.i] === '-' && this.src[this.i + 1] !== ']') {
        this.i++;
        const to = this.classChar();
        if (to === null || to.charCodeAt(0) - from.charCodeAt(0) >= MAX_CLASS_CHARS) known = false;
        else for (let k = from.charCodeAt(0); k <= to.charCodeAt(0); k++) chars.add(String.fromCharCode(k));
      } else if (from === null) known = false;
      else chars.add(from);
    }
    this.i++; // ]
    return known && chars.size > 0 && chars.size <= MAX_CLASS_CHARS ? { kind: 'chars', chars: [...chars] } : { kind: 'other' };
  }

  /** One character of a class, or null for a shorthand (\d, \s, \p{…}) or anything not read. */
  private classChar(): string | null {
    const c = this.src[this.i++]!;
    if (c !== '\\') return c;
    const e = this.escape();
    return e.kind === 'chars' && e.chars.length === 1 ? e.chars[0]! : null;
  }

  /** After a backslash. */
  private escape(): Atom {
    const c = this.src[this.i++]!;
    const controls: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };
    if (c in controls) return { kind: 'chars', chars: [controls[c]!] };
    if (c === 'b' || c === 'B') return { kind: 'assertion' };
    if (c === 'u' && /^[0-9a-fA-F]{4}/.test(this.src.slice(this.i, this.i + 4))) {
      const ch = String.fromCharCode(parseInt(this.src.slice(this.i, this.i + 4), 16));
      this.i += 4;
      return { kind: 'chars', chars: [ch] };
    }
    if (c === 'x' && /^[0-9a-fA-F]{2}/.test(this.src.slice(this.i, this.i + 2))) {
      const ch = String.fromCharCode(parseInt(this.src.slice(this.i, this.i + 2), 16));
      this.i += 2;
      return { kind: 'chars', chars: [ch] };
    }
    if (c === 'p' || c === 'P' || c === 'k' || c === 'u') {
      if (this.src[this.i] === '{' || this.src[this.i] === '<') this.i = this.src.indexOf(this.src[this.i] === '{' ? '}' : '>', this.i) + 1;
      return { kind: 'other' };
    }
    if (/[dDwWsSc1-9]/.test(c)) {
      if (c === 'c') this.i++;
      else if (/[1-9]/.test(c)) while (/[0-9]/.test(this.src[this.i] ?? '')) this.i++;
      return { kind: 'other' };
    }
    return { kind: 'chars', chars: [c] }; // \. \/ \- \[ \( \? …: the character itself
  }
}
