import type { FastifyInstance } from 'fastify';
import type { HTMLElement } from 'node-html-parser';
import { parseHtml } from './html-doc.js';

/** One response as a form test sees it. */
export interface FormResponse {
  status: number;
  headers: Record<string, string>;
  setCookies: string[];
  body: string;
  doc: HTMLElement;
}

type Send = (method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string) => Promise<Omit<FormResponse, 'doc'>>;

/** Over real HTTP to a listening server (what a browser does). */
export function httpTransport(baseUrl: string): Send {
  return async (method, path, headers, body) => {
    const res = await fetch(new URL(path, baseUrl), { method, headers, body, redirect: 'manual' });
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => { out[k] = v; });
    return { status: res.status, headers: out, setCookies: res.headers.getSetCookie(), body: await res.text() };
  };
}

/** In process, from a chosen client address (for per-IP limits). */
export function injectTransport(app: FastifyInstance, remoteAddress = '127.0.0.1'): Send {
  return async (method, path, headers, body) => {
    const res = await app.inject({ method, url: path, headers, payload: body, remoteAddress });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
    const raw = res.headers['set-cookie'];
    return { status: res.statusCode, headers: out, setCookies: raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)], body: res.body };
  };
}

/**
 * A minimal browser for HTML forms: keeps cookies, and fills in a form's hidden fields (the CSRF
 * token) from the last page it read, the way a person submitting the form would.
 */
export class FormClient {
  readonly cookies = new Map<string, string>();
  last: FormResponse | null = null;

  constructor(private readonly send: Send) {}

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  private keep(r: Omit<FormResponse, 'doc'>): FormResponse {
    for (const c of r.setCookies) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    this.last = { ...r, doc: parseHtml(r.body) };
    return this.last;
  }

  async get(path: string): Promise<FormResponse> {
    return this.keep(await this.send('GET', path, this.cookieHeader()));
  }

  /** Posts fields as a browser would (url-encoded); `withHidden` adds the hidden inputs of the form posting to `path` on the last page. */
  async post(path: string, fields: Record<string, string | string[]>, opts: { withHidden?: boolean; headers?: Record<string, string> } = {}): Promise<FormResponse> {
    const form = new URLSearchParams();
    if (opts.withHidden !== false && this.last) {
      const target = this.last.doc.querySelectorAll('form').find((f) => f.getAttribute('action') === path) ?? this.last.doc.querySelector('form[method="post"]');
      for (const input of target?.querySelectorAll('input[type="hidden"]') ?? []) form.append(input.getAttribute('name')!, input.getAttribute('value') ?? '');
    }
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...this.cookieHeader(), ...opts.headers };
    return this.keep(await this.send('POST', path, headers, form.toString()));
  }

  /** A raw POST (no cookies, no hidden fields): what a mail client's one-click unsubscribe sends. */
  async rawPost(path: string, body: string, contentType: string): Promise<FormResponse> {
    return this.keep(await this.send('POST', path, { 'content-type': contentType }, body));
  }
}

/** The visible text of the page's <main>, whitespace collapsed. */
export function mainText(r: FormResponse): string {
  return (r.doc.querySelector('main')?.text ?? '').replace(/\s+/g, ' ').trim();
}
