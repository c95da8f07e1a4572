/**
 * Reading the query string the way pages need it: one trimmed text per name (a repeated
 * parameter keeps its first value), so a crafted URL can never turn a string into an array.
 */

/** The query object Fastify hands a page. */
export type Query = Record<string, unknown>;

/** The first value of a parameter, trimmed, or undefined when absent or empty. */
export function queryText(q: Query, name: string, max = 500): string | undefined {
  const raw = q[name];
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== 'string') return undefined;
  const t = v.trim().slice(0, max);
  return t === '' ? undefined : t;
}

/** A parameter restricted to known values, with a default for anything else. */
export function queryChoice<T extends string>(q: Query, name: string, choices: readonly T[], fallback: T): T {
  const v = queryText(q, name);
  return v !== undefined && (choices as readonly string[]).includes(v) ? (v as T) : fallback;
}
