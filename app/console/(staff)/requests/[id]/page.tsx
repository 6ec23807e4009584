import Link from "next/link";
import { notFound } from "next/navigation";
import { ClockEventForm, type ClockEventChoice } from "@/components/console/requests/clock-event-form";
import { ClockPanel } from "@/components/console/requests/clock-panel";
import { FeePanel } from "@/components/console/requests/fee-panel";
import { AssignForm, ConfirmButton } from "@/components/console/requests/queue-actions";
import { DeliverForm, DraftReplyForm, ReviewReplyForms } from "@/components/console/requests/reply-forms";
import { DownloadLinks, RequestTimeline } from "@/components/console/requests/request-timeline";
import { SimilarRequests } from "@/components/console/requests/similar-requests";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { chinaDate, formatChineseDate } from "@/lib/domain/dates";
import { REPLY_TEMPLATE_KEYS, type ReplyTemplateKey } from "@/lib/domain/requests/letters-replies";
import type { LetterTemplate } from "@/lib/domain/requests/letters";
import { OUTCOME_KEYS, isOutcome, outcomeLedgerLabel, type Outcome } from "@/lib/domain/requests/outcomes";
import { RECEIPT_RULES } from "@/lib/domain/requests/receipt";
import {
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  DELIVERY_FORM_LABELS,
  DELIVERY_METHOD_LABELS,
  ID_DOCUMENT_TYPE_LABELS,
  type ApplicantType,
  type Channel,
  type DeliveryForm,
  type DeliveryMethod,
  type IdDocumentType,
} from "@/lib/domain/requests/vocabulary";
import { requireActor } from "@/lib/server/platform/auth";
import { loadLetterTemplate } from "@/lib/server/requests/documents";
import { outcomeRefusal } from "@/lib/server/requests/reply";
import { feePanelProps } from "@/lib/server/requests/fees";
import { allowedRequestActions, assignableDepartments, currentReply, getRequestForStaff, publishedItemsForReply, staffNames } from "@/lib/server/requests/views";
import {
  approveReplyAction,
  assignRequestAction,
  confirmApplicationAction,
  deliverReplyAction,
  draftReplyAction,
  recordClockEventAction,
  returnReplyAction,
  type Done,
} from "../actions";

export const metadata = { title: "依申请公开申请" };

const DONE_TEXT: Record<Done, string> = {
  confirmed: "已确认收到。",
  assigned: "已分办。",
  event: "已登记办理事项，答复期限已重新计算。",
  drafted: "答复已起草，等待审核。",
  approved: "答复已审核同意，已生成文号。",
  returned: "答复已退回修改。",
  delivered: "已登记送达，申请已办结。",
};

const label = <K extends string>(labels: Record<K, string>, key: string | null | undefined) => (key && key in labels ? labels[key as K] : "—");

function Row({ term, children, testId }: { term: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-gray-500">{term}</dt>
      <dd className="[overflow-wrap:anywhere]" data-testid={testId}>
        {children || "—"}
      </dd>
    </div>
  );
}

/** The 答复书 templates in force (the office's edits, else the defaults): the draft form lists their fields. */
async function replyTemplates(): Promise<Record<ReplyTemplateKey, LetterTemplate>> {
  const loaded = await Promise.all(REPLY_TEMPLATE_KEYS.map(async (k) => [k, await loadLetterTemplate(k)] as const));
  return Object.fromEntries(loaded) as Record<ReplyTemplateKey, LetterTemplate>;
}

