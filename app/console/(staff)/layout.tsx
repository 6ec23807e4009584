import { ConsoleShell, type NavLink } from "@/components/console/console-shell";
import { env } from "@/lib/env";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { unreadCount } from "@/lib/server/platform/notifications";

export const dynamic = "force-dynamic";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const nav: NavLink[] = [{ href: "/console", label: "工作台" }];
  if (can(actor, "item.create")) nav.push({ href: "/console/items/new", label: "起草信息" });
  if (can(actor, "request.queue")) nav.push({ href: "/console/requests", label: "依申请公开" });
  if (can(actor, "appeal.manage")) nav.push({ href: "/console/appeals", label: "复议诉讼" });
  if (can(actor, "request.import")) nav.push({ href: "/console/requests/import", label: "导入台账" });
  if (can(actor, "report.manage")) nav.push({ href: "/console/reports", label: "年度报告" });
  if (can(actor, "user.list")) nav.push({ href: "/console/users", label: "用户管理" });
  if (can(actor, "security.policy")) nav.push({ href: "/console/security", label: "安全策略" });
  if (can(actor, "audit.read")) nav.push({ href: "/console/audit", label: "审计日志" });
  if (can(actor, "department.manage")) nav.push({ href: "/console/admin", label: "公开办管理" });
  if (can(actor, "dashboard.department") || can(actor, "dashboard.office")) nav.push({ href: "/console/dashboard", label: "公开时效统计" });
  if (can(actor, "calendar.manage")) nav.push({ href: "/console/calendar", label: "工作日历" });
  if (can(actor, "job.manage")) nav.push({ href: "/console/jobs", label: "任务队列" });
  if (can(actor, "site.settings")) nav.push({ href: "/console/settings", label: "站点设置" });
  if (can(actor, "account.sessions")) nav.push({ href: "/console/account/sessions", label: "我的会话" });
  nav.push({ href: "/", label: "公开网站" });
  return (
    <ConsoleShell bureau={env().BUREAU_NAME} user={actor} nav={nav} unread={await unreadCount(actor)}>
      {children}
    </ConsoleShell>
  );
}
