import type { Problem } from '../../model/paper-record.js';

/** A checked query or path parameter, or the problem to answer with 400. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Longest name or query a feed URL may carry; longer ones are not names but mistakes or probes. */
export const MAX_PARAM_LENGTH = 300;

function bad<T>(source: string, message: string): Checked<T> {
  return { ok: false, problem: { source, message } };
}

/** A required text (author, organization, category, query): present, not blank, no control characters. */
export function requiredText(value: unknown, source: string): Checked<string> {
  if (typeof value !== 'string') return bad(source, 'is required (give it once)');
  const text = value.trim();
  if (!text) return bad(source, 'must not be empty');
  if (text.length > MAX_PARAM_LENGTH) return bad(source, `must be at most ${MAX_PARAM_LENGTH} characters`);
  if (CONTROL.test(text)) return bad(source, 'must not contain control characters');
  return { ok: true, value: text };
}

/** An optional whole number in [min, max], `fallback` when absent. */
export function optionalInt(value: unknown, source: string, min: number, max: number, fallback: number): Checked<number> {
  if (value === undefined) return { ok: true, value: fallback };
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value)) return bad(source, `must be a whole number from ${min} to ${max}`);
  const n = Number(value);
  if (n < min || n > max) return bad(source, `must be a whole number from ${min} to ${max}`);
  return { ok: true, value: n };
}

/** An optional choice among fixed words, `fallback` when absent. */
export function optionalChoice<T extends string>(value: unknown, source: string, choices: readonly T[], fallback: T): Checked<T> {
  if (value === undefined) return { ok: true, value: fallback };
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return { ok: true, value: value as T };
  return bad(source, `must be one of ${choices.join(', ')}`);
}
