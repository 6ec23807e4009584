import "server-only";
import { chinaDate } from "@/lib/domain/dates";
import type { ClockEvent } from "@/lib/domain/requests/clock-events";
import { computeFee } from "@/lib/domain/requests/fees";
import { isPlaceholder, type LetterFields, type LetterTemplate } from "@/lib/domain/requests/letters";
import { feeFields, type NoticeKind } from "@/lib/domain/requests/letters-notices";
import { REPLY_TEMPLATE_OUTCOME, replyTemplatesFor, type ReplyTemplateKey } from "@/lib/domain/requests/letters-replies";
import type { Outcome } from "@/lib/domain/requests/outcomes";
import { parseTrackingCode } from "@/lib/domain/requests/tracking-code";
import { CHANNEL_LABELS, type Channel } from "@/lib/domain/requests/vocabulary";
import { env } from "@/lib/env";
import { attachmentDisposition, EXPORT_MIME, renderDocument } from "@/lib/export";
import { fillTemplate } from "@/lib/export/letters";
import { getSiteSettings } from "@/lib/server/admin/site-settings";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { handlesPersonalData, requestScope } from "@/lib/server/platform/authz";
import { trackingCodeHash, unseal } from "@/lib/server/platform/crypto";
import { db } from "@/lib/server/platform/db";
import { invalid, notFound, ok, type Result } from "@/lib/server/platform/result";
import { refuseNotFound, type Target } from "@/lib/server/platform/use-case";
import type { PersonalData } from "./intake";
import { clockOf, isoDate, todayOf, toClockEvent } from "./shared";
import { loadLetterTemplate } from "./templates";
import { needsBasis, replyFormFields } from "@/lib/domain/requests/reply-fields";

export { loadLetterTemplate } from "./templates";

/*
 * A request's letters as files: the 答复书 (from the template of the reply's outcome, or the one the
 * drafter chose) and the notices its clock events sent. The fields come from the request, the reply
 * document, the clock, the bureau (BUREAU_NAME) and the site settings; fillTemplate refuses a letter
 * with any field missing, by name — a letter with "{申请人}" left in it is never sent.
 *
 * 答复日期 (docs/decisions.md "Request letters"): the 送达日 once delivered (the reply counts as
 * given that day, 国办公开办函〔2016〕235号), the approval day while approved and not yet sent, and
 * today on a draft, which also carries 草稿 and no 文号 (the number is assigned on approval).
 */

export type RenderedFile = { bytes: Uint8Array; fileName: string; mime: string };
type Format = "docx" | "pdf";

/** What a draft prints where its 文号 will be (no braces: fillLetter would refuse them). */
export const DRAFT_NUMBER = "（审核同意后编号）";
/** The reply document field that names the template chosen among an outcome's letters. */
export const TEMPLATE_KEY_FIELD = "templateKey";

const NOT_TRACKABLE = "未查询到可下载的答复书。答复书送达后方可下载，请核对查询码。";

const requestInclude = { events: { orderBy: { seq: "asc" } }, documents: { orderBy: { createdAt: "asc" } }, fees: true } as const;

async function loadRequest(where: object) {
  return db().disclosureRequest.findFirst({ where, include: requestInclude });
}
type LoadedRow = NonNullable<Awaited<ReturnType<typeof loadRequest>>>;
type DocumentRow = LoadedRow["documents"][number];

/** The template a reply prints: the drafter's choice when it fits the outcome, else the outcome's first. */
export function replyTemplateKey(outcome: Outcome, fields: unknown): ReplyTemplateKey | null {
  const chosen = fields && typeof fields === "object" ? (fields as Record<string, unknown>)[TEMPLATE_KEY_FIELD] : undefined;
  if (typeof chosen === "string" && Object.hasOwn(REPLY_TEMPLATE_OUTCOME, chosen) && REPLY_TEMPLATE_OUTCOME[chosen as ReplyTemplateKey] === outcome) {
    return chosen as ReplyTemplateKey;
  }
  return replyTemplatesFor(outcome)[0] ?? null;
}

/** The placeholder values a document's `fields` JSON holds (what the drafter typed), as strings. */
function enteredFields(fields: unknown): LetterFields {
  const out: LetterFields = {};
  if (!fields || typeof fields !== "object") return out;
  for (const [name, value] of Object.entries(fields as Record<string, unknown>)) {
    if (isPlaceholder(name) && (typeof value === "string" || typeof value === "number")) out[name] = String(value);
  }
  return out;
}

