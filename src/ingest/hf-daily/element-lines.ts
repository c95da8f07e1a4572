/**
 * The 1-based line on which each element of a top-level JSON array starts, so that an entry of a
 * pretty-printed daily_papers file can be reported as `file:line`. Assumes `text` is valid JSON.
 */
export function elementLines(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (depth === 1 && expecting && c !== 44 && c !== 93) {
      out.push(line);
      expecting = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth === 1) expecting = c === 91;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && depth === 1) expecting = true;
  }
  return out;
}
