import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { trackingCodeFromBytes, TRACKING_CODE_BYTES } from "@/lib/domain/requests/tracking-code";
import { DEFAULT_NOTICE_TEMPLATES } from "@/lib/domain/requests/letters-notices";
import { DEFAULT_REPLY_TEMPLATES } from "@/lib/domain/requests/letters-replies";
import { getSiteSettings } from "@/lib/server/admin/site-settings";
import { db } from "@/lib/server/platform/db";
import { recordClockEvent } from "@/lib/server/requests/events";
import { assignRequest, confirmApplication, registerRequest, submitOnlineApplication } from "@/lib/server/requests/intake";
import { renderRequestDocument, renderRequestNotice, renderTrackedReply } from "@/lib/server/requests/documents";
import { approveReply, deliverReply, draftReply } from "@/lib/server/requests/reply";
import { getLetterTemplate, previewLetterTemplate, resetLetterTemplate, saveLetterTemplate, templateEditFromForm } from "@/lib/server/requests/templates";
import { seedBureau, type Bureau } from "../support/bureau";
import { pdfText } from "../support/pdf-text";
import { applicationInput, at, deniedAudits, must, walkIn } from "../support/requests";

/** 答复书 and 告知书 as files: fields from the request, the reply, the clock and the settings. */

let b: Bureau;
let reviewAuthority: string;
beforeAll(async () => {
  b = await seedBureau();
  // Only fills what is unset: the settings are shared with other test files.
  await db().siteSetting.createMany({
    data: [
      { key: "letters.reviewAuthority", value: "吉林市人民政府" },
      { key: "guide.phone", value: "0432-62000000" },
      { key: "guide.address", value: "吉林市船营区松江中路1号" },
      { key: "letters.feePaymentMethod", value: "银行转账至吉林市财政局非税收入账户" },
    ],
    skipDuplicates: true,
  });
  reviewAuthority = (await getSiteSettings()).settings.reviewAuthority!;
});

const GRANTED_FIELDS = { 信息名称: "2025年度科技计划项目立项名单", 提供方式: "电子邮件发送至您预留的邮箱" };

/** A walk-in on 2026-03-02, handled, its reply drafted with the fields the granted letter needs. */
async function drafted(fields: Record<string, unknown> = GRANTED_FIELDS, name = "张三丰") {
  const r = must(await registerRequest(b.people.office, walkIn("2026-03-02", { name }), at("2026-03-02")));
  must(await assignRequest(b.people.office, r.id, b.dept.id));
  const { documentId } = must(await draftReply(b.people.liaison, r.id, { outcome: "granted", body: "", fields }, at("2026-03-05")));
  return { ...r, documentId };
}

async function delivered(name = "张三丰") {
  const r = await drafted(GRANTED_FIELDS, name);
  const { replyNumber } = must(await approveReply(b.people.head, r.id, at("2026-03-06")));
  must(await deliverReply(b.people.office, r.id, "2026-03-09", at("2026-03-09")));
  return { ...r, replyNumber };
}

