/**
 * Reads a Python literal as `repr()` writes it (dicts, lists, tuples, str, int, float, True, False,
 * None) into the equivalent JSON value. Some archived daily_papers files hold each entry as such a
 * string (`"{'paper': {...}, 'thumbnail': None}"`); reading them recovers those days' papers
 * instead of skipping the files. Anything else (a call, a name, a set) is an error at its offset.
 */

/** The value, or where and why the text is not a Python literal. */
export type PythonLiteral = { ok: true; value: unknown } | { ok: false; offset: number; message: string };

class At extends Error {
  constructor(readonly offset: number, message: string) { super(message); }
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '',
};
const CONSTANTS: ReadonlyArray<[string, unknown]> = [['True', true], ['False', false], ['None', null]];

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  skip(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++;
  }

  value(): unknown {
    this.skip();
    const c = this.s[this.i];
    if (c === undefined) throw new At(this.i, 'unexpected end of text');
    if (c === "'" || c === '"') return this.string();
    if (c === '{') return this.dict();
    if (c === '[' || c === '(') return this.sequence(c === '[' ? ']' : ')');
    for (const [word, v] of CONSTANTS) {
      if (this.s.startsWith(word, this.i)) { this.i += word.length; return v; }
    }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (m) { this.i += m[0].length; return Number(m[0]); }
    throw new At(this.i, `unexpected ${JSON.stringify(c)}`);
  }

  string(): string {
    const quote = this.s[this.i]!;
    const start = this.i;
    let out = '';
    for (this.i++; this.i < this.s.length; this.i++) {
      const c = this.s[this.i]!;
      if (c === quote) { this.i++; return out; }
      if (c === '\n') break;
      if (c !== '\\') { out += c; continue; }
      const e = this.s[++this.i];
      if (e === undefined) break;
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) { out += simple; continue; }
      const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      const hex = this.s.slice(this.i + 1, this.i + 1 + width);
      if (width && /^[0-9a-fA-F]+$/.test(hex) && hex.length === width) {
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw new At(this.i - 1, `escape \\${e}${hex} is not a character`);
        out += String.fromCodePoint(code);
        this.i += width;
        continue;
      }
      const octal = /^[0-7]{1,3}/.exec(this.s.slice(this.i, this.i + 3));
      if (octal) { out += String.fromCharCode(parseInt(octal[0], 8)); this.i += octal[0].length - 1; continue; }
      out += `\\${e}`; // Python keeps unknown escapes such as \d as they are.
    }
    throw new At(start, 'unterminated string');
  }

  dict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    for (;;) {
      this.skip();
      if (this.s[this.i] === '}') { this.i++; return out; }
      const keyAt = this.i;
      const key = this.value();
      if (typeof key !== 'string' && typeof key !== 'number') throw new At(keyAt, 'a key must be a string or a number');
      this.skip();
      if (this.s[this.i] !== ':') throw new At(this.i, "expected ':'");
      this.i++;
      out[String(key)] = this.value();
      if (!this.separator('}')) return out;
    }
  }

  sequence(close: string): unknown[] {
    const out: unknown[] = [];
    this.i++;
    for (;;) {
      this.skip();
      if (this.s[this.i] === close) { this.i++; return out; }
      out.push(this.value());
      if (!this.separator(close)) return out;
    }
  }

  /** After an element: true when another may follow, false when `close` ended the container. */
  separator(close: string): boolean {
    this.skip();
    const c = this.s[this.i];
    if (c === ',') { this.i++; return true; }
    if (c === close) { this.i++; return false; }
    throw new At(this.i, `expected ',' or '${close}'`);
  }
}

/** Parses one whole Python literal; trailing text other than whitespace is an error. */
export function parsePythonLiteral(text: string): PythonLiteral {
  const r = new Reader(text);
  try {
    const value = r.value();
    r.skip();
    if (r.i < text.length) throw new At(r.i, 'unexpected text after the value');
    return { ok: true, value };
  } catch (err) {
    if (err instanceof At) return { ok: false, offset: err.offset, message: err.message };
    throw err;
  }
}
