/**
 * Check digits and plausibility rules of the numbers the secrecy scan looks for: 公民身份号码
 * (GB 11643-1999), bank card numbers (ISO/IEC 7812, Luhn) and 统一社会信用代码 (GB 32100-2015),
 * which the scan uses to tell an organisation's code from a card number.
 */

/** Province-level prefixes of 行政区划代码 (GB/T 2260); 83 is 台湾居民居住证 (2018). */
const PROVINCE_CODES = new Set([
  "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
  "71", "81", "82", "83",
]);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = "10X98765432";

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The 18th character of a 公民身份号码, from its first 17 digits (ISO 7064 MOD 11-2). */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/** Region and birth date look like a 公民身份号码's, whatever the check digit says. */
export function hasResidentIdShape(digits18: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(digits18) || !PROVINCE_CODES.has(digits18.slice(0, 2))) return false;
  const year = Number(digits18.slice(6, 10));
  return year >= 1900 && year <= 2100 && isCalendarDate(year, Number(digits18.slice(10, 12)), Number(digits18.slice(12, 14)));
}

export function isValidResidentId(value: string): boolean {
  return hasResidentIdShape(value) && residentIdCheckChar(value) === value[17].toUpperCase();
}

/** First-generation 15-digit number (until 2013): region, YYMMDD of a 19xx birth date, sequence; no check digit. */
export function isPlausibleOldResidentId(value: string): boolean {
  if (!/^\d{15}$/.test(value) || !PROVINCE_CODES.has(value.slice(0, 2))) return false;
  return isCalendarDate(1900 + Number(value.slice(6, 8)), Number(value.slice(8, 10)), Number(value.slice(10, 12)));
}

export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that makes `partial` pass Luhn when appended. */
export function luhnCheckDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) if (passesLuhn(partial + d)) return String(d);
  throw new RangeError(`not digits: ${partial}`);
}

const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 18th character of a 统一社会信用代码, from its first 17. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(value: string): boolean {
  const code = value.toUpperCase();
  if (!/^[0-9A-HJ-NP-RTUW-Y]{18}$/.test(code)) return false;
  return creditCodeCheckChar(code) === code[17];
}
