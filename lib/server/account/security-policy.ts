import "server-only";
import { z } from "zod";
import { ALWAYS_TOTP_ROLES } from "@/lib/domain/second-factor";
import { ROLES, type Role } from "@/lib/domain/roles";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { invalid, ok, type Result } from "@/lib/server/platform/result";
import { refuse, write, type Target } from "@/lib/server/platform/use-case";
import { totpPolicyRoles } from "./standing";

/**
 * The 安全管理员's 动态口令 policy (安全管理: "安全参数的设置", GB/T 22239 8.1.5): which roles must use
 * it. The three administrators always must (ASVS 6.3.3): a save always includes them, whatever the
 * form sent. Users of a newly required role are sent to enrolment at their next click.
 */
export async function securityPolicyFor(actor: Actor) {
  if (!can(actor, "security.policy")) return null;
  return { totpRequiredRoles: await totpPolicyRoles(), alwaysRequired: ALWAYS_TOTP_ROLES };
}

const policySchema = z.object({ roles: z.array(z.enum(ROLES, { error: "未知的角色。" })).max(ROLES.length) });

export async function setTotpPolicy(actor: Actor, raw: unknown): Promise<Result<{ roles: Role[] }>> {
  const target: Target = { action: "security.policy.update", entity: "SecurityPolicy", entityId: "1" };
  if (!can(actor, "security.policy")) return refuse(actor, target, "wrong_role");
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) return invalid(z.flattenError(parsed.error).fieldErrors);
  const roles = ROLES.filter((r) => parsed.data.roles.includes(r) || ALWAYS_TOTP_ROLES.includes(r));
  return write(actor, target, async (tx) => {
    const before = await totpPolicyRoles(tx);
    await tx.securityPolicy.upsert({ where: { id: 1 }, create: { id: 1, totpRequiredRoles: roles }, update: { totpRequiredRoles: roles } });
    await audit(tx, { actor, ...target, detail: { before, after: roles } });
    return ok({ roles });
  });
}

/** Who has 动态口令 on, for the 安全管理员's reset buttons. */
export async function totpStatusList(actor: Actor) {
  if (!can(actor, "user.resetTotp")) return null;
  return db().user.findMany({
    orderBy: { username: "asc" },
    select: { id: true, username: true, displayName: true, roles: true, status: true, totpEnabledAt: true },
  });
}
