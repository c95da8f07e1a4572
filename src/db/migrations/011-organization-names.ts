import type { Dialect } from '../db.js';

// Runs of blanks inside a name: two passes of "two spaces to one" leave none up to four long, and
// the names this repairs (Hugging Face fullnames typed by hand) hold at most two.
const collapse = (column: string): string => `replace(replace(trim(${column}), '  ', ' '), '  ', ' ')`;

/**
 * Tidies the organization names and submitter names that Hugging Face records carried with stray
 * blanks ("shanghai ailab ", "university of science and technology  of china"; 9 of 785 names on a
 * real instance): the trailing blank showed as part of the link and the name sorted apart from its
 * twin. Import now cleans them; this cleans what earlier imports stored. A name left empty is NULL.
 */
export function organizationNamesSchema(_d: Dialect): string {
  return `
UPDATE organizations SET fullname = NULLIF(${collapse('fullname')}, '')
WHERE fullname IS NOT NULL AND fullname <> ${collapse('fullname')};
UPDATE daily_entries SET submitter_name = NULLIF(${collapse('submitter_name')}, '')
WHERE submitter_name IS NOT NULL AND submitter_name <> ${collapse('submitter_name')};
`;
}
