import "server-only";
import { hkdfSync } from "node:crypto";
import { createChallenge as createAltchaChallenge, randomInt, verifySolution, type Challenge, type Solution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { authSecret } from "@/lib/env";
import { db } from "./db";

/**
 * 人机验证: a proof-of-work challenge (ALTCHA, self-hosted: the widget and its worker are served
 * from our own origin, nothing is loaded from elsewhere) asked of an address that has already
 * filed applications today. The browser spends a second or two of CPU; a script filing hundreds
 * spends that for each one. The server checks the HMAC signature (the parameters are ours), the
 * expiry and the work, and then spends the challenge: its signature goes into "SpentChallenge"
 * under a primary key, so a solution replayed — even twice at once — is refused.
 */

/** PBKDF2 with few iterations, a counter in 1,000–3,000: about a second on a phone's workers. */
const ALGORITHM = "PBKDF2/SHA-256";
const COST = 500;
const COUNTER_MIN = 1_000;
const COUNTER_MAX = 3_000;
export const CHALLENGE_TTL_SECONDS = 20 * 60;
const MAX_PAYLOAD = 4_000;

/** Two secrets derived from the app's signing secret, so no setting needs to be added. */
function secrets() {
  const derive = (purpose: string) => Buffer.from(hkdfSync("sha256", authSecret(), Buffer.alloc(0), `gongkai:altcha:${purpose}`, 32)).toString("hex");
  return { hmacSignatureSecret: derive("challenge"), hmacKeySignatureSecret: derive("derived-key") };
}

/** A fresh challenge as the widget fetches it (GET /apply/challenge). */
export async function createChallenge(now = new Date()): Promise<Challenge> {
  return createAltchaChallenge({
    algorithm: ALGORITHM,
    cost: COST,
    counter: randomInt(COUNTER_MIN, COUNTER_MAX),
    deriveKey,
    expiresAt: Math.floor(now.getTime() / 1000) + CHALLENGE_TTL_SECONDS,
    ...secrets(),
  });
}

export type ChallengeRefusal = "missing" | "malformed" | "invalid" | "expired" | "replayed";

export const CHALLENGE_MESSAGES: Record<ChallengeRefusal, string> = {
  missing: "请先完成人机验证：勾选“我不是机器人”，等待验证完成后再提交。",
  malformed: "人机验证未通过，请重新验证后再提交。",
  invalid: "人机验证未通过，请重新验证后再提交。",
  expired: "人机验证已过期，请重新验证后再提交。",
  replayed: "该人机验证已经使用过，请重新验证后再提交。",
};

function parsePayload(payload: string): { challenge: Challenge; solution: Solution } | null {
  try {
    const value = JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as unknown;
    if (typeof value !== "object" || value === null) return null;
    const { challenge, solution } = value as { challenge?: Challenge; solution?: Solution };
    if (typeof challenge?.parameters !== "object" || challenge.parameters === null || typeof challenge.signature !== "string") return null;
    if (typeof solution !== "object" || solution === null) return null;
    return { challenge, solution };
  } catch {
    return null;
  }
}

/** Checks the widget's payload (the hidden field "altcha") and spends it. */
export async function verifyAndSpendChallenge(payload: unknown): Promise<{ ok: true } | { ok: false; reason: ChallengeRefusal; message: string }> {
  const refuse = (reason: ChallengeRefusal) => ({ ok: false as const, reason, message: CHALLENGE_MESSAGES[reason] });
  if (typeof payload !== "string" || payload.trim() === "") return refuse("missing");
  if (payload.length > MAX_PAYLOAD) return refuse("malformed");
  const parsed = parsePayload(payload);
  if (!parsed) return refuse("malformed");
  const { expiresAt } = parsed.challenge.parameters;
  // Every challenge we sign carries an expiry; one without cannot be ours.
  if (typeof expiresAt !== "number") return refuse("invalid");
  let result: Awaited<ReturnType<typeof verifySolution>>;
  try {
    result = await verifySolution({ ...parsed, deriveKey, ...secrets() });
  } catch {
    return refuse("malformed");
  }
  if (result.expired) return refuse("expired");
  if (!result.verified) return refuse("invalid");
  const signature = parsed.challenge.signature as string;
  // verifySolution reads the real clock for expiry, so the sweep does too.
  await db().spentChallenge.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  const { count } = await db().spentChallenge.createMany({ data: [{ signature, expiresAt: new Date(expiresAt * 1000) }], skipDuplicates: true });
  return count === 1 ? { ok: true } : refuse("replayed");
}