/**
 * Of what a reply draft stored, only the placeholders its template asks the clerk to type
 * (replyFormFields), and 法律依据 where the template leaves it to the clerk; never a system field.
 */
export function clerkFields(template: LetterTemplate, stored: unknown): LetterFields {
  const asked = new Set<string>(replyFormFields(template).map((f) => f.name));
  if (needsBasis(template)) asked.add("法律依据");
  return Object.fromEntries(Object.entries(enteredFields(stored)).filter(([name]) => asked.has(name)));
}

const defined = (fields: LetterFields): LetterFields => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null && v !== ""));

/** 机关名称 and what the office set in 站点设置 (复议机关, 联系电话, 回复地址, 查询网址, 缴费方式). */
export async function bureauFields(): Promise<LetterFields> {
  const { settings } = await getSiteSettings();
  const address = settings.address?.trim();
  return {
    机关名称: env().BUREAU_NAME,
    复议机关: settings.reviewAuthority,
    联系电话: settings.phone?.trim() || undefined,
    回复地址: address ? (settings.postalCode ? `${address}（邮政编码：${settings.postalCode}）` : address) : undefined,
    查询网址: settings.trackUrl,
    缴费方式: settings.feePaymentMethod,
  };
}

/** The applicant as the letter names them: in clear for those handling it, masked for anyone else. */
function applicantName(row: LoadedRow, clear: boolean): string | undefined {
  if (clear && row.personalData) return unseal<Partial<PersonalData>>(row.personalData).name || undefined;
  return row.applicantNameMasked || undefined;
}

/** The request's own fields and those its clock derives (答复期限, 补正 and 收费 dates, 期限说明). */
async function requestFields(row: LoadedRow, events: ClockEvent[], clear: boolean, today: string): Promise<LetterFields> {
  const fields: LetterFields = {
    申请人: applicantName(row, clear),
    收到日期: row.receivedOn ? isoDate(row.receivedOn) : undefined,
    申请内容: row.description.trim() || undefined,
    申请方式: CHANNEL_LABELS[row.channel as Channel],
  };
  const clock = row.receivedOn ? await clockOf(events, today) : null;
  if (clock?.ok) {
    fields.答复期限 = clock.due ?? undefined;
    if (clock.provisional) {
      fields.期限说明 = `答复期限跨越${clock.uncoveredYears.join("、")}年，该年度节假日安排国务院办公厅尚未公布，暂按法定节假日推算；如有调整，以调整后的工作日计算。`;
    }
    if (clock.correction) fields.补正期限 = clock.correction.deadline;
    if (clock.correction?.receivedOn) fields.补正收到日期 = clock.correction.receivedOn;
    if (clock.fee) fields.缴费期限 = clock.fee.windowEnd;
  }
  const correction = events.find((e) => e.type === "CORRECTION_REQUESTED");
  if (correction) fields.补正告知日期 = correction.on;
  const fee = events.find((e) => e.type === "FEE_NOTICE");
  if (fee) fields.收费通知日期 = fee.on;
  return fields;
}

function fileNameOf(row: LoadedRow, title: string, suffix = ""): string {
  return `${title}${row.number ? `-${row.number}` : ""}${suffix}`;
}

async function render(template: LetterTemplate, fields: LetterFields, format: Format, baseName: string, draft: boolean): Promise<Result<RenderedFile>> {
  const filled = fillTemplate(template, fields, { draft });
  if (!filled.ok) return invalid({ letter: filled.message.split("\n") }, `文书无法生成，请先补全以下内容：\n${filled.message}`);
  const bytes = await renderDocument(filled.document, format);
  return ok({ bytes: new Uint8Array(bytes), fileName: `${baseName}${EXPORT_MIME[format].extension}`, mime: EXPORT_MIME[format].contentType });
}

