import { describe, expect, test } from "vitest";
import {
  columnCreateSchema,
  columnUpdateSchema,
  channelCreateSchema,
  channelUpdateSchema,
  checkParent,
  departmentCreateSchema,
  departmentUpdateSchema,
  flattenTree,
  moveInColumnTree,
  moveInOrder,
  moveSchema,
  numberTree,
  parseTargetsForm,
  targetField,
  type TreeRow,
} from "@/lib/domain/admin";

const firstError = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) =>
  r.error?.issues.find((i) => i.path[0] === field)?.message;

describe("处室 schemas", () => {
  test("a department needs a code and a name; an empty 分管领导 means none", () => {
    expect(departmentCreateSchema.parse({ code: " GXJS ", name: " 高新技术科 ", leaderId: "" })).toEqual({ code: "GXJS", name: "高新技术科", leaderId: null });
    expect(departmentUpdateSchema.parse({ id: "d1", version: "v", name: "办公室", leaderId: "u1" })).toEqual({ id: "d1", version: "v", name: "办公室", leaderId: "u1" });
    expect(departmentUpdateSchema.safeParse({ id: "d1", name: "办公室", leaderId: "u1" }).success).toBe(false);
  });

  test.each([
    [{ code: "", name: "办公室" }, "code", "请填写处室代码"],
    [{ code: "GX JS", name: "办公室" }, "code", "处室代码只能使用字母、数字和连字符（如 GXJS）"],
    [{ code: "GXJS", name: "  " }, "name", "请填写处室名称"],
    [{ code: "GXJS", name: "科".repeat(51) }, "name", "处室名称不能超过 50 个字"],
    [{ code: "GXJS" }, "name", "请填写处室名称"],
  ])("refuses %j with a Chinese message on %s", (input, field, message) => {
    expect(firstError(departmentCreateSchema.safeParse(input), field)).toBe(message);
  });
});

describe("栏目 schemas", () => {
  test("checkboxes: 'on' is ticked, absent is not; 保密审查 has no switch at all", () => {
    const parsed = columnCreateSchema.parse({ code: "zcfg-jd", name: "政策解读", requiresDeptHead: "on", description: "" });
    expect(parsed).toEqual({ code: "zcfg-jd", name: "政策解读", parentId: null, description: null, requiresDeptHead: true, requiresLeader: false });
    expect(columnCreateSchema.parse({ code: "a", name: "b", requiresDeptHead: true, requiresLeader: "false" })).toMatchObject({ requiresDeptHead: true, requiresLeader: false });
    expect(Object.keys(columnCreateSchema.shape)).not.toContain("requiresSecrecy");
  });

  test.each([
    ["TZGG", "栏目代码只能使用小写字母、数字和连字符（如 tzgg、zcfg-jd）"],
    ["tz_gg", "栏目代码只能使用小写字母、数字和连字符（如 tzgg、zcfg-jd）"],
    ["-tzgg", "栏目代码只能使用小写字母、数字和连字符（如 tzgg、zcfg-jd）"],
    ["通知", "栏目代码只能使用小写字母、数字和连字符（如 tzgg、zcfg-jd）"],
    ["", "请填写栏目代码"],
    ["a".repeat(41), "栏目代码不能超过 40 个字符"],
  ])("refuses the column code %j", (code, message) => {
    expect(firstError(columnUpdateSchema.safeParse({ id: "c1", code, name: "通知公告" }), "code")).toBe(message);
  });

  test("a description is at most 500 characters", () => {
    expect(firstError(columnCreateSchema.safeParse({ code: "a", name: "b", description: "字".repeat(501) }), "description")).toBe("栏目说明不能超过 500 个字");
  });
});

describe("发布渠道 schemas", () => {
  test("create needs a slug code; update carries 启用", () => {
    expect(channelCreateSchema.parse({ code: "wechat", name: "微信公众号" })).toEqual({ code: "wechat", name: "微信公众号" });
    expect(firstError(channelCreateSchema.safeParse({ code: "WeChat", name: "微信公众号" }), "code")).toBe("渠道代码只能使用小写字母、数字和连字符（如 tzgg、zcfg-jd）");
    expect(channelUpdateSchema.parse({ id: "c1", version: "v", name: "微信公众号" })).toEqual({ id: "c1", version: "v", name: "微信公众号", active: false });
    expect(channelUpdateSchema.parse({ id: "c1", version: "v", name: "微信公众号", active: "on" })).toMatchObject({ active: true });
    expect(firstError(channelUpdateSchema.safeParse({ id: "c1", version: "v", name: "" }), "name")).toBe("请填写渠道名称");
    expect(firstError(channelUpdateSchema.safeParse({ id: "c1", name: "微信公众号" }), "version")).toBe("页面已过期，请刷新后重试");
  });

  test("a move is up or down", () => {
    expect(moveSchema.safeParse({ id: "x", direction: "left", version: "v" }).success).toBe(false);
    expect(moveSchema.parse({ id: "x", direction: "up", version: "v" })).toEqual({ id: "x", direction: "up", version: "v" });
    expect(moveSchema.safeParse({ id: "x", direction: "up" }).success).toBe(false);
  });
});

