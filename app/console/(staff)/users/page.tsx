import Link from "next/link";
import { forbidden } from "next/navigation";
import { CreateUserForm } from "@/components/console/users/create-user-form";
import { UserStatusForm } from "@/components/console/user-status-form";
import { UserUnlockForm } from "@/components/console/user-unlock-form";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { isRole, ROLE_LABELS, ROLES } from "@/lib/domain/roles";
import { departmentChoices } from "@/lib/server/admin/accounts";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { listUsers } from "@/lib/server/admin/users";
import { setUserStatusAction, unlockUserAction } from "../actions";
import { createUserAction } from "./actions";
import { DataTable } from "@/components/ui/data-table";

export const metadata = { title: "用户管理" };

type Filters = { q?: string; role?: string; status?: string };

const STATUS_FILTERS: Record<string, string> = { ACTIVE: "正常", DISABLED: "已停用", LOCKED: "已锁定", NOROLE: "未分配角色" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Filters> }) {
  const actor = await requireActor();
  const all = await listUsers(actor);
  if (!all) forbidden();
  const f = await searchParams;
  const q = typeof f.q === "string" ? f.q.trim().toLowerCase().slice(0, 64) : "";
  const role = typeof f.role === "string" && isRole(f.role) ? f.role : "";
  const status = typeof f.status === "string" && f.status in STATUS_FILTERS ? f.status : "";
  const users = all.filter(
    (u) =>
      (!q || u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q)) &&
      (!role || u.roles.includes(role)) &&
      (!status ||
        (status === "LOCKED" ? !!u.lockedUntil : status === "NOROLE" ? u.roles.length === 0 : u.status === status)),
  );
  const mayChange = can(actor, "user.setStatus");
  const mayUnlock = can(actor, "user.unlock");
  const mayCreate = can(actor, "user.create");
  return (
    <div className="space-y-6">
      {mayCreate && (
        <Card title="新建用户">
          <p className="mb-3 text-sm text-gray-600">新账户没有任何角色，由安全管理员分配角色和处室（三员分立）。</p>
          <CreateUserForm action={createUserAction} departments={await departmentChoices()} />
        </Card>
      )}
      <Card title={`用户与账户状态（${users.length} / ${all.length}）`}>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm" role="search" aria-label="筛选用户">
          <label className="space-y-1">
            <span className="block text-gray-700">用户名或姓名</span>
            <input name="q" defaultValue={q} className="rounded-md border border-gray-300 px-2 py-1" />
          </label>
          <label className="space-y-1">
            <span className="block text-gray-700">角色</span>
            <select name="role" defaultValue={role} className="rounded-md border border-gray-300 px-2 py-1">
              <option value="">全部</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1">
            <span className="block text-gray-700">状态</span>
            <select name="status" defaultValue={status} className="rounded-md border border-gray-300 px-2 py-1">
              <option value="">全部</option>
              {Object.entries(STATUS_FILTERS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            筛选
          </button>
        </form>
        <DataTable columns={["用户名", "姓名", "处室", "角色", "状态", "最近登录", "操作"]}>
          {users.map((u) => (
            <tr key={u.id} data-username={u.username}>
              <td className="py-2 pe-4 font-mono">{u.username}</td>
              <td className="py-2 pe-4">{u.displayName}</td>
              <td className="py-2 pe-4">{u.department?.name ?? "—"}</td>
              <td className="py-2 pe-4">{u.roles.length ? u.roles.map((r) => ROLE_LABELS[r]).join("、") : <span className="text-amber-800">未分配</span>}</td>
              <td className="py-2 pe-4">
                {u.status === "DISABLED" ? "已停用" : u.lockedUntil ? `已锁定（至 ${formatChineseDateTime(u.lockedUntil)}）` : "正常"}
              </td>
              <td className="py-2 pe-4">{u.lastLoginAt ? formatChineseDateTime(u.lastLoginAt) : "—"}</td>
              <td className="space-x-2 py-2">
                <Link href={`/console/users/${u.id}`} className="text-gov-red underline" aria-label={`管理 ${u.username}`}>
                  管理
                </Link>
                {mayChange && u.id !== actor.id && <UserStatusForm action={setUserStatusAction} userId={u.id} status={u.status} />}
                {mayUnlock && u.lockedUntil && <UserUnlockForm action={unlockUserAction} userId={u.id} username={u.username} />}
              </td>
            </tr>
          ))}
        </DataTable>
        {users.length === 0 && <p className="py-4 text-sm text-gray-600">没有符合条件的用户。</p>}
      </Card>
    </div>
  );
}
