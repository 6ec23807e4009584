import { describe, expect, test } from "vitest";
import { ARTICLE_20_ITEMS } from "@/lib/domain/article20";
import { WITHHOLDING_REASONS } from "@/lib/domain/attributes";
import { contentHash, itemDraftSchema, type RevisionContent } from "@/lib/domain/item";
import { TOPICS } from "@/lib/domain/topics";

const schema = itemDraftSchema("2026-11-24", { channels: ["website", "city-portal", "wechat"] });
const good = { title: "关于申报项目的通知", columnId: "c1", formedOn: "2026-11-20", body: "<p>正文</p>", channels: ["website"] };

function errorsOf(input: Record<string, unknown>) {
  const result = schema.safeParse({ ...good, ...input });
  if (result.success) return null;
  return Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
}

describe("the item form schema: good input", () => {
  test("accepts a minimal draft with defaults", () => {
    expect(schema.parse({ ...good, title: "  标题  " })).toMatchObject({
      title: "标题",
      documentNumber: null,
      publisher: null,
      attribute: "PROACTIVE",
      attributeReason: null,
      documentType: "OTHER",
      article20Item: null,
      keywords: [],
      channels: ["website"],
      attachmentIds: [],
    });
  });

  test("accepts a full 行政规范性文件 entry", () => {
    const parsed = schema.parse({
      ...good,
      documentNumber: "吉市科发〔2026〕18号",
      publisher: "吉林市科学技术局",
      summary: "规范科技计划项目管理。",
      topic: "科技、教育",
      keywords: "科技计划，项目管理、资金",
      article20Item: "1",
      documentType: "NORMATIVE",
      signedOn: "2026-11-01",
      effectiveOn: "2026-12-01",
      repealedOn: "2031-12-01",
      validity: "VALID",
      channels: ["website", "wechat"],
    });
    expect(parsed).toMatchObject({ topic: "科技、教育", keywords: ["科技计划", "项目管理", "资金"], article20Item: 1, validity: "VALID", signedOn: "2026-11-01" });
  });

  test("a statutory reason is kept for 不予公开 and dropped for 主动公开", () => {
    expect(schema.parse({ ...good, attribute: "WITHHELD", attributeReason: "ART15_PRIVACY" }).attributeReason).toBe("ART15_PRIVACY");
    expect(schema.parse({ ...good, attribute: "PROACTIVE", attributeReason: "ART15_PRIVACY" }).attributeReason).toBeNull();
    expect(schema.parse({ ...good, attribute: "NOT_GOV_INFO" }).attributeReason).toBeNull();
  });

  test.each(WITHHOLDING_REASONS.map((r) => r.code))("reason %s is accepted for 依申请公开", (code) => {
    expect(schema.parse({ ...good, attribute: "ON_REQUEST", attributeReason: code }).attributeReason).toBe(code);
  });

  test("every topic and every 第二十条 item is accepted", () => {
    for (const topic of TOPICS) expect(schema.parse({ ...good, topic }).topic).toBe(topic);
    for (const a of ARTICLE_20_ITEMS) expect(schema.parse({ ...good, article20Item: String(a.item) }).article20Item).toBe(a.item);
  });
});

describe("the item form schema: every bad input gets a Chinese message on its field", () => {
  test.each([
    ["empty title", { title: "   " }, "title", "请填写标题"],
    ["oversized title", { title: "长".repeat(201) }, "title", "标题不能超过 200 个字"],
    ["no column", { columnId: "" }, "columnId", "请选择栏目"],
    ["a future 信息形成日期", { formedOn: "2026-11-25" }, "formedOn", "信息形成日期不能晚于今天"],
    ["an impossible date", { formedOn: "2026-02-30" }, "formedOn", "信息形成日期无效"],
    ["a malformed date", { formedOn: "20261120" }, "formedOn", "请填写信息形成日期（格式：年-月-日）"],
    ["废止日期 before 成文日期", { signedOn: "2026-05-01", repealedOn: "2026-04-30" }, "repealedOn", "废止日期不能早于成文日期"],
    ["废止日期 before 生效日期", { effectiveOn: "2026-05-01", repealedOn: "2026-04-30" }, "repealedOn", "废止日期不能早于生效日期"],
    ["生效日期 before 成文日期", { signedOn: "2026-05-01", effectiveOn: "2026-04-01" }, "effectiveOn", "生效日期不能早于成文日期"],
    ["a future 成文日期", { signedOn: "2026-12-01" }, "signedOn", "成文日期不能晚于今天"],
    ["依申请公开 without a reason", { attribute: "ON_REQUEST" }, "attributeReason", "依申请公开或不予公开时，必须选择条例第十四至十六条规定的理由"],
    ["不予公开 without a reason", { attribute: "WITHHELD", attributeReason: "" }, "attributeReason", "依申请公开或不予公开时，必须选择条例第十四至十六条规定的理由"],
    ["an unknown reason", { attribute: "WITHHELD", attributeReason: "ART99_WHIM" }, "attributeReason", "不公开理由无效，请从列表中选择"],
    ["an unknown attribute", { attribute: "SECRET" }, "attribute", "公开属性无效"],
    ["an unknown topic", { topic: "航天" }, "topic", "主题分类无效，请从列表中选择"],
    ["第二十条 (十六)", { article20Item: "16" }, "article20Item", "第二十条所列事项无效，应为（一）至（十五）或不属于"],
    ["第二十条 (零)", { article20Item: "0" }, "article20Item", "第二十条所列事项无效，应为（一）至（十五）或不属于"],
    ["第二十条 not a number", { article20Item: "一" }, "article20Item", "第二十条所列事项无效"],
    ["an unknown document type", { documentType: "LAW" }, "documentType", "文件类型无效"],
    ["an unknown validity", { validity: "MAYBE" }, "validity", "有效性无效"],
    ["规章 without 成文日期", { documentType: "REGULATION", validity: "VALID" }, "signedOn", "规章和行政规范性文件必须填写成文日期"],
    ["规范性文件 without 有效性", { documentType: "NORMATIVE", signedOn: "2026-01-01" }, "validity", "规章和行政规范性文件必须选择有效性"],
    ["已废止 without 废止日期", { validity: "REPEALED" }, "repealedOn", "有效性为“已废止”时，请填写废止日期"],
    ["no channel", { channels: [] }, "channels", "请至少选择一个发布渠道"],
    ["an unknown channel", { channels: ["website", "weibo"] }, "channels", "发布渠道无效，请从列表中选择"],
    ["too many keywords", { keywords: Array.from({ length: 11 }, (_, i) => `词${i}`).join("，") }, "keywords", "关键词不能超过 10 个"],
    ["a long keyword", { keywords: "长".repeat(21) }, "keywords", "每个关键词不能超过 20 个字"],
    ["an oversized summary", { summary: "长".repeat(1501) }, "summary", "内容概述不能超过 1500 个字"],
    ["an oversized 文号", { documentNumber: "号".repeat(101) }, "documentNumber", "文号不能超过 100 个字"],
    ["too many attachments", { attachmentIds: Array.from({ length: 51 }, (_, i) => `f${i}`) }, "attachmentIds", "附件不能超过 50 个"],
  ])("%s", (_, patch, field, message) => {
    expect(errorsOf(patch)?.[field]).toBe(message);
  });
});