export default async function RequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const found = await getRequestForStaff(actor, id);
  if (!found.ok) notFound();
  const r = found.value;
  const done = (await searchParams).done;
  const notice = done && done in DONE_TEXT ? DONE_TEXT[done as Done] : null;
  const today = chinaDate(new Date());
  const allowed = allowedRequestActions(actor, r);
  const reply = currentReply(r);
  const replies = r.documents.filter((d) => d.kind === "REPLY");
  const names = await staffNames([...r.events.map((e) => e.actorId), ...replies.flatMap((d) => [d.draftedById, d.approvedById])]);
  const clock = r.clock;
  const a = r.applicant;

  // 办理事项 the actor may record now (decideRequest says which transition; the clock says the rest).
  const choices: ClockEventChoice[] = [];
  if (allowed.includes("request_correction")) choices.push("CORRECTION_REQUESTED");
  if (allowed.includes("receive_correction")) choices.push("CORRECTION_RECEIVED");
  const openConsultations = (clock?.consultations ?? []).filter((c) => c.endedOn === null);
  if (allowed.includes("clock_event")) {
    choices.push("CONSULTATION_STARTED");
    if (openConsultations.length > 0) choices.push("CONSULTATION_ENDED");
    if (!clock?.extension) choices.push("EXTENDED");
    if (!clock?.custom) choices.push("CUSTOM_DEADLINE");
  }

  // Outcomes the clock offers (draftReply's own rule): 其他处理-1/-2 only once their deadline has
  // lapsed, 无法提供-3 only after a 补正 was received; while a 补正 is awaited, only 其他处理-1.
  const offers = clock ?? { offersNoCorrection: false, offersFeeUnpaid: false, correction: null };
  const available: Outcome[] = OUTCOME_KEYS.filter((k) => outcomeRefusal(k, r.status, offers) === null);
  const correctionEvent = r.events.find((e) => e.event.type === "CORRECTION_REQUESTED")?.event;
  const defaults: Record<string, string> = {};
  if (correctionEvent?.type === "CORRECTION_REQUESTED") {
    defaults.补正告知日期 = correctionEvent.on;
    defaults.补正期限 = correctionEvent.deadline;
  }
  if (clock?.correction?.receivedOn) defaults.补正收到日期 = clock.correction.receivedOn;
  if (clock?.fee) {
    defaults.收费通知日期 = clock.fee.noticeOn;
    defaults.缴费期限 = clock.fee.windowEnd;
  }
  const draftOpen = allowed.includes("draft_reply") && available.length > 0;
  const approvedOn = reply?.approvedAt ? chinaDate(reply.approvedAt) : null;
  const suggestedWay = r.deliveryMethod === "pickup" ? "in_person" : r.deliveryMethod && ["post", "email", "online"].includes(r.deliveryMethod) ? r.deliveryMethod : "post";
  const departments = allowed.includes("assign") ? await assignableDepartments() : [];

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
      <div className="space-y-6">
        <p className="text-sm">
          <Link href="/console/requests" className="text-gov-red hover:underline">
            ← 依申请公开
          </Link>
        </p>
        {notice && <Alert tone="success">{notice}</Alert>}
        <Card
          title={<span data-testid="request-number">{r.number ? `申请 ${r.number}` : "在线申请（待确认）"}</span>}
          action={
            <span className="rounded bg-gray-100 px-2 py-0.5 text-sm font-medium text-gray-800" data-testid="request-status">
              {r.statusLabel}
            </span>
          }
        >
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
            <Row term="申请渠道">{label(CHANNEL_LABELS, r.channel)}</Row>
            <Row term="收到日" testId="received-on">
              {r.receivedOn ? formatChineseDate(r.receivedOn) : "待确认"}
            </Row>
            <Row term="承办处室" testId="request-department">
              {r.department?.name ?? "未分办"}
            </Row>
            {r.replyNumber && (
              <Row term="答复书文号" testId="reply-number">
                {r.replyNumber}
              </Row>
            )}
            {r.outcome && isOutcome(r.outcome) && <Row term="办理结果">{outcomeLedgerLabel(r.outcome)}</Row>}
            {r.closedOn && <Row term="办结日（送达日）">{formatChineseDate(r.closedOn)}</Row>}
          </dl>
          <p className="mt-3 text-xs text-gray-600">{RECEIPT_RULES[r.channel as Channel]?.text}</p>
        </Card>

        <Card title="申请人">
          {!a.clear && <p className="mb-2 text-xs text-gray-600">您不是该申请的承办人员，申请人个人信息已隐去。</p>}
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3" data-testid="applicant">
            <Row term="申请人类型">{label(APPLICANT_TYPE_LABELS, r.applicantType as ApplicantType)}</Row>
            <Row term="姓名或名称">{a.name}</Row>
            <Row term={r.idType ? label(ID_DOCUMENT_TYPE_LABELS, r.idType as IdDocumentType) : "证件"}>{a.idNumber}</Row>
            {(a.legalRepresentative || !a.clear) && <Row term="法定代表人">{a.legalRepresentative}</Row>}
            {(a.contactPerson || !a.clear) && <Row term="联系人">{a.contactPerson}</Row>}
            <Row term="联系电话">{a.phone}</Row>
            <Row term="电子邮箱">{a.email}</Row>
            <Row term="通信地址">{[a.address, a.postcode].filter(Boolean).join(" ")}</Row>
          </dl>
          {r.hasIdCopy && (
            <p className="mt-3 text-sm">
              <a href={`/console/requests/${r.id}/id-copy`} className="text-gov-red hover:underline" data-testid="id-copy-link">
                查看身份证明复印件
              </a>
            </p>
          )}
        </Card>

        <Card title="申请内容">
          <p className="text-sm whitespace-pre-line [overflow-wrap:anywhere]" data-testid="request-description">
            {r.description || "（未填写）"}
          </p>
          <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
            <Row term="用途">{r.purpose}</Row>
            <Row term="获取信息的形式">{label(DELIVERY_FORM_LABELS, r.deliveryForm as DeliveryForm)}</Row>
            <Row term="获取信息的方式">{label(DELIVERY_METHOD_LABELS, r.deliveryMethod as DeliveryMethod)}</Row>
          </dl>
          <SimilarRequests requestId={r.id} />
        </Card>

        {clock ? <ClockPanel clock={clock} /> : <Card title="答复期限"><p className="text-sm text-gray-600">在线申请经确认收到后开始计算答复期限（条例第三十一条）。</p></Card>}

        {reply && (
          <Card title="答复书">
            <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm">
              <Row term="办理结果" testId="reply-outcome">
                {reply.outcome && isOutcome(reply.outcome) ? outcomeLedgerLabel(reply.outcome) : "—"}
              </Row>
              <Row term="文号">{reply.number ?? "审核同意后生成"}</Row>
              <Row term="起草人">{names[reply.draftedById] ?? "—"}</Row>
              <Row term="审核人">{reply.approvedById ? (names[reply.approvedById] ?? "—") : "待审核"}</Row>
            </dl>
            <div className="mt-3">
              <DownloadLinks base={`/console/requests/${r.id}/documents/${reply.id}`} label={reply.number ? "答复书" : "答复书（草稿）"} />
            </div>
          </Card>
        )}

        <RequestTimeline requestId={r.id} events={r.events} replies={replies} names={names} />
      </div>

      <aside className="space-y-6">
        {allowed.includes("confirm") && (
          <Card title="确认收到">
            <p className="mb-2 text-sm text-gray-700">{RECEIPT_RULES.online.text}</p>
            <ConfirmButton action={confirmApplicationAction.bind(null, r.id)} from="page" label="确认收到（今天为收到日）" />
          </Card>
        )}
        {allowed.includes("assign") && (
          <Card title={r.department ? "改派承办处室" : "分办"}>
            <AssignForm action={assignRequestAction.bind(null, r.id)} departments={departments} current={r.department?.id} from="page" idSuffix="page" />
          </Card>
        )}
        {choices.length > 0 && (
          <Card title="登记办理事项">
            <ClockEventForm
              action={recordClockEventAction.bind(null, r.id)}
              choices={choices}
              openConsultations={openConsultations.map((c) => ({ id: c.id, label: `${c.name ?? (c.party === "third_party" ? "第三方" : "其他机关")}（${formatChineseDate(c.startedOn)} 发出）` }))}
              today={today}
            />
          </Card>
        )}
        {draftOpen && (
          <Card title="起草答复">
            {replies.at(-1)?.returnedAt && (
              <div className="mb-3">
                <Alert tone="info">上一稿已被退回：{replies.at(-1)?.returnComment}</Alert>
              </div>
            )}
            <DraftReplyForm
              action={draftReplyAction.bind(null, r.id)}
              templates={await replyTemplates()}
              available={available}
              defaults={defaults}
              published={await publishedItemsForReply()}
            />
          </Card>
        )}
        {allowed.includes("approve_reply") && (
          <Card title="审核答复">
            <ReviewReplyForms approve={approveReplyAction.bind(null, r.id)} reject={returnReplyAction.bind(null, r.id)} />
          </Card>
        )}
        {r.status === "REPLY_DRAFTED" && !allowed.includes("approve_reply") && reply?.draftedById === actor.id && (
          <Alert tone="info">答复已提交，等待处室负责人或分管领导审核（不能审核本人起草的答复）。</Alert>
        )}
        {allowed.includes("deliver_reply") && (
          <Card title="送达">
            <DeliverForm action={deliverReplyAction.bind(null, r.id)} today={today} approvedOn={approvedOn} suggested={suggestedWay} />
          </Card>
        )}
        {r.status !== "RECEIVED_ONLINE" && <FeePanel {...await feePanelProps(actor, r)} />}
        {allowed.length === 0 && r.status !== "CLOSED" && <p className="text-sm text-gray-600">当前无需您处理。</p>}
      </aside>
    </div>
  );
}
