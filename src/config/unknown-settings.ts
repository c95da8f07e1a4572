// Why this exists: a misspelt setting (PAPERBOY_SECRT, PAPERBOY_DATABASE) is otherwise ignored without
// a word and its default used, which an admin finds out only when the site behaves as unconfigured.

/** Variables of the test suite and the benchmarks, not of the server: never reported. */
const TOOL_PREFIXES = ['PAPERBOY_TEST_', 'PAPERBOY_BENCH_'];
const TOOL_NAMES = new Set(['PAPERBOY_SHARED', 'PAPERBOY_SKIP_BROWSER', 'PAPERBOY_CHROMIUM']);

/** Edits (insert, delete, substitute) between two names. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

const stem = (name: string): string => name.replace(/^PAPERBOY_/, '');

/** The known name an unknown one most likely meant: a few edits away, or one holding the other. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = distance(stem(name), stem(k));
    if (!best || d < best.d) best = { name: k, d };
  }
  if (best && best.d <= 3) return best.name;
  const s = stem(name);
  return known.find((k) => s.length >= 4 && (stem(k).startsWith(s) || s.startsWith(stem(k))));
}

/**
 * One warning per PAPERBOY_ variable of `env` that is not among `known` (the configuration's names),
 * each naming the setting it probably meant; variables of the tests and benchmarks are left out.
 */
export function unknownSettings(env: NodeJS.ProcessEnv, known: readonly string[]): string[] {
  const names = Object.keys(env).filter((n) => n.startsWith('PAPERBOY_') && !known.includes(n)
    && !TOOL_NAMES.has(n) && !TOOL_PREFIXES.some((p) => n.startsWith(p)));
  return names.sort().map((n) => {
    const meant = closest(n, known);
    return `${n} is not a paperboy setting and is ignored${meant ? ` (did you mean ${meant}?)` : ''}`;
  });
}
