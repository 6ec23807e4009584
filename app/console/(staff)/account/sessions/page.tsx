import { forbidden } from "next/navigation";
import { RevokeOthersForm, RevokeSessionForm } from "@/components/console/account/session-forms";
import { Card } from "@/components/ui/card";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { listMySessions } from "@/lib/server/account/my-sessions";
import { requireActor } from "@/lib/server/platform/auth";
import { revokeMyOtherSessionsAction, revokeMySessionAction } from "../actions";
import { DataTable } from "@/components/ui/data-table";

export const metadata = { title: "我的会话" };

export default async function MySessionsPage() {
  const actor = await requireActor();
  const sessions = await listMySessions(actor);
  if (!sessions) forbidden();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <Card title="我的会话" action={others > 0 ? <RevokeOthersForm action={revokeMyOtherSessionsAction} /> : undefined}>
      <p className="mb-3 text-sm text-gray-600">
        这里列出您的账户当前有效的登录会话。如有不认识的设备或地址，请结束该会话并修改密码；结束后该会话的下一次请求即被拒绝。
      </p>
      <DataTable columns={["登录时间", "最近活动", "IP 地址", "浏览器", "操作"]}>
        {sessions.map((s) => (
          <tr key={s.handle} data-current={s.current || undefined}>
            <td className="py-2 pe-4">{formatChineseDateTime(s.createdAt)}</td>
            <td className="py-2 pe-4">{formatChineseDateTime(s.lastSeenAt)}</td>
            <td className="py-2 pe-4 font-mono">{s.ip ?? "—"}</td>
            <td className="max-w-xs truncate py-2 pe-4" title={s.userAgent ?? undefined}>
              {s.userAgent ?? "—"}
            </td>
            <td className="py-2">
              {s.current ? (
                <span className="rounded bg-green-50 px-2 py-1 text-xs text-green-800">当前会话</span>
              ) : (
                <RevokeSessionForm action={revokeMySessionAction} handle={s.handle} label={`结束 ${formatChineseDateTime(s.createdAt)} 登录的会话`} />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}
