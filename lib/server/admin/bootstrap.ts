import "server-only";
import { audit } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { hashPassword } from "@/lib/server/platform/sessions";
import { oneTimePassword } from "./one-time-password";

/**
 * 初始系统管理员: a fresh production database (no users at all) gets one account, `admin`, holding
 * 系统管理员 only, with a one-time password that the launcher prints once to its console and that
 * must be changed at the first login. Never the demo accounts, whose password is published. Under
 * an advisory lock so two instances starting together create one administrator, not two; a
 * database with any user gets nothing (and no password is made up or printed).
 */
export const BOOTSTRAP_USERNAME = "admin";
const BOOTSTRAP_LOCK = 72910111;

export async function bootstrapAdministrator(): Promise<{ username: string; oneTimePassword: string } | null> {
  if ((await db().user.count()) > 0) return null;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`;
    if ((await tx.user.count()) > 0) return null;
    const user = await tx.user.create({
      data: { username: BOOTSTRAP_USERNAME, displayName: "系统管理员", roles: ["SYSADMIN"], passwordHash, mustChangePassword: true },
    });
    await audit(tx, {
      actorName: "系统初始化",
      action: "user.create",
      entity: "User",
      entityId: user.id,
      detail: { bootstrap: true, after: { username: BOOTSTRAP_USERNAME, roles: ["SYSADMIN"] } },
      meta: { ip: null, userAgent: null },
    });
    return { username: BOOTSTRAP_USERNAME, oneTimePassword: password };
  });
}
