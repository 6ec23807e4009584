import "server-only";
import QRCode from "qrcode";
import { z } from "zod";
import { formatRecoveryCode } from "@/lib/domain/second-factor";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { conflict, forbidden, invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { matchTotp, newRecoveryCodes, newTotpSecret, recoveryCodeHash, sealTotpSecret, totpUri, unsealTotpSecret } from "@/lib/server/platform/totp";
import { expectOne, refuse, write, type Target } from "@/lib/server/platform/use-case";

/**
 * 动态口令 enrolment by the user and its reset by the 安全管理员 (issue 10 §3). The secret shown on
 * the page is kept sealed as the user's pending secret until a code from the app confirms it, so a
 * reload shows the same QR code and nothing is switched on that the phone does not have.
 */

export type Enrolment = { enabled: true } | { enabled: false; secret: string; uri: string; qrSvg: string };

/** The enrolment page's content: the pending secret (made on first view) as text and as a QR code. */
export async function enrolmentFor(actor: Actor): Promise<Enrolment> {
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnabledAt: true, totpPendingSecret: true } });
  if (user.totpEnabledAt) return { enabled: true };
  let secret = user.totpPendingSecret ? unsealTotpSecret(actor.id, user.totpPendingSecret) : null;
  if (!secret) {
    secret = newTotpSecret();
    // Not audited: nothing is switched on until confirmEnrolment, which is.
    await db().user.update({ where: { id: actor.id }, data: { totpPendingSecret: sealTotpSecret(actor.id, secret) } });
  }
  const uri = totpUri(env().BUREAU_NAME, actor.username, secret);
  // Rendered here, as inline SVG: the secret never goes to a QR web service.
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { enabled: false, secret, uri, qrSvg };
}

const confirmSchema = z.object({ code: z.string({ error: "请输入 6 位动态口令。" }).max(64).regex(/^\s*\d{3}\s?\d{3}\s*$/, "请输入 6 位数字动态口令。") });

/**
 * Switches 动态口令 on once a code from the pending secret checks out, and hands back ten new
 * recovery codes — the only time they exist in clear. The confirming code's step is taken, so it
 * cannot also log in.
 */
export async function confirmEnrolment(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ recoveryCodes: string[] }>> {
  const target: Target = { action: "user.totp.enrol", entity: "User", entityId: actor.id };
  const parsed = confirmSchema.safeParse(raw);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnabledAt: true, totpPendingSecret: true } });
  if (user.totpEnabledAt) return refuse(actor, target, "already_enabled", conflict("动态口令已启用。"));
  const secret = user.totpPendingSecret ? unsealTotpSecret(actor.id, user.totpPendingSecret) : null;
  if (!secret || !user.totpPendingSecret) return refuse(actor, target, "no_pending_secret", conflict("绑定已失效，请刷新页面重新扫码。"));
  const step = await matchTotp(secret, parsed.data.code, now);
  if (step === null) {
    await refuse(actor, target, "wrong_code");
    return invalid({ code: ["动态口令不正确，请确认手机时间准确后输入当前显示的口令。"] });
  }
  const codes = newRecoveryCodes();
  return write(actor, target, async (tx) => {
    // The guard: still not enabled, and the secret confirmed is the one still pending.
    const { count } = await tx.user.updateMany({
      where: { id: actor.id, totpEnabledAt: null, totpPendingSecret: user.totpPendingSecret },
      data: { totpSecret: sealTotpSecret(actor.id, secret), totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step },
    });
    expectOne(count, "动态口令已在其他页面启用或重新生成，请刷新页面。");
    await tx.totpRecoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.totpRecoveryCode.createMany({ data: codes.map((c) => ({ userId: actor.id, codeHash: recoveryCodeHash(c), createdAt: now })) });
    await audit(tx, { actor, ...target, detail: { recoveryCodes: codes.length } });
    return ok({ recoveryCodes: codes.map(formatRecoveryCode) });
  });
}

const resetSchema = z.object({ userId: z.string().min(1).max(64) });

/**
 * 重置动态口令: the 安全管理员 switches a user's 动态口令 off (a lost phone) — secret, recovery codes
 * and sessions go; if the policy requires it, the user enrols again at the next login. Never their
 * own: a second person vouches for every reset.
 */
export async function resetTotp(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const parsed = resetSchema.safeParse(raw);
  const target: Target = { action: "user.totp.reset", entity: "User", entityId: parsed.success ? parsed.data.userId : undefined };
  if (!can(actor, "user.resetTotp")) return refuse(actor, target, "wrong_role");
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const { userId } = parsed.data;
  if (userId === actor.id) return refuse(actor, target, "self", forbidden("不能重置自己的动态口令，请由另一位安全管理员操作。"));
  return write(actor, target, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { username: true } });
    if (!user) return notFound("未找到该用户。");
    const { count } = await tx.user.updateMany({
      where: { id: userId, totpEnabledAt: { not: null } },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    expectOne(count, "该用户未启用动态口令。");
    await tx.totpRecoveryCode.deleteMany({ where: { userId } });
    const ended = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    await audit(tx, { actor, ...target, detail: { username: user.username, endedSessions: ended.count } });
    return ok({ id: userId });
  });
}
