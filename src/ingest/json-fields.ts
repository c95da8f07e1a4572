/** True for a plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Typed reads of one parsed JSON object for the JSON adapters. A field of the wrong type reads as
 * null and records the first such problem ("paper.upvotes: expected a number, got a string"), so an
 * adapter can reject the record naming the field instead of storing garbage.
 */
export class JsonFields {
  private first: { problem: string | null };

  constructor(readonly data: Record<string, unknown>, private readonly prefix = '', shared?: { problem: string | null }) {
    this.first = shared ?? { problem: null };
  }

  /** The first type problem met so far (in this object or any nested one read through `obj`). */
  get problem(): string | null {
    return this.first.problem;
  }

  /** Records a problem about `key` (the first one wins). */
  fail(key: string, message: string): null {
    this.first.problem ??= `${this.prefix}${key}: ${message}`;
    return null;
  }

  private wrong(key: string, expected: string, v: unknown): null {
    return this.fail(key, `expected ${expected}, got ${kind(v)}`);
  }

  /** A string; numbers are accepted as their decimal text when `numbers` is set (ids). */
  str(key: string, opts: { numbers?: boolean } = {}): string | null {
    const v = this.data[key];
    if (v == null) return null;
    if (typeof v === 'string') return v;
    if (opts.numbers && typeof v === 'number' && Number.isFinite(v)) return String(v);
    return this.wrong(key, 'a string', v);
  }

  /** A required string: missing or blank is a problem. */
  need(key: string, opts: { numbers?: boolean } = {}): string | null {
    const v = this.str(key, opts);
    return v == null || !v.trim() ? this.fail(key, 'missing') : v;
  }

  num(key: string): number | null {
    const v = this.data[key];
    if (v == null) return null;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    return this.wrong(key, 'a number', v);
  }

  /** An array whose items all are strings. */
  strList(key: string): string[] | null {
    const v = this.data[key];
    if (v == null) return null;
    if (!Array.isArray(v)) return this.wrong(key, 'an array', v);
    const bad = v.findIndex((x) => typeof x !== 'string');
    if (bad !== -1) return this.wrong(`${key}[${bad}]`, 'a string', v[bad]);
    return v as string[];
  }

  /** An array of anything (the caller checks the items). */
  list(key: string): unknown[] | null {
    const v = this.data[key];
    if (v == null) return null;
    if (!Array.isArray(v)) return this.wrong(key, 'an array', v);
    return v;
  }

  /** A nested object, read with the same problem slot and a dotted prefix. */
  obj(key: string): JsonFields | null {
    const v = this.data[key];
    if (v == null) return null;
    if (!isObject(v)) return this.wrong(key, 'an object', v);
    return new JsonFields(v, `${this.prefix}${key}.`, this.first);
  }
}
