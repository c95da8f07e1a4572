import { isObject } from '../json-fields.js';

/**
 * The first JSON object among the first few non-blank lines of a file's head, for the JSON-lines
 * formats to sniff. A malformed line is skipped (it is reported later, at its line), but a file
 * whose first lines are all not JSON objects is not JSON lines at all.
 */
export function firstJsonObject(head: string, tries = 5): Record<string, unknown> | null {
  const t = head.trimStart();
  if (!t.startsWith('{')) return null;
  const end = t.lastIndexOf('\n');
  const complete = end === -1 ? [t] : t.slice(0, end).split('\n');
  for (const line of complete) {
    const s = line.trim();
    if (!s) continue;
    if (tries-- <= 0) return null;
    try {
      const v: unknown = JSON.parse(s);
      if (isObject(v)) return v;
    } catch {
      // not this line; try the next
    }
  }
  return null;
}
