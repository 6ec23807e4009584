import "server-only";
import { verify } from "@node-rs/argon2";
import { z } from "zod";
import { checkPassword, minLengthFor, PASSWORD_POLICY, passwordProblemMessage } from "@/lib/domain/password-policy";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { consumeRateLimit, RATE_LIMITS, refundRateLimit } from "@/lib/server/platform/rate-limit";
import { invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { hashPassword } from "@/lib/server/platform/sessions";
import { expectOne, refuse, write, type Target } from "@/lib/server/platform/use-case";

/**
 * 修改密码 (issue 10 §3): the user proves the current password, the new one passes the policy
 * (lib/domain/password-policy.ts) and is none of the last 5 (the current one and the 4 kept in
 * PasswordHistory), and every other session of theirs ends (ASVS 7.4.3) — the one in use stays.
 */

const field = (label: string) => z.string({ error: `请输入${label}。` }).min(1, `请输入${label}。`).max(1024, `${label}过长。`);
const changeSchema = z.object({
  currentPassword: field("当前密码"),
  newPassword: field("新密码"),
  confirmPassword: field("确认新密码"),
});

const matches = (hash: string, password: string) => verify(hash, password).catch(() => false);

export async function changePassword(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ endedSessions: number }>> {
  const target: Target = { action: "user.password.change", entity: "User", entityId: actor.id };
  const parsed = changeSchema.safeParse(raw);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { currentPassword, newPassword, confirmPassword } = parsed.data;
  const user = await db().user.findUnique({
    where: { id: actor.id },
    select: { username: true, roles: true, passwordHash: true, passwordHistory: { orderBy: { createdAt: "desc" }, take: PASSWORD_POLICY.historySize - 1 } },
  });
  if (!user) return notFound("未找到该用户。");
  // Every attempt counts before the password is checked (parallel guesses cannot slip past the
  // limit); a right one gives its point back, so only wrong ones add up.
  const limit = await consumeRateLimit(RATE_LIMITS.currentPassword, actor.id, now);
  if (!limit.ok) {
    await refuse(actor, target, "current_password_rate_limited");
    return invalid({ currentPassword: [limit.message] });
  }
  if (!(await matches(user.passwordHash, currentPassword))) {
    // Refused and audited: a session left open must not become a way to try passwords quietly.
    await refuse(actor, target, "wrong_current_password");
    return invalid({ currentPassword: ["当前密码不正确。"] });
  }
  await refundRateLimit(RATE_LIMITS.currentPassword, actor.id);
  const roles = actor.roles;
  const problems = checkPassword(newPassword, { username: user.username, roles });
  const errors: Record<string, string[]> = {};
  if (problems.length) errors.newPassword = problems.map((p) => passwordProblemMessage(p, minLengthFor(roles)));
  else if (await usedBefore(newPassword, [user.passwordHash, ...user.passwordHistory.map((h) => h.passwordHash)])) {
    errors.newPassword = [passwordProblemMessage("reused", minLengthFor(roles))];
  }
  if (newPassword !== confirmPassword) errors.confirmPassword = ["两次输入的新密码不一致。"];
  if (Object.keys(errors).length) return invalid(errors);

  const newHash = await hashPassword(newPassword);
  return write(actor, target, async (tx) => {
    // The guard: the hash this check verified is still the stored one (no concurrent change).
    const { count } = await tx.user.updateMany({
      where: { id: actor.id, passwordHash: user.passwordHash },
      data: { passwordHash: newHash, passwordChangedAt: now, mustChangePassword: false },
    });
    expectOne(count, "密码已在其他地方被修改，请重新登录后再试。");
    await tx.passwordHistory.create({ data: { userId: actor.id, passwordHash: user.passwordHash, createdAt: now } });
    // Only the last 4 former passwords are needed (with the current one, the last 5): keep no more.
    const keep = await tx.passwordHistory.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, take: PASSWORD_POLICY.historySize - 1, select: { id: true } });
    await tx.passwordHistory.deleteMany({ where: { userId: actor.id, id: { notIn: keep.map((k) => k.id) } } });
    const ended = await tx.session.updateMany({ where: { userId: actor.id, revokedAt: null, id: { not: actor.sessionId } }, data: { revokedAt: now } });
    await audit(tx, { actor, ...target, detail: { endedSessions: ended.count } });
    return ok({ endedSessions: ended.count });
  });
}

/** One argon2 verification per former password, all of them (no early exit to time). */
async function usedBefore(password: string, hashes: readonly string[]): Promise<boolean> {
  const results = await Promise.all(hashes.map((h) => matches(h, password)));
  return results.some(Boolean);
}
