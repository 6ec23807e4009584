import { db } from "@/lib/server/platform/db";

/**
 * The demo's login rules (issue 10 §3), applied once, when the demo bureau is created: its accounts
 * share the published demo password, so they are created with a fresh passwordChangedAt and no
 * forced change (a new account's default), and its administrators are not held to 动态口令 — the
 * policy row a new database gets (SYSADMIN, SECADMIN, AUDITOR) is emptied, so the demo and its
 * end-to-end suite log in with the password alone. The 安全管理员 can switch it back on at
 * /console/security (saving always includes the three administrators). Never run on a database
 * that already had users.
 */
export async function relaxDemoLogin() {
  await db().user.updateMany({ data: { mustChangePassword: false, passwordChangedAt: new Date() } });
  await db().securityPolicy.upsert({ where: { id: 1 }, create: { id: 1, totpRequiredRoles: [] }, update: { totpRequiredRoles: [] } });
}
