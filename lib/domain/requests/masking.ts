/* What staff who do not handle a request, and the applicant's own 回执, show of personal data. */

/**
 * 2202**********1234: enough to recognise a number on the phone, not enough to use it. Never
 * more than a third of a short number shows (a 9-character passport number: E******78).
 */
export function maskIdNumber(idNumber: string): string {
  const n = idNumber.length;
  const [head, tail] = n >= 15 ? [4, 4] : n >= 9 ? [1, 2] : n >= 6 ? [1, 1] : [0, 0];
  return `${idNumber.slice(0, head)}${"*".repeat(n - head - tail)}${tail ? idNumber.slice(-tail) : ""}`;
}

/** A person's name shows its first character (张**); an organisation's name is not personal data. */
export function maskName(name: string, organisation: boolean): string {
  const chars = [...name];
  if (organisation || chars.length === 0) return name;
  return chars[0] + "*".repeat(Math.max(1, chars.length - 1));
}
