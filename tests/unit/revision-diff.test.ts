import { describe, expect, test } from "vitest";
import { blankFormValues, formToRevisionFields, sameFormValues } from "@/lib/domain/item-form";
import type { RevisionFields } from "@/lib/domain/revision-view";
import { collapseUnchanged, diffRevisions, diffText } from "@/lib/domain/text-diff";

const rendered = (parts: ReturnType<typeof diffText>) =>
  parts.map((p) => (p.kind === "added" ? `[+${p.text}]` : p.kind === "removed" ? `[-${p.text}]` : p.kind === "skipped" ? `…${p.chars}…` : p.text)).join("");

describe("word diff of Chinese text", () => {
  test.each([
    ["an insertion", "现开展培育入库申报。", "现开展2026年度培育入库申报。", "现开展[+2026年度]培育入库申报。"],
    ["a replacement", "请于12月31日前提交。", "请于12月20日前提交。", /\[-31\]\[\+20\]|\[\+20\]\[-31\]/],
    ["a deletion", "联系电话：0432-62000000", "", "[-联系电话：0432-62000000]"],
    ["nothing changed", "同一段", "同一段", "同一段"],
  ])("%s", (_, a, b, expected) => {
    const out = rendered(diffText(a, b));
    if (typeof expected === "string") expect(out).toBe(expected);
    else expect(out).toMatch(expected);
  });

  test("a very long, wholly different text falls back without hanging", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `甲${i}`).join("\n");
    const b = Array.from({ length: 3000 }, (_, i) => `乙${i}`).join("\n");
    const started = Date.now();
    const parts = diffText(a, b);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(parts.filter((p) => p.kind === "removed").map((p) => ("text" in p ? p.text : "")).join("")).toBe(a);
  });

  test("long unchanged stretches are shortened around a change", () => {
    const same = "不变".repeat(100);
    const out = rendered(collapseUnchanged(diffText(`${same}旧${same}`, `${same}新${same}`)));
    expect(out).toMatch(/^…160…(不变){20}\[-旧\]\[\+新\](不变){20}…160…$/);
  });
});

const base: RevisionFields = {
  title: "关于申报的通知", documentNumber: null, publisher: "高新技术科", summary: null, column: "通知公告", topic: "科技、教育",
  keywords: ["申报"], attribute: "PROACTIVE", attributeReason: null, article20Item: null, documentType: "OTHER", signedOn: null,
  effectiveOn: null, repealedOn: null, validity: null, formedOn: "2026-11-20", channels: ["本机关网站"], bodyText: "第一段\n第二段", attachments: ["a.pdf"],
};

describe("revision diff", () => {
  test("lists only what changed: metadata by label, then the body", () => {
    const changes = diffRevisions(base, { ...base, title: "关于申报的补充通知", attribute: "WITHHELD", attributeReason: "ART15_PRIVACY", channels: ["本机关网站", "微信公众号"], bodyText: "第一段\n第二段改", attachments: ["a.pdf", "b.xlsx"] });
    expect(changes.map((c) => c.label)).toEqual(["标题", "公开属性", "发布渠道", "附件", "正文"]);
    expect(rendered(changes[0].parts)).toBe("关于申报的[+补充]通知");
    expect(rendered(changes[1].parts)).toContain("[+不予]");
    expect(rendered(changes[1].parts)).toContain("第十五条 个人隐私");
  });
  test("identical revisions have no changes", () => expect(diffRevisions(base, { ...base })).toEqual([]));
});

describe("the form as a revision", () => {
  const lookups = { columns: [{ id: "c1", label: "通知公告" }], channels: [{ code: "website", name: "本机关网站" }] };
  test("maps codes to names and drops a reason the attribute does not take", () => {
    const v = { ...blankFormValues({ publisher: "高新技术科", formedOn: "2026-11-20", channels: ["website"] }), title: " 关于申报的通知 ", columnId: "c1", topic: "科技、教育", keywords: "申报", attributeReason: "ART15_PRIVACY" };
    const fields = formToRevisionFields({ ...v, attachments: [{ fileId: "f", fileName: "a.pdf", size: 1, mimeType: "application/pdf", attachmentId: null }] }, "第一段\n第二段", lookups);
    expect(fields).toEqual(base);
  });
  test("unsaved work is told apart from what was loaded", () => {
    const v = blankFormValues({ publisher: "x", formedOn: "2026-11-20", channels: [] });
    expect(sameFormValues(v, { ...v, title: " " })).toBe(true);
    expect(sameFormValues(v, { ...v, title: "新标题" })).toBe(false);
    expect(sameFormValues(v, { ...v, channels: ["website"] })).toBe(false);
  });
});
