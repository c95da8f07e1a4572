/**
 * Where JSON text goes wrong, as line and column, so a bad file is reported at the spot to fix.
 * JSON.parse's own messages give a position only for some errors, so a small validator finds it.
 */

class At extends Error {
  constructor(readonly offset: number) { super('json'); }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function ws(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  return i;
}

function str(s: string, i: number): number {
  for (i++; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 0x20) throw new At(i);
    if (c !== 92) continue;
    const e = s[i + 1];
    if (e === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) throw new At(i);
      i += 5;
    } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
    else throw new At(i);
  }
  throw new At(s.length);
}

function value(s: string, i: number): number {
  i = ws(s, i);
  const c = s[i];
  if (c === '"') return str(s, i);
  if (c === '{' || c === '[') {
    const close = c === '{' ? '}' : ']';
    i = ws(s, i + 1);
    if (s[i] === close) return i + 1;
    for (;;) {
      if (c === '{') {
        if (s[i] !== '"') throw new At(i);
        i = ws(s, str(s, i));
        if (s[i] !== ':') throw new At(i);
        i++;
      }
      i = ws(s, value(s, i));
      if (s[i] === close) return i + 1;
      if (s[i] !== ',') throw new At(i);
      i = ws(s, i + 1);
    }
  }
  for (const lit of ['true', 'false', 'null']) if (s.startsWith(lit, i)) return i + lit.length;
  NUMBER.lastIndex = i;
  if (NUMBER.test(s)) return NUMBER.lastIndex;
  throw new At(i);
}

/** The 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offset of the first JSON syntax error in `text`, or null when it is valid (or too deep to check). */
export function jsonErrorOffset(text: string): number | null {
  try {
    const end = ws(text, value(text, 0));
    return end === text.length ? null : end;
  } catch (err) {
    if (err instanceof At) return err.offset;
    if (err instanceof RangeError) return null;
    throw err;
  }
}

/** Parses JSON; on failure returns the reason and, when found, where (`line L, column C`). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string; line: number | null; column: number | null } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const reason = (err as Error).message.replace(/,? ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    const offset = jsonErrorOffset(text);
    const at = offset == null ? null : lineColumn(text, offset);
    return { ok: false, message: `invalid JSON: ${reason}`, line: at?.line ?? null, column: at?.column ?? null };
  }
}