describe("the reply (答复书)", () => {
  test("a delivered reply carries its 文号, the applicant, the dates and the remedy — and no placeholder", async () => {
    const r = await delivered("欧阳明月");
    const file = must(await renderRequestDocument(b.people.office, r.id, r.documentId, "pdf", at("2026-03-10")));
    expect(file.mime).toBe("application/pdf");
    expect(file.fileName).toBe(`答复书-${r.number}.pdf`);
    const text = await pdfText(Buffer.from(file.bytes));
    expect(text).toContain(r.replyNumber);
    expect(text).toContain("欧阳明月");
    expect(text).toContain("2026年3月2日"); // 收到日期
    expect(text).toContain("2026年3月9日"); // 答复日期 = the 送达日
    expect(text).toContain(`六十日内向${reviewAuthority}申请行政复议`);
    expect(text).toContain("2025年度科技计划项目立项名单");
    expect(text).not.toMatch(/[{}]/);
    expect(text).not.toContain("草稿");

    const docx = must(await renderRequestDocument(b.people.office, r.id, r.documentId, "docx", at("2026-03-10")));
    expect(docx.fileName).toBe(`答复书-${r.number}.docx`);
    expect(Buffer.from(docx.bytes).subarray(0, 2).toString()).toBe("PK");
  });

  test("a draft carries 草稿 and no 文号; once approved it carries the number and the approval date", async () => {
    const r = await drafted();
    const draft = must(await renderRequestDocument(b.people.liaison, r.id, r.documentId, "pdf", at("2026-03-05")));
    expect(draft.fileName).toBe(`答复书（草稿）-${r.number}.pdf`);
    const text = await pdfText(Buffer.from(draft.bytes));
    expect(text).toContain("草稿");
    expect(text).toContain("审核同意后编号");
    expect(text).not.toMatch(/[{}]/);
    const { replyNumber } = must(await approveReply(b.people.head, r.id, at("2026-03-06")));
    const approved = await pdfText(Buffer.from(must(await renderRequestDocument(b.people.office, r.id, r.documentId, "pdf", at("2026-03-07"))).bytes));
    expect(approved).not.toContain("草稿");
    expect(approved).toContain(replyNumber);
    expect(approved).toContain("2026年3月6日");
  });

  test("a missing field is refused by its placeholder's name, never printed as {占位符}", async () => {
    const r = await drafted({ 信息名称: "某文件" });
    const result = await renderRequestDocument(b.people.office, r.id, r.documentId, "pdf", at("2026-03-05"));
    expect(result).toMatchObject({ ok: false, error: "invalid" });
    expect(!result.ok && result.message).toContain("缺少“提供方式”");
  });

  test("typed system fields (申请人, 收到日期, 机关名称, 复议机关, 答复期限) are not kept and never reach the letter", async () => {
    const forged = { 申请人: "冒名顶替", 收到日期: "2020-01-01", 机关名称: "伪造机关", 复议机关: "伪造复议机关", 答复期限: "2099-01-01" };
    const r = await drafted({ ...GRANTED_FIELDS, ...forged }, "张三丰");
    const doc = await db().requestDocument.findUniqueOrThrow({ where: { id: r.documentId } });
    for (const name of Object.keys(forged)) expect(doc.fields).not.toHaveProperty(name);
    expect(doc.fields).toMatchObject(GRANTED_FIELDS);
    // A draft stored before the check (or written some other way) still prints the system's values.
    await db().requestDocument.update({ where: { id: doc.id }, data: { fields: { ...(doc.fields as object), ...forged } } });
    const text = await pdfText(Buffer.from(must(await renderRequestDocument(b.people.office, r.id, r.documentId, "pdf", at("2026-03-05"))).bytes));
    for (const value of ["冒名顶替", "伪造", "2020年1月1日", "2099"]) expect(text).not.toContain(value);
    expect(text).toContain("张三丰");
    expect(text).toContain("2026年3月2日");
    expect(text).toContain(reviewAuthority);
  });

  test("a 法律依据 typed for a letter that fixes its own article is not printed: the template's is", async () => {
    const r = await drafted({ ...GRANTED_FIELDS, 法律依据: "某某办法第九十九条" });
    const text = await pdfText(Buffer.from(must(await renderRequestDocument(b.people.office, r.id, r.documentId, "pdf", at("2026-03-05"))).bytes));
    expect(text).not.toContain("第九十九条");
    expect(text).toContain(DEFAULT_REPLY_TEMPLATES.granted.basis!);
  });

  test("staff outside the request's scope get not-found and a DENIED audit row", async () => {
    const r = await drafted();
    const before = await deniedAudits(r.id, "request.document");
    for (const who of [b.people.otherLiaison, b.people.otherHead, b.people.otherLeader]) {
      expect(await renderRequestDocument(who, r.id, r.documentId, "pdf")).toMatchObject({ ok: false, error: "not_found" });
      expect(await renderRequestNotice(who, r.id, 1, "pdf")).toMatchObject({ ok: false, error: "not_found" });
    }
    expect(await deniedAudits(r.id, "request.document")).toBe(before + 6);
    // A document id of another request is not found either, even in scope.
    const other = await drafted();
    expect(await renderRequestDocument(b.people.office, r.id, other.documentId, "pdf")).toMatchObject({ ok: false, error: "not_found" });
  });

  test("a 分管领导 in scope gets the letter with the applicant's name masked", async () => {
    const r = await drafted(GRANTED_FIELDS, "司马光明");
    const text = await pdfText(Buffer.from(must(await renderRequestDocument(b.people.leader, r.id, r.documentId, "pdf", at("2026-03-05"))).bytes));
    expect(text).not.toContain("司马光明");
    expect(text).toContain("司***");
  });
});

