import { forbidden } from "next/navigation";
import { UserStatusForm } from "@/components/console/user-status-form";
import { UserUnlockForm } from "@/components/console/user-unlock-form";
import { Card } from "@/components/ui/card";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { listUsers } from "@/lib/server/admin/users";
import { setUserStatusAction, unlockUserAction } from "../actions";

export const metadata = { title: "用户管理" };

export default async function UsersPage() {
  const actor = await requireActor();
  const users = await listUsers(actor);
  if (!users) forbidden();
  const mayChange = can(actor, "user.setStatus");
  const mayUnlock = can(actor, "user.unlock");
  return (
    <Card title="用户与账户状态">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-gray-200 text-gray-600">
            <tr>
              <th scope="col" className="py-2 pe-4">用户名</th>
              <th scope="col" className="py-2 pe-4">姓名</th>
              <th scope="col" className="py-2 pe-4">处室</th>
              <th scope="col" className="py-2 pe-4">角色</th>
              <th scope="col" className="py-2 pe-4">状态</th>
              <th scope="col" className="py-2 pe-4">最近登录</th>
              {(mayChange || mayUnlock) && <th scope="col" className="py-2">操作</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {users.map((u) => (
              <tr key={u.id} data-username={u.username}>
                <td className="py-2 pe-4 font-mono">{u.username}</td>
                <td className="py-2 pe-4">{u.displayName}</td>
                <td className="py-2 pe-4">{u.department?.name ?? "—"}</td>
                <td className="py-2 pe-4">{u.roles.map((r) => ROLE_LABELS[r]).join("、")}</td>
                <td className="py-2 pe-4">
                  {u.status === "DISABLED" ? "已停用" : u.lockedUntil ? `已锁定（至 ${formatChineseDateTime(u.lockedUntil)}）` : "正常"}
                </td>
                <td className="py-2 pe-4">{u.lastLoginAt ? formatChineseDateTime(u.lastLoginAt) : "—"}</td>
                {(mayChange || mayUnlock) && (
                  <td className="py-2">
                    {mayChange && u.id !== actor.id && <UserStatusForm action={setUserStatusAction} userId={u.id} status={u.status} />}
                    {mayUnlock && u.lockedUntil && <UserUnlockForm action={unlockUserAction} userId={u.id} username={u.username} />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
