import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { SimilarCluster } from "@/lib/server/requests/similar";
import type { RequestOverview } from "@/lib/server/requests/overview";

/**
 * 依申请公开办理概况 on the console home: open requests by stage, due soon and overdue, this year's
 * received and closed. Each figure opens the queue filtered the same way
 * (`/console/requests?stage=…` / `?flag=due_soon|overdue`).
 */
export function RequestOverviewCard({ overview }: { overview: RequestOverview }) {
  const o = overview;
  return (
    <Card title="依申请公开办理概况" action={<Link href="/console/requests" className="text-sm text-gov-red hover:underline">全部申请</Link>}>
      <div className="space-y-4" data-testid="request-overview">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Figure label="即将到期" value={o.dueSoon} href="/console/requests?flag=due_soon" tone={o.dueSoon ? "warn" : undefined} note="5个工作日内" />
          <Figure label="已逾期" value={o.overdue} href="/console/requests?flag=overdue" tone={o.overdue ? "alert" : undefined} note="超过答复期限" />
          <Figure label={`${o.year}年收到`} value={o.received} note="按收到日" />
          <Figure label={`${o.year}年办结`} value={o.closed} note="按办结日" />
        </dl>
        <div>
          <h3 className="mb-2 text-sm font-medium text-gray-700">在办 {o.open} 件，按办理阶段</h3>
          <ul className="flex flex-wrap gap-2 text-sm">
            {o.stages.map((s) => (
              <li key={s.key}>
                <Link
                  href={`/console/requests?stage=${s.key}`}
                  className="inline-flex items-center gap-1 rounded-full px-3 py-1 ring-1 ring-gray-200 hover:bg-gray-50"
                  data-stage={s.key}
                >
                  {s.label}
                  <span className="font-semibold tabular-nums">{s.count}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </Card>
  );
}

function Figure({ label, value, href, note, tone }: { label: string; value: number; href?: string; note: string; tone?: "warn" | "alert" }) {
  const color = tone === "alert" ? "text-red-700" : tone === "warn" ? "text-amber-700" : "";
  const number = <span className={`text-2xl font-bold tabular-nums ${color}`}>{value}</span>;
  return (
    <div className="rounded-md border border-gray-200 px-3 py-2">
      <dt className="text-sm text-gray-600">{label}</dt>
      <dd className="mt-1">{href ? <Link href={href} className="hover:underline" aria-label={`${label} ${value} 件，查看`}>{number}</Link> : number}</dd>
      <dd className="text-xs text-gray-500">{note}</dd>
    </div>
  );
}

/** 相似申请组 (条例第四十四条): several applicants asked for the same information. */
export function SimilarClustersCard({ clusters }: { clusters: SimilarCluster[] }) {
  if (clusters.length === 0) return null;
  return (
    <Card title={`相似申请（条例第四十四条）${clusters.length} 组`}>
      <ul className="space-y-3 text-sm" data-testid="similar-clusters">
        {clusters.map((c) => (
          <li key={c.requests[0].id}>
            <p className="font-medium">{c.title}</p>
            <p className="text-xs text-gray-600">
              {c.applicants} 个申请人、{c.requests.length} 件申请 — 建议依《条例》第四十四条纳入主动公开
              {c.proactiveItemId && (
                <>
                  {"，"}
                  <Link href={`/console/items/${c.proactiveItemId}`} className="text-gov-red hover:underline">已起草</Link>
                </>
              )}
            </p>
            <p className="mt-1 flex flex-wrap gap-x-3">
              {c.requests.map((r) => (
                <Link key={r.id} href={`/console/requests/${r.id}`} className="text-gov-red hover:underline" title={`${r.department ?? "未分办"} · ${r.outcomeLabel ?? r.statusLabel}`}>
                  {r.number ?? "（未编号）"}
                </Link>
              ))}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