describe("the body is sanitised by the schema, whatever the browser sent", () => {
  test.each([
    ['<p>通知</p><script>alert(1)</script>', "<p>通知</p>"],
    ['<p onclick="steal()">通知</p>', "<p>通知</p>"],
    ['<img src=x onerror="alert(1)"><p>通知</p>', "<p>通知</p>"],
    ['<a href="javascript:alert(1)">链接</a>', '<a rel="noopener noreferrer nofollow">链接</a>'],
  ])("%s", (body, clean) => {
    expect(schema.parse({ ...good, body }).body).toBe(clean);
  });
  test("plain text (seed, scripts) becomes escaped paragraphs", () => {
    expect(schema.parse({ ...good, body: "第一段 a<b\n\n第二段" }).body).toBe("<p>第一段 a&lt;b</p>\n<p>第二段</p>");
  });
});

describe("content hash", () => {
  const base: RevisionContent = {
    title: "t", documentNumber: null, publisher: "办公室", summary: null, columnId: "c", topic: null, keywords: [],
    attribute: "PROACTIVE", attributeReason: null, article20Item: null, documentType: "OTHER", signedOn: null, effectiveOn: null,
    repealedOn: null, validity: null, formedOn: "2026-01-01", channels: ["website"], bodyHtml: "<p>b</p>",
    attachments: [{ sha256: "a".repeat(64), fileName: "a.pdf" }, { sha256: "b".repeat(64), fileName: "b.pdf" }],
  };
  test("is stable", () => expect(contentHash(base)).toBe(contentHash({ ...base })));
  test.each([
    ["title", { title: "other" }],
    ["文号", { documentNumber: "x" }],
    ["发布机构", { publisher: "x" }],
    ["内容概述", { summary: "x" }],
    ["栏目", { columnId: "x" }],
    ["主题分类", { topic: "其他" }],
    ["关键词", { keywords: ["x"] }],
    ["公开属性", { attribute: "WITHHELD" }],
    ["理由", { attributeReason: "ART15_PRIVACY" }],
    ["第二十条", { article20Item: 1 }],
    ["文件类型", { documentType: "NORMATIVE" }],
    ["成文日期", { signedOn: "2026-01-01" }],
    ["生效日期", { effectiveOn: "2026-01-01" }],
    ["废止日期", { repealedOn: "2026-01-01" }],
    ["有效性", { validity: "VALID" }],
    ["信息形成日期", { formedOn: "2026-01-02" }],
    ["渠道", { channels: ["website", "wechat"] }],
    ["正文", { bodyHtml: "<p>c</p>" }],
    ["an attachment's bytes", { attachments: [{ sha256: "c".repeat(64), fileName: "a.pdf" }, base.attachments[1]] }],
    ["an attachment's name", { attachments: [{ ...base.attachments[0], fileName: "x.pdf" }, base.attachments[1]] }],
    ["the attachments' order", { attachments: [base.attachments[1], base.attachments[0]] }],
    ["a removed attachment", { attachments: [base.attachments[0]] }],
  ] as [string, Partial<RevisionContent>][])("changes with %s", (_, patch) => {
    expect(contentHash({ ...base, ...patch })).not.toBe(contentHash(base));
  });
});