describe("notices", () => {
  test("补正告知书, 第三方意见征询函 and 延期答复告知书 from their events", async () => {
    const r = must(await registerRequest(b.people.office, walkIn("2026-03-02", { name: "诸葛青云" }), at("2026-03-02")));
    must(await assignRequest(b.people.office, r.id, b.dept.id));
    const correction = must(await recordClockEvent(b.people.office, r.id, { type: "CORRECTION_REQUESTED", on: "2026-03-04", deadline: "2026-03-18" }, at("2026-03-04")));
    // 补正事项 is the clerk's: without it the notice is refused by name.
    const missing = await renderRequestNotice(b.people.office, r.id, correction.seq, "pdf", at("2026-03-04"));
    expect(!missing.ok && missing.message).toContain("缺少“补正事项”");
    const doc = await db().requestDocument.findFirstOrThrow({ where: { requestId: r.id, kind: "CORRECTION_NOTICE" } });
    await db().requestDocument.update({ where: { id: doc.id }, data: { fields: { ...(doc.fields as object), 补正事项: "请写明所需信息的名称或者文号。" } } });
    const notice = must(await renderRequestNotice(b.people.office, r.id, correction.seq, "pdf", at("2026-03-04")));
    expect(notice.fileName).toBe(`补正告知书-${r.number}.pdf`);
    const text = await pdfText(Buffer.from(notice.bytes));
    expect(text).toContain("诸葛青云");
    expect(text).toContain("2026年3月18日");
    expect(text).toContain(`依申请〔2026〕${r.number.slice(5)}号`);
    expect(text).not.toMatch(/[{}]/);

    must(await recordClockEvent(b.people.office, r.id, { type: "CORRECTION_RECEIVED", on: "2026-03-10" }, at("2026-03-10")));
    const consult = must(await recordClockEvent(b.people.office, r.id, { type: "CONSULTATION_STARTED", on: "2026-03-12", party: "third_party", name: "某科技有限公司" }, at("2026-03-12")));
    const letter = await pdfText(Buffer.from(must(await renderRequestNotice(b.people.office, r.id, consult.seq, "pdf", at("2026-03-12"))).bytes));
    expect(letter).toContain("某科技有限公司");
    expect(letter).not.toContain("诸葛青云"); // the third party is not told who asked
    expect(letter).toContain("松江中路1号");

    const extended = must(await recordClockEvent(b.people.office, r.id, { type: "EXTENDED", on: "2026-03-13", days: 10, approver: "王主任" }, at("2026-03-13")));
    const ext = await db().requestDocument.findFirstOrThrow({ where: { requestId: r.id, kind: "EXTENSION_NOTICE" } });
    await db().requestDocument.update({ where: { id: ext.id }, data: { fields: { ...(ext.fields as object), 延期理由: "需要调取档案" } } });
    const extText = await pdfText(Buffer.from(must(await renderRequestNotice(b.people.office, r.id, extended.seq, "pdf", at("2026-03-13"))).bytes));
    expect(extText).toContain("延长10个工作日");
    expect(extText).not.toContain("王主任"); // recorded, not printed

    // An edited 征询函 that names the applicant is refused, never filled with the name.
    const base = DEFAULT_NOTICE_TEMPLATES.third_party;
    const { version } = await getLetterTemplate("third_party");
    const saved = must(await saveLetterTemplate(b.people.office, "third_party", { ...base, paragraphs: [...base.paragraphs, { text: "申请人：{申请人}" }], version }));
    try {
      const leaked = await renderRequestNotice(b.people.office, r.id, consult.seq, "pdf", at("2026-03-12"));
      expect(!leaked.ok && leaked.message).toContain("缺少“申请人”");
    } finally {
      expect(await resetLetterTemplate(b.people.office, "third_party", saved.version)).toMatchObject({ ok: true });
    }

    // An event that sends no notice (收到), and a seq that does not exist
    expect(await renderRequestNotice(b.people.office, r.id, 1, "pdf")).toMatchObject({ ok: false, error: "not_found" });
    expect(await renderRequestNotice(b.people.office, r.id, 99, "pdf")).toMatchObject({ ok: false, error: "not_found" });
  });
});

