/*
 * 查询码: what the applicant keeps to follow a request online. It is the only key to the status
 * page, so it must be unguessable: 80 random bits (the server passes 10 bytes from
 * crypto.getRandomValues — this module never draws randomness), written in Crockford base32
 * (no I, L, O, U: nothing to confuse when read aloud or copied by hand), in groups of four,
 * plus Crockford's mod-37 check symbol. 37 is prime and larger than 32, so any single wrong
 * character and any swap of two neighbours changes the check: typos are caught before a lookup.
 *
 *   GK-XXXX-XXXX-XXXX-XXXX-C
 */

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** Crockford's check symbols: the 32 digits, then * ~ $ = U for 32–36. */
const CHECK_SYMBOLS = `${ALPHABET}*~$=U`;
export const TRACKING_CODE_BYTES = 10;
const DATA_CHARS = 16;
const PREFIX = "GK";

function checkSymbol(value: bigint): string {
  return CHECK_SYMBOLS[Number(value % 37n)];
}

function toValue(digits: string): bigint {
  let value = 0n;
  for (const ch of digits) value = value * 32n + BigInt(ALPHABET.indexOf(ch));
  return value;
}

function format(digits: string): string {
  const groups = digits.match(/.{4}/g) as string[];
  return [PREFIX, ...groups, checkSymbol(toValue(digits))].join("-");
}

/** A tracking code from exactly 10 random bytes. */
export function trackingCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== TRACKING_CODE_BYTES) throw new RangeError(`need ${TRACKING_CODE_BYTES} random bytes, got ${bytes.length}`);
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  let digits = "";
  for (let i = 0; i < DATA_CHARS; i++) {
    digits = ALPHABET[Number(value & 31n)] + digits;
    value >>= 5n;
  }
  return format(digits);
}

export type TrackingCodeParse = { ok: true; code: string } | { ok: false; reason: "format" | "check"; message: string };

/**
 * What a person typed → the canonical code. Case, spaces, hyphens and full-width characters do
 * not matter; O reads as 0 and I or L as 1 (Crockford's decoding rules). U is only ever a check.
 */
export function parseTrackingCode(input: string): TrackingCodeParse {
  const bad = (reason: "format" | "check"): TrackingCodeParse => ({
    ok: false,
    reason,
    message: reason === "check" ? "查询码有误，请核对后重新输入。" : "查询码格式不正确，应为 GK-XXXX-XXXX-XXXX-XXXX-X。",
  });
  if (input.length > 100) return bad("format");
  let text = input.normalize("NFKC").toUpperCase().replace(/[\s\-_—–.]/g, "");
  if (text.length === DATA_CHARS + PREFIX.length + 1 && text.startsWith(PREFIX)) text = text.slice(PREFIX.length);
  if (text.length !== DATA_CHARS + 1) return bad("format");
  const digits = text.slice(0, DATA_CHARS).replace(/O/g, "0").replace(/[IL]/g, "1");
  const check = text.slice(DATA_CHARS).replace(/O/g, "0").replace(/[IL]/g, "1");
  if (![...digits].every((ch) => ALPHABET.includes(ch)) || !CHECK_SYMBOLS.includes(check)) return bad("format");
  return checkSymbol(toValue(digits)) === check ? { ok: true, code: format(digits) } : bad("check");
}
