// Why this exists: MathML Core, which Chromium implements, ignores `mathvariant` except "normal", so
// \mathbb{R}, \mathcal{O} and \mathbf{x} would show as plain italic letters there. The Unicode
// Mathematical Alphanumeric Symbols carry the style in the character itself (ℝ, 𝒪, 𝐱), which every
// browser shows; MathML Core recommends exactly this.

/** First code point of A, a and 0 in each style (0: the style has no digits). */
const STYLES: Readonly<Record<string, readonly [number, number, number]>> = {
  'bold': [0x1d400, 0x1d41a, 0x1d7ce],
  'italic': [0x1d434, 0x1d44e, 0],
  'bold-italic': [0x1d468, 0x1d482, 0],
  'script': [0x1d49c, 0x1d4b6, 0],
  'bold-script': [0x1d4d0, 0x1d4ea, 0],
  'fraktur': [0x1d504, 0x1d51e, 0],
  'double-struck': [0x1d538, 0x1d552, 0x1d7d8],
  'bold-fraktur': [0x1d56c, 0x1d586, 0],
  'sans-serif': [0x1d5a0, 0x1d5ba, 0x1d7e2],
  'bold-sans-serif': [0x1d5d4, 0x1d5ee, 0x1d7ec],
  'sans-serif-italic': [0x1d608, 0x1d622, 0],
  'sans-serif-bold-italic': [0x1d63c, 0x1d656, 0],
  'monospace': [0x1d670, 0x1d68a, 0x1d7f6],
};

/** Letters that Unicode had encoded before the block (Letterlike Symbols); their block slots are empty. */
const EARLIER: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'italic': { h: 'ℎ' },
  'script': { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' },
  'fraktur': { C: 'ℭ', H: 'ℌ', I: 'ℑ', R: 'ℜ', Z: 'ℨ' },
  'double-struck': { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' },
};

/** One ASCII letter or digit in a style, or null when the style has no such character. */
function styled(c: string, style: string): string | null {
  const base = STYLES[style];
  if (!base) return null;
  const earlier = EARLIER[style]?.[c];
  if (earlier) return earlier;
  const code = c.charCodeAt(0);
  if (code >= 65 && code <= 90) return String.fromCodePoint(base[0] + code - 65);
  if (code >= 97 && code <= 122) return String.fromCodePoint(base[1] + code - 97);
  if (code >= 48 && code <= 57 && base[2]) return String.fromCodePoint(base[2] + code - 48);
  return null;
}

const VARIANT_TOKEN = /<(mi|mn|mtext) mathvariant="([a-z-]+)">([A-Za-z0-9]+)<\/\1>/g;

/**
 * MathML with each styled token whose characters all have a styled form written with those
 * characters instead of `mathvariant`; anything else (Greek, "normal", mixed text) is left as is.
 */
export function unicodeMathVariants(mathml: string): string {
  return mathml.replace(VARIANT_TOKEN, (whole, tag: string, style: string, text: string) => {
    const chars = [...text].map((c) => styled(c, style));
    return chars.every((c) => c !== null) ? `<${tag}>${chars.join('')}</${tag}>` : whole;
  });
}