describe("renderTrackedReply (/track)", () => {
  test("unknown, malformed, unconfirmed and undelivered codes all get the same failure; delivered gets the file", async () => {
    const meta = { ip: "203.0.113.7", userAgent: "test" };
    const online = must(await submitOnlineApplication(applicationInput({ name: "上官飞燕" }), meta, at("2026-03-01")));
    const unconfirmed = await renderTrackedReply(online.trackingCode, "pdf");
    const row = await db().disclosureRequest.findFirstOrThrow({ where: { status: "RECEIVED_ONLINE", submittedAt: at("2026-03-01") }, orderBy: { createdAt: "desc" } });
    must(await confirmApplication(b.people.office, row.id, at("2026-03-02")));
    must(await assignRequest(b.people.office, row.id, b.dept.id));
    const undelivered0 = await renderTrackedReply(online.trackingCode, "pdf");
    const { documentId } = must(await draftReply(b.people.liaison, row.id, { outcome: "granted", fields: GRANTED_FIELDS }, at("2026-03-05")));
    must(await approveReply(b.people.head, row.id, at("2026-03-06")));
    const undelivered = await renderTrackedReply(online.trackingCode, "pdf");
    const unknown = await renderTrackedReply(trackingCodeFromBytes(new Uint8Array(randomBytes(TRACKING_CODE_BYTES))), "pdf");
    const malformed = [await renderTrackedReply("'; drop table", "pdf"), await renderTrackedReply(undefined as unknown as string, "pdf"), await renderTrackedReply("x".repeat(100_000), "docx")];
    const failures = [unconfirmed, undelivered0, undelivered, unknown, ...malformed];
    for (const f of failures) expect(f).toEqual(unconfirmed);
    expect(unconfirmed).toMatchObject({ ok: false, error: "not_found" });

    must(await deliverReply(b.people.office, row.id, "2026-03-09", at("2026-03-09")));
    const file = must(await renderTrackedReply(online.trackingCode, "pdf", at("2026-03-10")));
    const text = await pdfText(Buffer.from(file.bytes));
    expect(text).toContain("上官飞燕");
    expect(text).toContain("2026年3月9日");
    expect(documentId).toBeTruthy();
    expect(must(await renderTrackedReply(online.trackingCode.toLowerCase(), "docx")).fileName).toMatch(/^答复书-2026-\d{4}\.docx$/);
  });
});

