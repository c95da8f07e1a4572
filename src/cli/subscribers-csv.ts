import type { Problem } from '../model/paper-record.js';
import { normaliseEmail } from '../email/email-address.js';
import { parseFrequency, parseInterests, parseWeekday, type Preferences } from '../store/subscribers-input.js';

/**
 * The CSV format of `paperboy subscribers import`: a header row naming the columns (any order,
 * any case), then one subscriber per row. Only `email` is required. List cells hold several
 * values separated by `;` (quote a cell that contains a comma: `"Smith, J.;Doe, A."`).
 */
export const CSV_COLUMNS = ['email', 'frequency', 'weekday', 'categories', 'topics', 'authors', 'organizations', 'papers'] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** One CSV record and the line it starts on (1-based; quoted cells may span lines). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** RFC 4180 records: commas, double-quoted cells with "" escapes and line breaks, CRLF or LF. */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = (): void => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') out.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line++; cell += c; }
      continue;
    }
    if (c === '"' && cell.trim() === '') { cell = ''; quoted = true; }
    else if (c === ',') { cells.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length) endRecord();
  return out;
}

/** A row ready to store. */
export interface CsvSubscriber {
  line: number;
  email: string;
  prefs: Preferences;
}

/**
 * Reads subscribers from CSV text. A bad row becomes a Problem (`file:line: reason`) and the other
 * rows still import; a header without `email`, or with an unknown column, refuses the whole file
 * (a typo there would silently drop a column for every row).
 */
export function subscribersFromCsv(text: string, file: string): { ok: true; rows: CsvSubscriber[]; problems: Problem[] } | { ok: false; message: string } {
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = records.shift();
  if (!header) return { ok: false, message: `${file}: the file is empty (expected a header row: ${CSV_COLUMNS.join(',')})` };
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length) return { ok: false, message: `${file}:${header.line}: unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${CSV_COLUMNS.join(', ')}` };
  if (!names.includes('email')) return { ok: false, message: `${file}:${header.line}: the header has no "email" column` };
  const rows: CsvSubscriber[] = [];
  const problems: Problem[] = [];
  for (const r of records) {
    const at = `${file}:${r.line}`;
    const get = (col: Column): string => (names.indexOf(col) >= 0 ? r.cells[names.indexOf(col)] ?? '' : '').trim();
    const list = (col: Column): string[] => get(col).split(';').map((s) => s.trim()).filter(Boolean);
    if (r.cells.length > names.length) { problems.push({ source: at, message: `${r.cells.length} cells but the header has ${names.length}` }); continue; }
    const address = normaliseEmail(get('email'));
    if (!address.ok) { problems.push({ source: at, message: `email "${get('email').slice(0, 80)}": ${address.message}` }); continue; }
    const frequency = get('frequency') ? parseFrequency(get('frequency')) : 'daily';
    if (!frequency) { problems.push({ source: at, message: `frequency "${get('frequency')}": use daily or weekly` }); continue; }
    const weekday = get('weekday') ? parseWeekday(get('weekday')) : 1;
    if (weekday === null) { problems.push({ source: at, message: `weekday "${get('weekday')}": use mon..sun or 1..7` }); continue; }
    const interests = parseInterests({
      categories: list('categories'), topics: list('topics'), authors: list('authors'), organizations: list('organizations'), papers: list('papers'),
    });
    if (!interests.ok) {
      problems.push({ source: at, message: Object.entries(interests.errors).map(([k, m]) => `${k}: ${m}`).join('; ') });
      continue;
    }
    rows.push({ line: r.line, email: address.address, prefs: { frequency, weekday, interests: interests.value } });
  }
  return { ok: true, rows, problems };
}