/** The 答复书 of a reply document: every field assembled, 草稿 until approved. */
async function renderReply(row: LoadedRow, doc: DocumentRow, clear: boolean, format: Format, now: Date): Promise<Result<RenderedFile>> {
  const key = doc.outcome ? replyTemplateKey(doc.outcome as Outcome, doc.fields) : null;
  if (!key) return invalid({ letter: ["答复尚未选择办理结果"] }, "答复尚未选择办理结果，无法生成答复书。");
  const template = await loadLetterTemplate(key);
  const today = todayOf(now);
  const events = row.events.map(toClockEvent);
  const draft = !doc.approvedAt || !!doc.returnedAt;
  const stored = (doc.fields ?? {}) as Record<string, unknown>;
  const entered = clerkFields(template, stored);
  const body = typeof stored.body === "string" ? stored.body.trim() : "";
  const basis = typeof stored.basis === "string" ? stored.basis.trim() : "";
  // The clerk's fields first, then every value the system knows: a typed 申请人 or 收到日期 never wins.
  const fields: LetterFields = {
    ...(body ? { 告知内容: body } : {}),
    ...entered,
    ...defined(await requestFields(row, events, clear, today)),
    ...defined(await bureauFields()),
    文号: draft ? DRAFT_NUMBER : (doc.number ?? row.replyNumber ?? undefined),
    答复日期: doc.deliveredOn ? isoDate(doc.deliveredOn) : !draft && doc.approvedAt ? chinaDate(doc.approvedAt) : today,
  };
  // Only a template without its own article takes the drafter's; the others print theirs (fillLetter refuses both).
  if (template.basis === undefined) fields.法律依据 = entered.法律依据 ?? (basis || undefined);
  else delete fields.法律依据;
  return render(template, fields, format, fileNameOf(row, draft ? "答复书（草稿）" : "答复书"), draft);
}

/** Console download of a request's document: the reply; drafts marked 草稿 until approved. */
export async function renderRequestDocument(actor: Actor, requestId: string, documentId: string, format: Format, now = new Date()): Promise<Result<RenderedFile>> {
  const target: Target = { action: "request.document", entity: "DisclosureRequest", entityId: typeof requestId === "string" ? requestId.slice(0, 64) : undefined };
  const valid = typeof requestId === "string" && requestId.length <= 64 && typeof documentId === "string" && documentId.length <= 64;
  const row = valid ? await loadRequest({ AND: [{ id: requestId }, requestScope(actor)] }) : null;
  const doc = row?.documents.find((d) => d.id === documentId && d.kind === "REPLY");
  if (!row || !doc) return refuseNotFound(actor, target, "未找到该答复书，或您无权查看。");
  const result = await renderReply(row, doc, handlesPersonalData(actor, row), format, now);
  if (result.ok) await audit(null, { actor, ...target, detail: { documentId, format } });
  return result;
}

/** Which notice a clock event sends, and the template it prints from. */
const NOTICE_OF: Partial<Record<ClockEvent["type"], { kind: NoticeKind; title: string; document: DocumentRow["kind"] }>> = {
  CORRECTION_REQUESTED: { kind: "correction", title: "补正告知书", document: "CORRECTION_NOTICE" },
  EXTENDED: { kind: "extension", title: "延期答复告知书", document: "EXTENSION_NOTICE" },
  CONSULTATION_STARTED: { kind: "third_party", title: "第三方意见征询函", document: "THIRD_PARTY_LETTER" },
  FEE_NOTICE: { kind: "fee", title: "收费通知书", document: "FEE_NOTICE" },
};

/**
 * A notice's 文号 when its document has none: 依申请〔2026〕0012号 from the request's 登记编号 (the
 * office keeps no separate notice series; the title says which notice it is), -N for a second 征询函.
 */
function noticeNumber(row: LoadedRow, nth: number): string | undefined {
  const m = row.number ? /^(\d{4})-(\d+)$/.exec(row.number) : null;
  if (!m) return row.number ?? undefined;
  return `依申请〔${m[1]}〕${m[2]}号${nth > 1 ? `-${nth}` : ""}`;
}

/** The 收费明细 of the request's fee: 按量 is recomputed; 按件's earlier pieces of the month are not kept, so it states the total. */
function feeDetail(fee: LoadedRow["fees"][number] | undefined): LetterFields {
  if (!fee) return {};
  if (fee.method === "per_page") return feeFields(computeFee({ method: "per_page", pages: fee.quantity }));
  const basisText = "收费依据：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），按超额累进方式计算。";
  return { 收费明细: [`按件计收：本申请计${fee.quantity}件。`, `合计${fee.amountYuan}元。`, basisText].join("\n"), 收费金额: String(fee.amountYuan) };
}

