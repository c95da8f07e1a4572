/** Why an address was refused, worded for the person who typed it. */
export type AddressCheck = { ok: true; address: string } | { ok: false; message: string };

const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(xn--)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Validates and normalises an email address (trimmed, lower-cased) before it is stored or used as
 * a mail header: a CR or LF would let a form inject headers, and a domain without a dot is almost
 * always a typo. Deliberately stricter than RFC 5322 (no quoted local parts, no IP literals):
 * subscribers type ordinary addresses, and a rare refusal is better than a header we cannot trust.
 */
export function normaliseEmail(input: string | undefined | null): AddressCheck {
  const raw = (input ?? '').trim();
  if (!raw) return { ok: false, message: 'Enter your email address.' };
  if (/[\r\n\u0000-\u001f\u007f]/.test(raw)) return { ok: false, message: 'The address contains a line break or control character.' };
  if (raw.length > 254) return { ok: false, message: 'The address is too long (at most 254 characters).' };
  const address = raw.toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return { ok: false, message: 'Enter an address like name@example.org.' };
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64) return { ok: false, message: 'The part before the @ is too long (at most 64 characters).' };
  if (!LOCAL.test(local)) return { ok: false, message: 'The part before the @ contains characters an address cannot have.' };
  const labels = domain.split('.');
  if (labels.length < 2) return { ok: false, message: 'The domain needs a dot, like example.org.' };
  if (!labels.every((l) => LABEL.test(l))) return { ok: false, message: 'The domain after the @ is not valid.' };
  if (!/^[a-z]{2,63}$|^xn--[a-z0-9-]+$/.test(labels[labels.length - 1]!)) return { ok: false, message: 'The domain does not end in a valid top-level domain.' };
  return { ok: true, address };
}
