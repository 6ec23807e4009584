import Link from "next/link";
import { notFound } from "next/navigation";
import { PublishForm, ReviewForm, SingleActionForm, WithdrawForm } from "@/components/review/action-forms";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { chinaDateTimeLocal, formatChineseDate, formatChineseDateTime } from "@/lib/domain/dates";
import { exemptionLabel } from "@/lib/domain/review";
import { markItemNotificationsRead } from "@/lib/server/platform/notifications";
import { secrecyFlags } from "@/lib/server/items/secrecy";
import { itemTimeliness } from "@/lib/server/items/timeliness";
import { TimelinessBadge } from "@/components/timeliness/timeliness-badge";
import { requiredStages, STAGE_LABELS, STAGE_OF_STATUS } from "@/lib/domain/workflow";
import { requireActor } from "@/lib/server/platform/auth";
import { getItemForStaff } from "@/lib/server/items/work-queue";
import { BodyHtml } from "@/components/items/body-html";
import { RevisionDetails } from "@/components/items/revision-details";
import { getRevisionComparison } from "@/lib/server/items/views";
import { publishItemAction, reviewItemAction, submitItemAction, withdrawItemAction } from "../../actions";

export const metadata = { title: "公开信息" };

const DECISIONS = { APPROVE: "同意", RETURN: "退回修改", REJECT: "不予公开", REFER: "报送保密行政管理部门" } as const;

/** The notice after a transition redirected here (`?done=` from ../../actions.ts). */
function doneNotice(done: string | undefined, revisionNumber: number, indexNumber: string | null): string | null {
  switch (done) {
    case "saved":
      return `已保存（第 ${revisionNumber} 版）。`;
    case "submitted":
      return "已提交审核。";
    case "reviewed":
      return "审核意见已提交。";
    case "published":
      return `已发布，索引号 ${indexNumber}。`;
    case "scheduled":
      return `已定时发布，索引号 ${indexNumber}。`;
    case "withdrawn":
      return "已从公开网站撤回。";
    default:
      return null;
  }
}