describe("月度目标 form", () => {
  const cell = (dept: string, month: number) => targetField(dept, month);

  test("reads the year and every cell; empty is 'no target'", () => {
    const parsed = parseTargetsForm({ year: "2027", version: "v1", [cell("d1", 1)]: "5", [cell("d1", 2)]: "", [cell("d2", 12)]: " 999 ", other: "x" });
    expect(parsed).toEqual({
      ok: true,
      year: 2027,
      version: "v1",
      cells: [
        { departmentId: "d1", month: 1, target: 5 },
        { departmentId: "d1", month: 2, target: null },
        { departmentId: "d2", month: 12, target: 999 },
      ],
    });
  });

  test.each([
    ["1000", "请填写 0–999 的整数，或留空"],
    ["-1", "请填写 0–999 的整数，或留空"],
    ["1.5", "请填写 0–999 的整数，或留空"],
    ["五", "请填写 0–999 的整数，或留空"],
  ])("refuses the target %j next to its cell", (value, message) => {
    const parsed = parseTargetsForm({ year: "2027", version: "v1", [cell("d1", 3)]: value, [cell("d1", 4)]: "2" });
    expect(parsed).toEqual({ ok: false, fieldErrors: { [cell("d1", 3)]: [message] } });
  });

  test.each([
    [{ year: "1990" }, "year", "年份应在 2019–2100 之间"],
    [{ year: "abc" }, "year", "年份无效"],
    [{ year: "2027", version: "v1", [cell("d1", 13)]: "1" }, cell("d1", 13), "月份无效"],
    [{ year: "2027", [cell("d1", 1)]: "1" }, "version", "页面已过期，请刷新后重试"],
  ])("refuses %j", (values, field, message) => {
    const parsed = parseTargetsForm(values);
    expect(parsed.ok ? null : parsed.fieldErrors[field]).toEqual([message]);
  });
});

describe("order and the column tree", () => {
  test.each([
    [["a", "b", "c"], "b", "up", ["b", "a", "c"]],
    [["a", "b", "c"], "b", "down", ["a", "c", "b"]],
    [["a", "b", "c"], "a", "up", null],
    [["a", "b", "c"], "c", "down", null],
    [["a", "b", "c"], "x", "up", null],
  ] as const)("moveInOrder(%j, %s, %s)", (ids, id, direction, expected) => {
    expect(moveInOrder(ids, id, direction)).toEqual(expected);
  });

  // The seed's columns with sortOrders out of step: 政策法规's children must follow it.
  const rows: TreeRow[] = [
    { id: "gzzd", parentId: "zcfg", sortOrder: 0 },
    { id: "tzgg", parentId: null, sortOrder: 1 },
    { id: "zcfg", parentId: null, sortOrder: 5 },
    { id: "zcjd", parentId: "zcfg", sortOrder: 1 },
    { id: "kjdj", parentId: null, sortOrder: 7 },
  ];

  test("flattenTree lists each top-level column followed by its children", () => {
    expect(flattenTree(rows).map((r) => r.id)).toEqual(["tzgg", "zcfg", "gzzd", "zcjd", "kjdj"]);
    expect([...numberTree(rows)]).toEqual([["tzgg", 0], ["zcfg", 1], ["gzzd", 2], ["zcjd", 3], ["kjdj", 4]]);
  });

  test("moving a parent carries its children; moving a child stays among its siblings", () => {
    const down = moveInColumnTree(rows, "zcfg", "down")!;
    expect([...down].sort((a, b) => a[1] - b[1]).map(([id]) => id)).toEqual(["tzgg", "kjdj", "zcfg", "gzzd", "zcjd"]);
    const child = moveInColumnTree(rows, "zcjd", "up")!;
    expect([...child].sort((a, b) => a[1] - b[1]).map(([id]) => id)).toEqual(["tzgg", "zcfg", "zcjd", "gzzd", "kjdj"]);
    expect(moveInColumnTree(rows, "gzzd", "up")).toBeNull();
    expect(moveInColumnTree(rows, "kjdj", "down")).toBeNull();
  });

  test.each([
    ["tzgg", null, null],
    ["tzgg", "zcfg", null],
    [null, "zcfg", null],
    ["tzgg", "tzgg", "self"],
    ["tzgg", "gone", "not_found"],
    ["tzgg", "gzzd", "too_deep"],
    ["zcfg", "tzgg", "has_children"],
  ] as const)("checkParent(%s under %s) → %s", (id, parentId, expected) => {
    expect(checkParent(rows, id, parentId)).toBe(expected);
  });
});