describe("editable templates", () => {
  const base = DEFAULT_REPLY_TEMPLATES.granted;
  const edit = (over: Record<string, unknown> = {}) => ({
    title: base.title,
    salutation: base.salutation,
    paragraphs: base.paragraphs.map((p) => ({ ...p })),
    attribute: base.attribute,
    ...over,
  });

  test("an edited template is what renders; 恢复默认 brings the default back; a stale form is refused", async () => {
    const start = await getLetterTemplate("granted");
    // Other test runs may have left an edit behind: begin from the default.
    if (start.customised) expect(await resetLetterTemplate(b.people.office, "granted")).toMatchObject({ ok: true });
    const paragraphs = [...base.paragraphs.map((p) => ({ ...p })), { text: "本局特此说明：{信息名称}已按您选择的方式提供。" }];
    const saved = must(await saveLetterTemplate(b.people.office, "granted", { ...edit({ paragraphs }), version: "" }));
    expect((await getLetterTemplate("granted")).customised).toBe(true);
    try {
      const r = await delivered();
      const text = await pdfText(Buffer.from(must(await renderRequestDocument(b.people.office, r.id, r.documentId, "pdf", at("2026-03-10"))).bytes));
      expect(text).toContain("本局特此说明：2025年度科技计划项目立项名单已按您选择的方式提供。");

      // A colleague saved in between: the form opened on the default ("") or on an older version is refused.
      const stale = await saveLetterTemplate(b.people.office2, "granted", { ...edit({ title: "被覆盖的标题" }), version: "" });
      expect(stale).toMatchObject({ ok: false, error: "conflict" });
      const older = await saveLetterTemplate(b.people.office2, "granted", { ...edit({ title: "被覆盖的标题" }), version: "2020-01-01T00:00:00.000Z" });
      expect(older).toMatchObject({ ok: false, error: "conflict", message: expect.stringContaining("已被他人修改") });
      // A forged version that is no date at all is a stale form too, not a 500.
      expect(await saveLetterTemplate(b.people.office2, "granted", { ...edit({ title: "被覆盖的标题" }), version: "x" })).toMatchObject({ ok: false, error: "conflict" });
      expect((await getLetterTemplate("granted")).template.title).toBe(base.title);
      expect(await deniedAudits("granted", "letter.template.save")).toBeGreaterThanOrEqual(2);
    } finally {
      expect(await resetLetterTemplate(b.people.office, "granted", saved.version)).toMatchObject({ ok: true });
    }
    const after = await getLetterTemplate("granted");
    expect(after.customised).toBe(false);
    expect(after.template).toEqual(base);
    // Reset twice: nothing to reset.
    expect(await resetLetterTemplate(b.people.office, "granted", saved.version)).toMatchObject({ ok: false, error: "conflict" });
  });

  test("an unknown placeholder is refused with a Chinese message naming the paragraph, and nothing is saved", async () => {
    const paragraphs = [...base.paragraphs.map((p) => ({ ...p })), { text: "请于{不存在}前来领取。" }];
    const result = await saveLetterTemplate(b.people.office, "partial", { ...edit({ paragraphs }), version: "" });
    expect(result).toMatchObject({ ok: false, error: "invalid" });
    expect(!result.ok && result.message).toContain(`正文第${paragraphs.length}段：未知的占位符“{不存在}”`);
    expect(!result.ok && result.fieldErrors?.[`paragraphs.${paragraphs.length - 1}`]?.[0]).toContain("{不存在}");
    expect(await db().letterTemplate.findUnique({ where: { key: "partial" } })).toBeNull();
    const braces = await saveLetterTemplate(b.people.office, "partial", { ...edit({ title: "答复书{" }), version: "" });
    expect(!braces.ok && braces.fieldErrors?.title?.[0]).toContain("花括号不成对");
  });

  test("only the office may edit; an unknown key is not found", async () => {
    for (const who of [b.people.liaison, b.people.head, b.people.leader, b.people.sysadmin]) {
      expect(await saveLetterTemplate(who, "fee", { ...edit(), version: "" })).toMatchObject({ ok: false, error: "forbidden" });
      expect(await resetLetterTemplate(who, "fee")).toMatchObject({ ok: false, error: "forbidden" });
    }
    expect(await saveLetterTemplate(b.people.office, "no_such_letter", { ...edit(), version: "" })).toMatchObject({ ok: false, error: "not_found" });
  });
});

describe("the edit form and its preview", () => {
  test("form fields become a template edit; the preview renders the unsaved edit or names its problems", async () => {
    const values = {
      key: "fee",
      version: "",
      title: "信息处理费收费通知书",
      salutation: "{申请人}：",
      attribute: "",
      "paragraphs.1.text": "第二段 {收费金额}",
      "paragraphs.0.text": "第一段 {收费明细}",
      "paragraphs.0.indent": "on",
      "paragraphs.1.optional": "on",
    };
    const edit = templateEditFromForm(values);
    expect(edit.paragraphs).toEqual([
      { text: "第一段 {收费明细}", optional: false, indent: true, afterRemedy: false },
      { text: "第二段 {收费金额}", optional: true, indent: false, afterRemedy: false },
    ]);
    const pdf = must(await previewLetterTemplate(b.people.office, "fee", edit));
    expect(await pdfText(pdf)).toContain("信息处理费收费通知书");
    const bad = await previewLetterTemplate(b.people.office, "fee", templateEditFromForm({ ...values, "paragraphs.1.text": "{不存在}" }));
    expect(!bad.ok && bad.message).toContain("未知的占位符“{不存在}”");
    expect(await previewLetterTemplate(b.people.liaison, "fee", edit)).toMatchObject({ ok: false, error: "forbidden" });
  });
});