async function noticeFields(row: LoadedRow, seq: number, clear: boolean, today: string): Promise<Result<{ kind: NoticeKind; title: string; fields: LetterFields; nth: number }>> {
  const index = row.events.findIndex((e) => e.seq === seq);
  const events = row.events.map(toClockEvent);
  const event = events[index];
  const notice = event ? NOTICE_OF[event.type] : undefined;
  if (!event || !notice || (event.type === "CONSULTATION_STARTED" && event.party !== "third_party")) {
    return notFound("该办理事项没有告知书。");
  }
  const same = events.slice(0, index + 1).filter((e) => e.type === event.type && (e.type !== "CONSULTATION_STARTED" || e.party === "third_party"));
  const docs = row.documents.filter((d) => d.kind === notice.document);
  const doc = event.type === "CONSULTATION_STARTED" ? docs.find((d) => (d.fields as { id?: unknown } | null)?.id === event.id) : docs[0];
  const fields: LetterFields = { ...(await requestFields(row, events, clear, today)), ...(await bureauFields()) };
  fields.成文日期 = event.on;
  fields.文号 = doc?.number ?? noticeNumber(row, same.length);
  if (event.type === "EXTENDED") {
    const before = await clockOf(events.slice(0, index), today);
    const after = await clockOf(events.slice(0, index + 1), today);
    fields.原答复期限 = before.ok ? (before.due ?? undefined) : undefined;
    fields.新答复期限 = after.ok ? (after.due ?? undefined) : undefined;
    fields.延长工作日数 = String(event.days);
  }
  if (event.type === "CONSULTATION_STARTED") {
    fields.第三方 = event.name;
    fields.征询信息 = row.description.trim() || undefined;
  }
  if (event.type === "FEE_NOTICE") Object.assign(fields, feeDetail(row.fees[0]));
  Object.assign(fields, enteredFields((row.events[index].data as object) ?? {}), enteredFields(doc?.fields));
  // The 征询函 goes to the third party: it never names the applicant (docs/request-letters.md 3).
  if (event.type === "CONSULTATION_STARTED") delete fields.申请人;
  return ok({ kind: notice.kind, title: notice.title, fields, nth: same.length });
}

/**
 * Console download of a notice a clock event sent: 补正告知书, 延期答复告知书, 第三方意见征询函,
 * 收费通知书. `seq` is the RequestEvent's seq.
 */
export async function renderRequestNotice(actor: Actor, requestId: string, seq: number, format: Format, now = new Date()): Promise<Result<RenderedFile>> {
  const target: Target = { action: "request.document", entity: "DisclosureRequest", entityId: typeof requestId === "string" ? requestId.slice(0, 64) : undefined };
  const valid = typeof requestId === "string" && requestId.length <= 64 && Number.isSafeInteger(seq) && seq > 0;
  const row = valid ? await loadRequest({ AND: [{ id: requestId }, requestScope(actor)] }) : null;
  if (!row) return refuseNotFound(actor, target, "未找到该申请，或您无权查看。");
  const notice = await noticeFields(row, seq, handlesPersonalData(actor, row), todayOf(now));
  if (!notice.ok) return notice;
  const { kind, title, fields, nth } = notice.value;
  const result = await render(await loadLetterTemplate(kind), fields, format, fileNameOf(row, title, nth > 1 ? `-${nth}` : ""), false);
  if (result.ok) await audit(null, { actor, ...target, detail: { seq, kind, format } });
  return result;
}

/**
 * /track download: the applicant's own reply, once delivered. An unknown, malformed or unconfirmed
 * code and an undelivered reply all get the same answer, so the code's existence leaks nothing.
 */
export async function renderTrackedReply(code: string, format: Format, now = new Date()): Promise<Result<RenderedFile>> {
  const parsed = parseTrackingCode(typeof code === "string" ? code.slice(0, 200) : "");
  if (!parsed.ok || (format !== "pdf" && format !== "docx")) return notFound(NOT_TRACKABLE);
  const row = await loadRequest({ trackingCodeHash: trackingCodeHash(parsed.code) });
  // An unconfirmed application has no reply, let alone a delivered one: one check answers both.
  if (!row) return notFound(NOT_TRACKABLE);
  const doc = [...row.documents].reverse().find((d) => d.kind === "REPLY" && d.deliveredOn && d.approvedAt && !d.returnedAt);
  if (!doc) return notFound(NOT_TRACKABLE);
  const result = await renderReply(row, doc, true, format, now);
  if (result.ok) await audit(null, { actorName: "公众", action: "request.document", entity: "DisclosureRequest", entityId: row.id, detail: { documentId: doc.id, format, via: "track" } });
  return result.ok ? result : notFound(NOT_TRACKABLE);
}

/** The HTTP response of a rendered file: its Chinese name kept (RFC 5987), never cached. */
export function fileResponse(file: RenderedFile): Response {
  const format: Format = file.fileName.endsWith(".docx") ? "docx" : "pdf";
  const base = file.fileName.slice(0, -EXPORT_MIME[format].extension.length);
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": attachmentDisposition(base, format),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

export const isDocumentFormat = (value: unknown): value is Format => value === "pdf" || value === "docx";
