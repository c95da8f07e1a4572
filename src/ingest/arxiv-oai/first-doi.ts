/** The first DOI of a field that sometimes lists several ("10.1/a 10.1/b", "10.1/a, 10.1/b"). */
export function firstDoi(text: string | null | undefined): string | null {
  const first = text?.trim().split(/[\s,;]+/)[0];
  return first ? first : null;
}
