import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { parseRecoveryCode, parseTotpCode, RECOVERY_CODE_COUNT } from "@/lib/domain/second-factor";
import { piiEncryptionKey } from "@/lib/env";
import { db, type DbOrTx } from "./db";

/**
 * 动态口令 (TOTP) secrets and codes. otplib 13's functional API (verify returns the matched time
 * step). The secret is stored sealed (AES-256-GCM) under a key derived by HKDF from
 * PII_ENCRYPTION_KEY for this purpose only: one key for the operator to keep and back up, but never
 * the same AES key as the applicants' data (crypto.ts derives its own). The user id is the AAD, so a
 * sealed secret copied onto another user's row does not open (docs/decisions.md).
 */

/** One step either side: a phone clock 30 s off still works (RFC 6238 §5.2). */
const EPOCH_TOLERANCE_SECONDS = 30;
const SEAL_VERSION = "t1";

let cachedKey: { raw: Buffer; key: Buffer } | undefined;
function totpKey(): Buffer {
  const raw = piiEncryptionKey();
  if (!cachedKey || !cachedKey.raw.equals(raw)) {
    cachedKey = { raw, key: Buffer.from(hkdfSync("sha256", raw, Buffer.alloc(0), "gongkai:totp-secret", 32)) };
  }
  return cachedKey.key;
}

export function sealTotpSecret(userId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", totpKey(), iv);
  cipher.setAAD(Buffer.from(`totp:${userId}`));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${SEAL_VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

/** The secret, or null when the stored text was altered or sealed for someone else. */
export function unsealTotpSecret(userId: string, sealed: string): string | null {
  const [version, payload] = sealed.split(".");
  if (version !== SEAL_VERSION || !payload) return null;
  try {
    const bytes = Buffer.from(payload, "base64");
    const decipher = createDecipheriv("aes-256-gcm", totpKey(), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(`totp:${userId}`));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** A new 160-bit base32 secret (otplib's default, what authenticator apps expect). */
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(issuer: string, username: string, secret: string): string {
  return generateURI({ issuer, label: username, secret });
}

/** The time step a code matches at `now` (± one step), or null. Never throws on odd input. */
export async function matchTotp(secret: string, input: string, now: Date): Promise<number | null> {
  const token = parseTotpCode(input);
  if (!token) return null;
  const result = await verify({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: EPOCH_TOLERANCE_SECONDS }).catch(() => null);
  // The functional verify's type covers HOTP too; a TOTP match always carries its time step.
  return result?.valid && "timeStep" in result ? result.timeStep : null;
}

/**
 * Takes the step for this user, once: the conditional update refuses a step at or before the last
 * one accepted, so a code seen over a shoulder or replayed by a proxy is refused within its own
 * 30 seconds — also when two logins race with the same code.
 */
export async function consumeTotpStep(client: DbOrTx, userId: string, step: number): Promise<boolean> {
  const taken = await client.$executeRaw`
    UPDATE "User" SET "totpLastStep" = ${step}
    WHERE "id" = ${userId} AND ("totpLastStep" IS NULL OR "totpLastStep" < ${step})`;
  return taken === 1;
}

/** 80 random bits as 16 base32 characters, shown once as ABCD-EFGH-IJKL-MNOP. */
export function newRecoveryCodes(): string[] {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => [...randomBytes(16)].map((b) => alphabet[b & 31]).join(""));
}

/** SHA-256 is enough: 80 random bits cannot be enumerated, so no salt or slow hash is needed. */
export function recoveryCodeHash(code: string): string {
  return createHash("sha256").update(`gongkai:recovery:${code}`).digest("hex");
}

/** Spends a recovery code: true once per code, false for an unknown or used one. */
export async function consumeRecoveryCode(client: DbOrTx, userId: string, input: string, now: Date): Promise<boolean> {
  const code = parseRecoveryCode(input);
  if (!code) return false;
  const { count } = await client.totpRecoveryCode.updateMany({ where: { userId, codeHash: recoveryCodeHash(code), usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

export type SecondFactorCheck = "not_enrolled" | "missing" | "wrong" | "totp" | "recovery";

/**
 * The second factor of a login whose password has already checked out — never called before
 * that, so it tells nothing about names or wrong passwords. A wrong, replayed or malformed code is
 * "wrong"; a blank one is "missing".
 */
export async function checkSecondFactor(user: { id: string; totpSecret: string | null }, input: string, now: Date): Promise<SecondFactorCheck> {
  if (!user.totpSecret) return "not_enrolled";
  if (!input.trim()) return "missing";
  const secret = unsealTotpSecret(user.id, user.totpSecret);
  if (!secret) return "wrong";
  const step = await matchTotp(secret, input, now);
  if (step !== null) return (await consumeTotpStep(db(), user.id, step)) ? "totp" : "wrong";
  return (await consumeRecoveryCode(db(), user.id, input, now)) ? "recovery" : "wrong";
}