export default async function StaffItemPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const actor = await requireActor();
  const item = await getItemForStaff(actor, (await params).id);
  if (!item) notFound();
  await markItemNotificationsRead(actor, item.id);
  const r = item.revision;
  const notice = doneNotice((await searchParams).done, r.number, item.indexNumber);
  const stage = STAGE_OF_STATUS[item.status];
  const canReview = item.allowed.includes("approve");
  const timeliness = ["REJECTED", "WITHDRAWN"].includes(item.status)
    ? null
    : await itemTimeliness({ formedOn: r.formedOn, publishedAt: item.publishedAt });
  const flags = canReview && stage === "SECRECY" ? await secrecyFlags(r.id) : [];
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      {/* min-w-0: a grid item is otherwise as wide as its widest table (a 年度报告's table 三), and
          the page scrolls sideways on a phone instead of the table in its own box. */}
      <div className="min-w-0 space-y-6">
        {notice && <Alert tone="success">{notice}</Alert>}
        <Card title={<span data-testid="item-title">{r.title}</span>} action={
            <span className="flex flex-wrap items-center justify-end gap-2">
              {timeliness && <TimelinessBadge timeliness={timeliness} />}
              <StatusBadge status={item.status} />
            </span>
          }
        >
          <dl className="mb-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm [overflow-wrap:anywhere] sm:grid-cols-3">
            <div><dt className="text-gray-500">发布机构</dt><dd>{item.department}</dd></div>
            <div><dt className="text-gray-500">栏目</dt><dd>{item.column.name}</dd></div>
            <div><dt className="text-gray-500">信息形成日期</dt><dd>{formatChineseDate(r.formedOn)}</dd></div>
            <div><dt className="text-gray-500">文号</dt><dd>{r.documentNumber ?? "无"}</dd></div>
            <div><dt className="text-gray-500">版本</dt><dd>第 {r.number} 版</dd></div>
            <div className="min-w-0"><dt className="text-gray-500">索引号</dt><dd data-testid="index-number" className="break-all">{item.indexNumber ?? "发布时生成"}</dd></div>
          </dl>
          <BodyHtml html={r.bodyHtml || "<p>（正文为空）</p>"} className="border-t border-gray-100 pt-2" />
        </Card>
        {/* Items in full (issue 3): catalogue, attachments and the diff reviewers read. */}
        {await getRevisionComparison(actor, item.id).then((c) => c && <RevisionDetails {...c} />)}
        <Card title="审核记录">
          <p className="mb-3 text-sm text-gray-600">
            审核环节：{requiredStages(item.stages).map((s) => STAGE_LABELS[s]).join(" → ")}
          </p>
          {item.reviews.length === 0 ? (
            <p className="text-sm text-gray-500">尚无审核记录。</p>
          ) : (
            <ol className="space-y-3 text-sm">
              {item.reviews.map((rv) => (
                <li key={rv.id} className="border-s-2 border-gray-200 ps-3">
                  <div>
                    <strong>{STAGE_LABELS[rv.stage]}</strong> · {rv.reviewer} · {DECISIONS[rv.decision]}
                    {rv.revisionId !== r.id && <span className="ms-2 text-xs text-gray-500">（针对旧版本）</span>}
                  </div>
                  {rv.reasonCode && <p className="text-gray-700">法定理由：{exemptionLabel(rv.reasonCode)}</p>}
                  {rv.comment && <p className="text-gray-700">{rv.comment}</p>}
                  <div className="text-xs text-gray-500">{formatChineseDateTime(rv.createdAt)}</div>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
      <aside className="space-y-6">
        <Card title="操作">
          <div className="space-y-4">
            {item.allowed.includes("edit") && (
              <Link href={`/console/items/${item.id}/edit`} className={buttonClass("secondary")}>修改</Link>
            )}
            {item.allowed.includes("submit") && (
              <SingleActionForm action={submitItemAction.bind(null, item.id, r.id)} label="提交审核" pendingLabel="正在提交…" />
            )}
            {canReview && stage && (
              <ReviewForm
                action={reviewItemAction.bind(null, item.id)}
                revisionId={r.id}
                stageLabel={STAGE_LABELS[stage]}
                secrecy={stage === "SECRECY"}
                flags={flags}
                referred={item.status === "REFERRED"}
              />
            )}
            {item.allowed.includes("publish") && (
              <PublishForm action={publishItemAction.bind(null, item.id, r.id)} allowSchedule={!item.publishedRevisionId} minLocal={chinaDateTimeLocal(new Date())} />
            )}
            {item.scheduledFor && (
              <Alert tone="info">已定时发布：{formatChineseDateTime(item.scheduledFor)} 起在公开网站显示。</Alert>
            )}
            {item.withdrawnAt && (
              <Alert tone="info">
                已于 {formatChineseDateTime(item.withdrawnAt)} 从公开网站撤回。理由：{item.withdrawReason}
              </Alert>
            )}
            {item.allowed.includes("withdraw") && <WithdrawForm action={withdrawItemAction.bind(null, item.id)} />}
            {item.publishedRevisionId && !item.withdrawnAt && (
              <Link href={`/items/${item.id}`} className="block text-gov-red hover:underline">在公开网站查看</Link>
            )}
            {item.allowed.length === 0 && item.status !== "PUBLISHED" && <p className="text-sm text-gray-600">当前无需您处理。</p>}
          </div>
        </Card>
        <Card title="版本">
          <ul className="space-y-1 text-sm">
            {item.revisions.map((v) => (
              <li key={v.id}>
                第 {v.number} 版 · {v.author} · {formatChineseDateTime(v.createdAt)}
              </li>
            ))}
          </ul>
        </Card>
      </aside>
    </div>
  );
}
