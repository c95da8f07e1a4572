import { z } from 'zod';
import { paperReference } from '../model/paper-reference.js';

/**
 * What a subscriber may choose, validated in one place for the form, the CLI, the CSV import and
 * rows read back from the database (a row edited by hand must not break a digest run).
 */

/** How often a digest goes out: 'daily' on weekdays (Monday to Friday) or 'weekly' on `weekday`. */
export const FREQUENCIES = ['daily', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** ISO weekdays, index + 1 = the stored number (1 = Monday .. 7 = Sunday). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Most entries per interest list, and longest entry: enough for a person, bounded for a digest run. */
export const MAX_INTERESTS = 20;
const MAX_ITEM = 200;

const item = z.string().trim().min(1, 'an entry is empty').max(MAX_ITEM, `each entry has at most ${MAX_ITEM} characters`).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'contains control characters');
const list = (entry: z.ZodType<string>) => z.array(entry).max(MAX_INTERESTS, `at most ${MAX_INTERESTS} entries`).default([]);
const category = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9.-]{0,39}$/, 'categories look like cs.CL or hep-th');
const paper = z.string().trim().transform((s, ctx) => {
  // Ids and paper addresses alike (arXiv, Hugging Face, alphaXiv), as the search box reads them.
  const id = paperReference(s);
  if (!id) ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 40)}" is not an arXiv id (e.g. 2401.01234)` });
  return id ?? '';
});

/** A subscriber's interests; all optional (none: the digest is the period's top trending papers). */
export const interestsSchema = z.object({
  categories: list(category),
  /** Keywords or a sentence in natural language, each searched on its own. */
  topics: list(item),
  authors: list(item),
  organizations: list(item),
  /** arXiv ids (no version) of "papers like these". */
  papers: list(paper),
});
export type Interests = z.infer<typeof interestsSchema>;

/** Frequency, day and interests together: what the form, the CLI and a pending change carry. */
export interface Preferences {
  frequency: Frequency;
  /** ISO weekday 1..7; only meaningful for weekly digests. */
  weekday: number;
  interests: Interests;
}

/** The preferences of someone who chose nothing: daily, top trending papers. */
export function defaultPreferences(): Preferences {
  return { frequency: 'daily', weekday: 1, interests: emptyInterests() };
}

/** Interests with every list empty. */
export function emptyInterests(): Interests {
  return { categories: [], topics: [], authors: [], organizations: [], papers: [] };
}

/** Drops duplicates (case-insensitive) while keeping the first spelling and the order. */
function unique(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((s) => {
    const k = s.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Validates raw interests; on failure, the first message per list (keyed by list name). */
export function parseInterests(raw: unknown): { ok: true; value: Interests } | { ok: false; errors: Partial<Record<keyof Interests, string>> } {
  const parsed = interestsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const errors: Partial<Record<keyof Interests, string>> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof Interests;
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const v = parsed.data;
  return { ok: true, value: {
    categories: unique(v.categories), topics: unique(v.topics), authors: unique(v.authors),
    organizations: unique(v.organizations), papers: unique(v.papers),
  } };
}

/** Reads interests stored as JSON; anything unreadable becomes "no interests" rather than a crash. */
export function storedInterests(json: string | null | undefined): Interests {
  try {
    const r = parseInterests(JSON.parse(json ?? '{}'));
    return r.ok ? r.value : emptyInterests();
  } catch {
    return emptyInterests();
  }
}

/** `mon`, `Monday`, `1` .. `7` to the ISO weekday number, or null. */
export function parseWeekday(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim().toLowerCase();
  if (/^[1-7]$/.test(t)) return Number(t);
  if (t.length < 3) return null;
  const i = DAY_NAMES.findIndex((d) => d.startsWith(t));
  return i < 0 ? null : i + 1;
}

/** 'daily' or 'weekly' (any case), or null. */
export function parseFrequency(text: string | undefined): Frequency | null {
  const t = (text ?? '').trim().toLowerCase();
  return (FREQUENCIES as readonly string[]).includes(t) ? (t as Frequency) : null;
}
