import Link from "next/link";
import { forbidden } from "next/navigation";
import { AssignForm, ConfirmButton } from "@/components/console/requests/queue-actions";
import { QUEUE_STAGE_LABELS, QUEUE_STAGES, stageOf, type QueueStage } from "@/components/console/requests/labels";
import { ClosedQueueTable, OpenQueueTable } from "@/components/console/requests/request-queue";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DUE_SOON_DAYS } from "@/lib/domain/requests/clock";
import { REQUEST_FLAG_LABELS, REQUEST_FLAGS, type RequestFlag } from "@/lib/domain/requests/stages";
import { requireActor } from "@/lib/server/platform/auth";
import { can } from "@/lib/server/platform/authz";
import { assignableDepartments, listClosedRequests, listRequestQueue } from "@/lib/server/requests/views";
import { assignRequestAction, confirmApplicationAction } from "./actions";

export const metadata = { title: "依申请公开" };

/** 依申请公开 work queue: the actor's scope (office: all; 处室: its own; 分管领导: its departments). */
export default async function RequestQueuePage({ searchParams }: { searchParams: Promise<{ stage?: string; flag?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "request.queue")) forbidden();
  const params = await searchParams;
  const stage: QueueStage = QUEUE_STAGES.includes(params.stage as QueueStage) ? (params.stage as QueueStage) : "all";
  const flag: RequestFlag | null = REQUEST_FLAGS.includes(params.flag as RequestFlag) && stage !== "closed" ? (params.flag as RequestFlag) : null;
  const open = await listRequestQueue(actor);
  if (!open.ok) forbidden();
  const counts = Object.fromEntries(QUEUE_STAGES.map((s) => [s, 0])) as Record<QueueStage, number>;
  for (const row of open.value) counts[stageOf(row)]++;
  counts.all = open.value.length;
  const inStage = stage === "all" ? open.value : open.value.filter((r) => stageOf(r) === stage);
  const rows = flag === "due_soon" ? inStage.filter((r) => r.dueSoon) : flag === "overdue" ? inStage.filter((r) => r.overdue) : inStage;
  const closed = stage === "closed" ? await listClosedRequests(actor) : null;
  const mayConfirm = can(actor, "request.confirm");
  const mayAssign = can(actor, "request.assign");
  const departments = mayAssign && (stage === "awaiting_assignment" || stage === "all") ? await assignableDepartments() : [];
  const overdue = open.value.filter((r) => r.overdue).length;
  const dueSoon = open.value.filter((r) => r.dueSoon).length;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-xl font-semibold">依申请公开</h1>
        {can(actor, "request.register") && (
          <Link href="/console/requests/new" className={buttonClass()}>
            登记申请
          </Link>
        )}
      </div>
      {(overdue > 0 || dueSoon > 0) && (
        <Alert tone={overdue > 0 ? "error" : "info"}>
          {overdue > 0 && (
            <>
              <Link href="/console/requests?flag=overdue" className="underline">
                已逾期 {overdue} 件
              </Link>
              。
            </>
          )}
          {dueSoon > 0 && (
            <>
              <Link href="/console/requests?flag=due_soon" className="underline">
                即将到期（剩余不超过 {DUE_SOON_DAYS} 个工作日）{dueSoon} 件
              </Link>
              。
            </>
          )}
        </Alert>
      )}
      <nav aria-label="按办理阶段筛选">
        <ul className="flex flex-wrap gap-2">
          {QUEUE_STAGES.map((s) => (
            <li key={s}>
              <Link
                href={s === "all" ? "/console/requests" : `/console/requests?stage=${s}`}
                aria-current={s === stage ? "page" : undefined}
                className={`inline-flex items-center gap-1 rounded-full px-3 py-1 text-sm ring-1 ring-inset ${
                  s === stage ? "bg-gov-red text-white ring-gov-red" : "bg-white text-gray-800 ring-gray-300 hover:bg-gray-50"
                }`}
              >
                {QUEUE_STAGE_LABELS[s]}
                {s !== "closed" && <span data-testid={`stage-count-${s}`}>（{counts[s]}）</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Card title={flag ? `${QUEUE_STAGE_LABELS[stage]} · ${REQUEST_FLAG_LABELS[flag]}` : QUEUE_STAGE_LABELS[stage]}>
        {flag && (
          <p className="mb-3 text-sm text-gray-700">
            仅显示{REQUEST_FLAG_LABELS[flag]}的申请。
            <Link href={stage === "all" ? "/console/requests" : `/console/requests?stage=${stage}`} className="text-gov-red underline">
              显示全部
            </Link>
          </p>
        )}
        {closed ? (
          closed.ok ? <ClosedQueueTable rows={closed.value} /> : <Alert>{closed.message}</Alert>
        ) : (
          <OpenQueueTable
            rows={rows}
            action={
              mayConfirm || mayAssign
                ? (r) => {
                    if (r.status === "RECEIVED_ONLINE" && mayConfirm) return <ConfirmButton action={confirmApplicationAction.bind(null, r.id)} />;
                    if (r.status === "REGISTERED" && mayAssign && departments.length > 0)
                      return <AssignForm action={assignRequestAction.bind(null, r.id)} departments={departments} idSuffix={r.id} />;
                    return null;
                  }
                : undefined
            }
          />
        )}
      </Card>
      <p className="text-xs text-gray-600">
        答复期限按收到申请之日起 20 个工作日计算（条例第三十三条），已计入补正、征求意见、延期和节假日；标“推算”的期限跨入尚未公布节假日安排的年份。申请人信息在列表中隐去，打开申请查看。
      </p>
    </div>
  );
}
