import type { FastifyReply } from 'fastify';
import type { Problem } from '../../model/paper-record.js';

/** A parameter's value, or the problem that makes the request a 400 naming the parameter. */
export type Param<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** The query string as single text values; a repeated parameter is a problem, not an array. */
export type Query = Readonly<Record<string, string | undefined>>;

/** The body of every API error, so clients can point at the offending parameter. */
export interface ApiError {
  error: string;
  parameter?: string;
}

function fail<T>(parameter: string, message: string): Param<T> {
  return { ok: false, problem: { source: parameter, message } };
}

// NUL cannot be stored in PostgreSQL text and other controls never belong in a parameter.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Checks a text value: no control characters, not longer than `max`. */
export function cleanText(value: string, parameter: string, max: number): Param<string> {
  if (CONTROL.test(value)) return fail(parameter, 'contains control characters');
  if (value.length > max) return fail(parameter, `longer than ${max} characters`);
  return { ok: true, value };
}

/** The request's query as single strings; repeated or structured parameters are rejected. */
export function readQuery(raw: unknown): Param<Query> {
  const out: Record<string, string | undefined> = {};
  if (raw == null || typeof raw !== 'object') return { ok: true, value: out };
  for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== 'string') return fail(key.slice(0, 64), 'given more than once');
    out[key] = v;
  }
  return { ok: true, value: out };
}

/** An optional text parameter, checked with cleanText. */
export function textParam(q: Query, name: string, max: number): Param<string | undefined> {
  const v = q[name];
  if (v === undefined) return { ok: true, value: undefined };
  return cleanText(v, name, max);
}

/** An optional whole number between min and max (inclusive); the default when absent. */
export function intParam(q: Query, name: string, opts: { def: number; min: number; max: number }): Param<number> {
  const v = q[name];
  if (v === undefined) return { ok: true, value: opts.def };
  if (!/^\d{1,9}$/.test(v)) return fail(name, `expected a whole number from ${opts.min} to ${opts.max}`);
  const n = Number(v);
  if (n < opts.min || n > opts.max) return fail(name, `expected a whole number from ${opts.min} to ${opts.max}`);
  return { ok: true, value: n };
}

/** An optional parameter that must be one of `values`; the default when absent. */
export function enumParam<T extends string>(q: Query, name: string, values: readonly T[], def: T): Param<T> {
  const v = q[name];
  if (v === undefined) return { ok: true, value: def };
  if (!(values as readonly string[]).includes(v)) return fail(name, `expected one of ${values.join(', ')}`);
  return { ok: true, value: v as T };
}

/** Sends a problem as a JSON error with the given status (400 for parameters, 404 for ids). */
export function sendProblem(reply: FastifyReply, status: number, problem: Problem): ApiError {
  reply.code(status).type('application/json; charset=utf-8');
  return { error: problem.message, parameter: problem.source };
}

/**
 * Unwraps several parameters at once: the values in order, or the first problem. Handlers call it
 * once and return early on a problem.
 */
export function all<T extends readonly Param<unknown>[]>(...params: T): Param<{ [K in keyof T]: T[K] extends Param<infer V> ? V : never }> {
  const values: unknown[] = [];
  for (const p of params) {
    if (!p.ok) return p;
    values.push(p.value);
  }
  return { ok: true, value: values as { [K in keyof T]: T[K] extends Param<infer V> ? V : never } };
}
