import Link from "next/link";
import { QueueSection } from "@/components/console/queue-section";
import { RequestOverviewCard, SimilarClustersCard } from "@/components/dashboard/request-overview";
import { ReportCountdownCard } from "@/components/reports/countdown-card";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatChineseDateTime } from "@/lib/domain/dates";
import { queuePagesOf } from "@/lib/domain/queue-pages";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { listNotifications } from "@/lib/server/platform/notifications";
import { workQueue } from "@/lib/server/items/work-queue";
import { requestOverview } from "@/lib/server/requests/overview";
import { reportCountdown } from "@/lib/server/reports/store";
import { calendarNotice } from "@/lib/server/requests/reminders";
import { similarClusters } from "@/lib/server/requests/similar";
import { markAllReadAction } from "./actions";

export const metadata = { title: "工作台" };

export default async function ConsoleHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const pages = queuePagesOf(await searchParams);
  const mayRequests = can(actor, "request.queue");
  const [sections, notifications, overview, clusters, calendar, countdown] = await Promise.all([
    workQueue(actor, pages),
    listNotifications(actor),
    mayRequests ? requestOverview(actor) : null,
    mayRequests ? similarClusters(actor) : null,
    calendarNotice(actor),
    can(actor, "report.manage") ? reportCountdown(new Date()) : null,
  ]);
  const adminLinks = [
    can(actor, "user.list") && { href: "/console/users", label: "用户与账户安全" },
    can(actor, "audit.read") && { href: "/console/audit", label: "审计日志" },
  ].filter(Boolean) as { href: string; label: string }[];
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="space-y-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">工作台</h1>
          {can(actor, "item.create") && (
            <Link href="/console/items/new" className={buttonClass()}>
              ＋ 起草公开信息
            </Link>
          )}
        </div>
        {calendar && (
          <Alert tone="info">
            <span data-testid="calendar-reminder">
              {calendar.message}{" "}
              <Link href={`/console/calendar?year=${calendar.year}`} className="font-medium underline">前往工作日历</Link>
            </span>
          </Alert>
        )}
        {sections.map((s) => (
          <QueueSection key={s.key} sectionKey={s.key} title={s.title} items={s.items} total={s.total} page={s.page} pageCount={s.pageCount} />
        ))}
        {overview?.ok && <RequestOverviewCard overview={overview.value} />}
        {clusters?.ok && <SimilarClustersCard clusters={clusters.value} />}
        {adminLinks.length > 0 && (
          <Card title="管理">
            <ul className="space-y-2">
              {adminLinks.map((l) => (
                <li key={l.href}>
                  <Link href={l.href} className="text-gov-red hover:underline">{l.label}</Link>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
      <aside className="space-y-6">
        {countdown && <ReportCountdownCard {...countdown} />}
        <Card
          title="消息"
          action={
            notifications.some((n) => !n.readAt && !n.resolvedAt) && (
              <form action={markAllReadAction}>
                <button type="submit" className="text-sm text-gov-red hover:underline">全部标为已读</button>
              </form>
            )
          }
        >
          {notifications.length === 0 ? (
            <p className="text-sm text-gray-500">暂无消息。</p>
          ) : (
            <ul className="space-y-3 text-sm">
              {notifications.map((n) => {
                const open = !n.readAt && !n.resolvedAt;
                return (
                <li key={n.id} className={open ? "font-medium" : "text-gray-600"} data-notification-state={n.resolvedAt ? "resolved" : open ? "unread" : "read"}>
                  {open && <span className="sr-only">未读：</span>}
                  {n.link ? <Link href={n.link} className="hover:text-gov-red hover:underline">{n.title}</Link> : n.title}
                  <div className="text-xs text-gray-500">
                    {formatChineseDateTime(n.createdAt)}
                    {n.resolvedAt && <span className="ml-2">（已处理）</span>}
                  </div>
                </li>
                );
              })}
            </ul>
          )}
        </Card>
      </aside>
    </div>
  );
}
