import type { FastifyInstance } from 'fastify';

/** A parsed form: repeated names keep every value, in order. */
export type FormBody = Record<string, string[]>;

/** Forms are short; anything larger is refused with 413 before it is parsed. */
const FORM_LIMIT_BYTES = 32 * 1024;

function parseUrlEncoded(text: string): FormBody {
  const out: FormBody = Object.create(null) as FormBody;
  for (const [name, value] of new URLSearchParams(text)) (out[name] ??= []).push(value);
  return out;
}

/**
 * Lets routes read HTML form posts (application/x-www-form-urlencoded) with a small built-in
 * parser instead of a plugin. multipart/form-data is accepted as raw text only, for the RFC 8058
 * one-click unsubscribe that some mail clients send that way; no route treats it as a form.
 */
export function formBody(app: FastifyInstance): void {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
      (_req, body, done) => done(null, parseUrlEncoded(String(body))));
  }
  if (!app.hasContentTypeParser('multipart/form-data')) {
    app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
      (_req, body, done) => done(null, String(body)));
  }
}

/** The first value of a form field, or undefined (also for a body that is not a parsed form). */
export function formValue(body: unknown, name: string): string | undefined {
  return formValues(body, name)[0];
}

/** Every value of a form field (checkboxes and repeated fields), or [] when absent. */
export function formValues(body: unknown, name: string): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  const v = (body as Record<string, unknown>)[name];
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}
