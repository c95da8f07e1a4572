/**
 * Splits arXiv's free-text author line ("A. Smith, B. Jones (MIT), and C. Lee") into ordered names.
 * arXivRaw and the RSS feed give authors only this way. Commas inside parentheses belong to
 * affiliations, which are dropped from the names (the raw record keeps them).
 */
export function splitAuthorList(text: string | null | undefined): string[] {
  if (!text) return [];
  const flat = text.replace(/\s+/g, ' ').trim();
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < flat.length; i++) {
    const ch = flat[i]!;
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ',' || ch === ';')) {
      parts.push(current);
      current = '';
      continue;
    }
    if (depth === 0 && flat.startsWith(' and ', i)) {
      parts.push(current);
      current = '';
      i += 4;
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts
    .map((p) => dropParentheses(p).replace(/^and /, '').replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

function dropParentheses(text: string): string {
  let out = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') { depth++; continue; }
    if (ch === ')') { depth = Math.max(0, depth - 1); continue; }
    if (depth === 0) out += ch;
  }
  return out;
}
