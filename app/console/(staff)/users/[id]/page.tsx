import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { AssignRolesForm } from "@/components/console/users/assign-roles-form";
import { ResetPasswordForm } from "@/components/console/users/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ROLE_LABELS, ROLES } from "@/lib/domain/roles";
import { roleAssignmentMode, userForAdministration } from "@/lib/server/admin/accounts";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { assignRolesAction, resetPasswordAction } from "../actions";

export const metadata = { title: "管理用户" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const found = await userForAdministration(actor, (await params).id);
  if (!found) forbidden();
  const { user, departments } = found;
  if (!user) notFound();
  const self = user.id === actor.id;
  const mode = self ? null : await roleAssignmentMode(actor);
  const mayReset = !self && can(actor, "user.resetPassword");
  return (
    <div className="space-y-6">
      <div>
        <Link href="/console/users" className="text-sm text-gov-red underline">
          ← 用户管理
        </Link>
        <h1 className="mt-2 text-2xl font-bold">
          {user.displayName} <span className="font-mono text-lg text-gray-600">{user.username}</span>
        </h1>
        <p className="mt-1 text-sm text-gray-600">
          {user.department?.name ?? "不属于处室"} · {user.roles.length ? user.roles.map((r) => ROLE_LABELS[r]).join("、") : "未分配角色"} ·{" "}
          {user.status === "DISABLED" ? "已停用" : "正常"}
          {user.mustChangePassword && " · 下次登录须修改密码"}
        </p>
      </div>
      {self && <Alert tone="info">不能修改自己的角色、处室或在这里重置自己的密码（三员分立）。</Alert>}
      {mode && (
        <Card title="角色和处室">
          {mode === "firstSecurityAdmin" && (
            <p className="mb-3 text-sm text-gray-700">目前没有在岗的安全管理员：您可以指定这位用户为第一位安全管理员。此后角色和处室一律由安全管理员分配。</p>
          )}
          <AssignRolesForm action={assignRolesAction} user={user} roles={mode === "all" ? ROLES : ["SECADMIN"]} departments={departments} />
        </Card>
      )}
      {mayReset && (
        <Card title="重置密码">
          <p className="mb-3 text-sm text-gray-600">生成新的一次性密码，只显示一次；该用户已登录的会话全部结束，下次登录须修改密码。</p>
          <ResetPasswordForm action={resetPasswordAction.bind(null, user.id)} />
        </Card>
      )}
    </div>
  );
}
