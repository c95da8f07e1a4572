import { basename } from 'node:path';
import type { FileFormat } from '../format.js';
import type { ParseResult } from '../../model/paper-record.js';
import { isObject } from '../json-fields.js';
import { parseJson } from '../json-position.js';
import { elementLines } from './element-lines.js';
import { entryRecord, entrySource } from './entry-record.js';
import { parsePythonLiteral } from './python-literal.js';

/** A daily_papers response is well under a megabyte; anything past this is not one. */
const MAX_CHARS = 64 * 1024 * 1024;

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json(?:\.gz)?$/i;
const ENTRY_START = /^\[\s*(?:\{\s*"paper"\s*:|"\{'paper':)/;
const WRAPPED_START = /^\{[\s\S]{0,2000}?"data"\s*:\s*\[\s*(?:\{\s*"paper"\s*:|"\{'paper':)/;

/** The listing day a file name states (`2025-06-10.json`), or null. */
export function fileDay(path: string): string | null {
  return DAY_FILE.exec(basename(path))?.[1] ?? null;
}

function problem(source: string, message: string): ParseResult {
  return { ok: false, problem: { source, message } };
}

/**
 * One entry saved as a string: JSON text of the entry, or the Python `repr()` some archives wrote
 * (`{'paper': {...}, 'thumbnail': None}`). An error names the character where decoding stopped.
 */
function decodeStringEntry(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (/^\s*[{[]\s*"/.test(text)) {
    try { return { ok: true, value: JSON.parse(text) as unknown }; } catch { /* not JSON after all: try Python's form */ }
  }
  const py = parsePythonLiteral(text);
  if (py.ok) return py;
  return { ok: false, message: `a string that is neither JSON nor a Python literal (${py.message} at character ${py.offset + 1})` };
}

/**
 * Hugging Face `api/daily_papers?date=` responses saved as files: a JSON array of entries. A file is
 * small, so it is parsed whole. Also reads the known broken archive shape: entries saved as strings
 * (Python `repr()` of the entry, or JSON text), possibly wrapped in `{status, date, count, data}`;
 * each string is decoded back into the entry it stands for.
 */
export const format: FileFormat = {
  name: 'hf-daily',
  label: 'Hugging Face daily_papers JSON',
  sniff(head, fileName) {
    const t = head.trimStart();
    if (ENTRY_START.test(t) || WRAPPED_START.test(t)) return true;
    if (/^\[\s*\]\s*$/.test(t)) return fileDay(fileName) != null;
    return t.startsWith('[') && t.includes('"paper"') && t.includes('"upvotes"');
  },
  async *parse(input, origin) {
    let text = '';
    for await (const chunk of input) {
      text += chunk;
      if (text.length > MAX_CHARS) return yield problem(origin, `larger than ${MAX_CHARS >> 20} MiB: not a daily_papers response; file skipped`);
    }
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const at = parsed.line != null ? `${origin}:${parsed.line}:${parsed.column}` : origin;
      return yield problem(at, `${parsed.message}; file skipped`);
    }
    const root = parsed.value;
    const wrapped = isObject(root) && Array.isArray(root['data']);
    const entries = Array.isArray(root) ? root : wrapped ? (root['data'] as unknown[]) : null;
    if (!entries) return yield problem(origin, 'expected a JSON array of daily_papers entries; file skipped');
    const lines = Array.isArray(root) ? elementLines(text) : [];
    text = '';
    const day = fileDay(origin);
    for (let index = 0; index < entries.length; index++) {
      const at = { origin, index, line: lines[index] ?? null, fileDay: day };
      const entry = entries[index];
      if (typeof entry !== 'string') { yield entryRecord(entry, at); continue; }
      const decoded = decodeStringEntry(entry);
      yield decoded.ok ? entryRecord(decoded.value, at) : problem(entrySource(at), `entry #${index}: ${decoded.message}`);
    }
  },
};
