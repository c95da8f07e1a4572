import { porterStem } from './porter-stemmer.js';

/** Common English words that carry no meaning for ranking; left out of the index to keep it small. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  ('a an and are as at be been but by can could did do does for from had has have how however i if in into is it its ' +
    'may might more most no nor not of on or our over such than that the their them then there these they this those ' +
    'through to under up upon us very was we were what when where which while who whom why will with within without ' +
    'would you your also both each few other some same so only own too just via whether yet any all further thus hence ' +
    'here his her him she he me my about above after again against below between during before being having off once ' +
    'out should until am because cannot let s t').split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[a-z0-9]+/g;
const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\x00-\x7f]/;

// Greek letters as LaTeX names them, lower case after folding (final sigma and the variant forms too).
const GREEK: ReadonlyMap<string, string> = new Map([
  ...'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma sigma tau upsilon phi chi psi omega'
    .split(' ').map((name, i): [string, string] => [String.fromCharCode(0x3b1 + i), name]),
  ['\u03d0', 'beta'], ['\u03d1', 'theta'], ['\u03d5', 'phi'], ['\u03d6', 'pi'], ['\u03f0', 'kappa'], ['\u03f1', 'rho'], ['\u03f5', 'epsilon'],
]);
const GREEK_RUN = /\p{Script=Greek}+/gu;

/** LaTeX's variant letters (`\varepsilon`, `\varphi`, ...) read as the letter, as `ϵ` and `ϕ` do. */
const LATEX_VARIANTS: ReadonlyMap<string, string> = new Map(
  ['epsilon', 'theta', 'phi', 'pi', 'rho', 'sigma', 'kappa'].map((name) => [`var${name}`, name]),
);

/**
 * The letter a word names when it is a LaTeX variant letter, else undefined. Cheap for every other
 * word: only words of 5 to 10 characters starting with "var" are looked up.
 */
export function latexVariant(text: string, start: number, end: number): string | undefined {
  const n = end - start;
  if (n < 5 || n > 10 || text.charCodeAt(start) !== 118 || text.charCodeAt(start + 1) !== 97 || text.charCodeAt(start + 2) !== 114) return undefined;
  return LATEX_VARIANTS.get(text.slice(start, end));
}

/**
 * A run of one to three Greek letters is maths ("α-divergence", "β-VAE", "μP") and reads as the
 * letters' names, the way `$\alpha$` is written in LaTeX, so either spelling finds the other; a longer
 * run is a Greek word and stays as it is.
 */
function spellGreek(run: string): string {
  if (run.length > 3) return run;
  return ` ${[...run].map((c) => GREEK.get(c) ?? c).join(' ')} `;
}

/** Lower-cases, removes accents and splits text into words: the one tokenizer every search path uses. */
export function words(text: string): string[] {
  // Most titles and abstracts are ASCII: skip Unicode folding for them (it dominates indexing time).
  const ascii = !NON_ASCII.test(text);
  const folded = ascii ? text.toLowerCase() : text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(GREEK_RUN, spellGreek);
  const out = folded.match(ascii ? ASCII_WORD : WORD);
  if (!out) return [];
  const kept = out.filter((w) => w.length <= 40);
  for (let i = 0; i < kept.length; i++) {
    const letter = latexVariant(kept[i]!, 0, kept[i]!.length);
    if (letter) kept[i] = letter;
  }
  return kept;
}

// Stemming the same words again and again is the bulk of indexing; a bounded memo removes it.
const stems = new Map<string, string | null>();

/** The index term of a word (its stem), or null for a stopword. */
export function termOf(word: string): string | null {
  const hit = stems.get(word);
  if (hit !== undefined) return hit;
  const t = STOPWORDS.has(word) ? null : porterStem(word);
  if (stems.size > 400_000) stems.clear();
  stems.set(word, t);
  return t;
}

/** Index terms of a text, stopwords removed, in order (duplicates kept so tf can be counted). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const t = termOf(w);
    if (t !== null) out.push(t);
  }
  return out;
}

/** Stems of every word, stopwords kept: the token stream phrase matching compares. */
export function phraseStream(text: string): string[] {
  return words(text).map((w) => termOf(w) ?? w);
}

/** Filter term for an author-name word (`author:hinton`). */
export function authorTerm(word: string): string {
  return `a:${word}`;
}

/**
 * Filter term for an organization (`org:google`, `org:"Zhejiang University"`): a Hugging Face
 * account's name or its full name, lower-cased with blanks collapsed, so either finds its papers and
 * a full name that several accounts share finds all of them.
 */
export function orgTerm(name: string): string {
  return `o:${name.replace(/\s+/g, ' ').trim().toLowerCase()}`;
}

/** Filter term of papers that link a code repository (`has:code`). */
export const CODE_TERM = 'h:code';

/** Filter term for a category (`category:cs.CL`), exact, lower-cased. */
export function categoryTerm(category: string): string {
  return `c:${category.trim().toLowerCase()}`;
}
