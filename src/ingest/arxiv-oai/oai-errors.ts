/** The error codes OAI-PMH 2.0 defines, each with what it means for someone running a harvest. */
export const OAI_ERRORS: Readonly<Record<string, string>> = {
  badArgument: 'the request has an illegal or missing argument (check --set, --from, --until)',
  badResumptionToken: 'the resumption token is invalid or has expired',
  badVerb: 'the repository does not know this request verb (is the OAI base URL right?)',
  cannotDisseminateFormat: 'the repository does not offer this metadata format (use --prefix arXiv or arXivRaw)',
  idDoesNotExist: 'no item has this identifier',
  noRecordsMatch: 'no records match the request (zero records, not a failure)',
  noMetadataFormats: 'the item offers no metadata formats',
  noSetHierarchy: 'the repository does not support sets',
};

/** A clear one-line message for an OAI error element: the meaning of the code and the server's words. */
export function oaiErrorMessage(code: string, serverText: string): string {
  const meaning = OAI_ERRORS[code] ?? 'unknown OAI-PMH error code';
  const said = serverText.replace(/\s+/g, ' ').trim();
  return `OAI-PMH error ${code}: ${meaning}${said ? ` (repository said: "${said}")` : ''}`;
}
