import { forbidden } from "next/navigation";
import { TotpPolicyForm, TotpResetForm } from "@/components/console/account/security-forms";
import { Card } from "@/components/ui/card";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { ROLE_LABELS, ROLES } from "@/lib/domain/roles";
import { securityPolicyFor, totpStatusList } from "@/lib/server/account/security-policy";
import { requireActor } from "@/lib/server/platform/auth";
import { resetTotpAction, setTotpPolicyAction } from "./actions";
import { DataTable } from "@/components/ui/data-table";

export const metadata = { title: "安全策略" };

export default async function SecurityPage() {
  const actor = await requireActor();
  const [policy, users] = await Promise.all([securityPolicyFor(actor), totpStatusList(actor)]);
  if (!policy || !users) forbidden();
  const roles = ROLES.map((r) => ({ role: r, label: ROLE_LABELS[r], required: policy.totpRequiredRoles.includes(r), always: policy.alwaysRequired.includes(r) }));
  const relaxed = policy.alwaysRequired.some((r) => !policy.totpRequiredRoles.includes(r));
  return (
    <div className="space-y-6">
      <Card title="动态口令策略">
        <TotpPolicyForm action={setTotpPolicyAction} roles={roles} relaxed={relaxed} />
      </Card>
      <Card title="用户动态口令">
        <DataTable columns={["用户名", "姓名", "角色", "动态口令", "操作"]}>
          {users.map((u) => (
            <tr key={u.id} data-username={u.username}>
              <td className="py-2 pe-4 font-mono">{u.username}</td>
              <td className="py-2 pe-4">{u.displayName}</td>
              <td className="py-2 pe-4">{u.roles.map((r) => ROLE_LABELS[r]).join("、")}</td>
              <td className="py-2 pe-4">{u.totpEnabledAt ? `已启用（${formatChineseDateTime(u.totpEnabledAt)}）` : "未启用"}</td>
              <td className="py-2">{u.totpEnabledAt && u.id !== actor.id && <TotpResetForm action={resetTotpAction} userId={u.id} username={u.username} />}</td>
            </tr>
          ))}
        </DataTable>
      </Card>
    </div>
  );
}
