import "server-only";
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { piiEncryptionKey } from "@/lib/env";

/**
 * Personal data at rest (issue 8 §11, DESIGN §8): applicants' names, ID numbers and contact
 * details are sealed with AES-256-GCM under PII_ENCRYPTION_KEY before they reach the database, so a
 * dump, a backup or a stray `SELECT *` shows ciphertext. GCM authenticates too: a row edited in the
 * database fails to open instead of showing altered data. Two sub-keys are derived (HKDF) from the
 * one configured key, so the sealing key never doubles as the key of the applicant hash.
 */

const VERSION = "v1";
const AAD = Buffer.from("gongkai:personal-data:v1");

function subKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", piiEncryptionKey(), Buffer.alloc(0), `gongkai:${purpose}`, 32));
}

let keys: { seal: Buffer; applicant: Buffer; raw: Buffer } | undefined;

function keysNow() {
  const raw = piiEncryptionKey();
  if (!keys || !keys.raw.equals(raw)) keys = { raw, seal: subKey("seal"), applicant: subKey("applicant") };
  return keys;
}

/** `v1.<base64(iv ‖ tag ‖ ciphertext)>` of the JSON of `value`; a fresh 96-bit IV each time. */
export function seal(value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keysNow().seal, iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

/** The value sealed by `seal`; throws when the text was altered or sealed under another key. */
export function unseal<T>(sealed: string): T {
  const [version, payload] = sealed.split(".");
  if (version !== VERSION || !payload) throw new Error("not a sealed value");
  const bytes = Buffer.from(payload, "base64");
  const decipher = createDecipheriv("aes-256-gcm", keysNow().seal, bytes.subarray(0, 12));
  decipher.setAAD(AAD);
  decipher.setAuthTag(bytes.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8")) as T;
}

const BYTES_VERSION = 1;
const BYTES_AAD = Buffer.from("gongkai:personal-file:v1");

/**
 * A personal document (an applicant's 身份证明复印件) sealed like `seal` but as bytes: version
 * byte ‖ 96-bit IV ‖ tag ‖ ciphertext, with its own AAD so a sealed file never opens as a sealed value.
 */
export function sealBytes(bytes: Uint8Array): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keysNow().seal, iv);
  cipher.setAAD(BYTES_AAD);
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([Buffer.from([BYTES_VERSION]), iv, cipher.getAuthTag(), body]);
}

/** The bytes sealed by `sealBytes`; throws when they were altered or sealed under another key. */
export function unsealBytes(sealed: Uint8Array): Buffer {
  const bytes = Buffer.from(sealed);
  if (bytes[0] !== BYTES_VERSION) throw new Error("not a sealed file");
  const decipher = createDecipheriv("aes-256-gcm", keysNow().seal, bytes.subarray(1, 13));
  decipher.setAAD(BYTES_AAD);
  decipher.setAuthTag(bytes.subarray(13, 29));
  return Buffer.concat([decipher.update(bytes.subarray(29)), decipher.final()]);
}

/**
 * The same applicant across requests (按件 fees count per applicant per month) without storing
 * their number: HMAC-SHA-256 under a key derived from the PII key, so the 18-digit ID space
 * cannot be hashed through by someone holding only the database.
 */
export function applicantKey(idType: string, idNumber: string): string {
  return createHmac("sha256", keysNow().applicant).update(`${idType}:${idNumber.replace(/\s/g, "").toUpperCase()}`).digest("hex");
}

/**
 * A 查询码 as stored: SHA-256 of the canonical code. 80 random bits need no salt or slow hash —
 * nobody can enumerate them — and a lookup stays one indexed equality.
 */
export function trackingCodeHash(canonicalCode: string): string {
  return createHash("sha256").update(canonicalCode).digest("hex");
}
