import { describe, expect, test } from "vitest";
import { missingReplyFields, replyFormFields, SYSTEM_FIELDS } from "@/lib/domain/requests/reply-fields";
import { stageOf } from "@/components/console/requests/labels";
import { DEFAULT_REPLY_TEMPLATES, REPLY_TEMPLATE_KEYS } from "@/lib/domain/requests/letters-replies";
import { fillLetter } from "@/lib/domain/requests/letters";

/** The draft form's list of {占位符} and its check, against the default 答复书 templates. */

const names = (key: keyof typeof DEFAULT_REPLY_TEMPLATES) => replyFormFields(DEFAULT_REPLY_TEMPLATES[key]).map((f) => [f.name, f.required]);

describe("the fields a clerk types for each letter", () => {
  test.each([
    ["granted", [["信息名称", true], ["提供方式", true], ["告知内容", false], ["附件", false]]],
    ["granted_published", [["信息名称", true], ["索引号", true], ["公开网址", true], ["告知内容", false]]],
    ["unable_1_not_ours", [["告知内容", true], ["责任机关", false], ["责任机关联系方式", false]]],
    ["other_1_no_correction", [["补正告知日期", true], ["补正期限", true]]],
    ["deny_1_state_secret", [["告知内容", false]]],
  ] as const)("%s", (key, expected) => {
    expect(names(key)).toEqual(expected);
  });

  test.each(REPLY_TEMPLATE_KEYS)("%s: with the system's fields and the clerk's, the letter fills", (key) => {
    const template = DEFAULT_REPLY_TEMPLATES[key];
    const typed = Object.fromEntries(replyFormFields(template).map((f) => [f.name, f.kind === "date" ? "2026-03-02" : "某内容"]));
    const system = { 机关名称: "吉林市科学技术局", 文号: "〔2026〕第1号", 申请人: "张三", 收到日期: "2026-03-02", 申请内容: "名单", 答复日期: "2026-03-20", 复议机关: "吉林市人民政府", 联系电话: "0432-1" };
    const basis = template.basis === undefined ? { 法律依据: "《中华人民共和国政府信息公开条例》第三十六条" } : {};
    expect(missingReplyFields(template, typed, basis.法律依据 ?? "")).toEqual({});
    const filled = fillLetter(template, { ...system, ...typed, ...basis });
    expect(filled.ok ? "ok" : filled.message).toBe("ok");
  });

  test("no system field is asked of the clerk", () => {
    for (const key of REPLY_TEMPLATE_KEYS) for (const f of replyFormFields(DEFAULT_REPLY_TEMPLATES[key])) expect(SYSTEM_FIELDS.has(f.name)).toBe(false);
  });
});

describe("missingReplyFields", () => {
  test("a required field left blank, in Chinese", () => {
    expect(missingReplyFields(DEFAULT_REPLY_TEMPLATES.granted, { 信息名称: "名单", 提供方式: "  " }, "")).toEqual({
      提供方式: ["请填写提供方式（提供政府信息的形式和途径，如 电子邮件发送至您预留的邮箱）"],
    });
  });
  test("half an optional paragraph: 责任机关 without its 联系方式", () => {
    const t = DEFAULT_REPLY_TEMPLATES.unable_1_not_ours;
    expect(missingReplyFields(t, { 告知内容: "不属于本机关职责", 责任机关: "市发改委" }, "")).toEqual({ 责任机关联系方式: ["填写了同一段的其他内容，请一并填写责任机关联系方式"] });
    expect(missingReplyFields(t, { 告知内容: "不属于本机关职责" }, "")).toEqual({});
  });
  test("其他处理-3 needs its 法律依据; a date must be a date", () => {
    expect(missingReplyFields(DEFAULT_REPLY_TEMPLATES.other_3_other, { 告知内容: "撤回" }, " ")).toEqual({ basis: ["请填写法律依据"] });
    expect(missingReplyFields(DEFAULT_REPLY_TEMPLATES.other_1_no_correction, { 补正告知日期: "2026/3/2", 补正期限: "2026-03-12" }, "")).toEqual({ 补正告知日期: ["补正告知日期请按 年-月-日 填写"] });
  });
});

describe("queue stages", () => {
  test.each([
    ["RECEIVED_ONLINE", false, "awaiting_confirmation"],
    ["REGISTERED", false, "awaiting_assignment"],
    ["IN_PROGRESS", false, "in_progress"],
    ["IN_PROGRESS", true, "consulting"],
    ["CORRECTION_REQUESTED", false, "awaiting_correction"],
    ["REPLY_DRAFTED", false, "awaiting_approval"],
    ["REPLY_APPROVED", false, "awaiting_delivery"],
    ["CLOSED", false, "closed"],
  ] as const)("%s (consulting %s) → %s", (status, consulting, stage) => {
    expect(stageOf({ status, consulting })).toBe(stage);
  });
});
