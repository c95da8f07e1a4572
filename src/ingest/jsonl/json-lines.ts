import type { Problem } from '../../model/paper-record.js';
import { lines } from '../read-file.js';
import { parseJson } from '../json-position.js';

/** One parsed line, its text and its `file:line`; or the problem with it. */
export type JsonLine =
  | { readonly ok: true; readonly value: unknown; readonly raw: string; readonly source: string }
  | { readonly ok: false; readonly problem: Problem };

/**
 * Parses a JSON-lines stream line by line (bounded memory), skipping blank lines. A line that is not
 * JSON becomes a problem at `file:line` with the column, and the stream goes on.
 */
export async function* jsonLines(input: AsyncIterable<string>, origin: string): AsyncGenerator<JsonLine> {
  for await (const { line, lineNo } of lines(input)) {
    if (!line.trim()) continue;
    const source = `${origin}:${lineNo}`;
    const parsed = parseJson(line);
    if (parsed.ok) {
      yield { ok: true, value: parsed.value, raw: line, source };
      continue;
    }
    const message = parsed.column != null ? `${parsed.message} (column ${parsed.column})` : parsed.message;
    yield { ok: false, problem: { source, message } };
  }
}
