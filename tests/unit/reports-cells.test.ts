import { describe, expect, test } from "vitest";
import { applyOverrides, cellLabel, cellPaths, parseCellValue, readCell } from "@/lib/domain/reports/cells";
import { enteredRows, parseFigures } from "@/lib/domain/reports/figures";
import { GB2019, GB2021 } from "@/lib/domain/reports/formats";
import { emptyTables } from "@/lib/domain/reports/shape";

describe("cell paths", () => {
  test.each([
    [GB2021, 3 * 2 + 1 + 2 + 1, (2 + 21 + 2) * 7],
    [GB2019, 3 * 2 + 3 * 2 + 3 * 2 + 2 + 2, (2 + 19 + 2) * 7],
  ])("%# every cell of the format once, table 二 then 三 then 四", (format, table2, table3) => {
    const paths = cellPaths(format);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.filter((p) => p.startsWith("table2.")).length).toBe(table2);
    expect(paths.filter((p) => p.startsWith("table3.")).length).toBe(table3);
    expect(paths.filter((p) => p.startsWith("table4.")).length).toBe(15);
    expect(paths[0]).toMatch(/^table2\./);
    expect(paths.at(-1)).toBe("table4.litigation_after_review.total");
    // Every path reads a value of the empty tables: paths and data agree.
    const tables = emptyTables(format);
    for (const p of paths) expect(readCell(tables, p)).toBeDefined();
  });

  test.each([
    [GB2021, "table3.new_received.natural_person", "表三 · 一、本年新收政府信息公开申请数量 · 自然人"],
    [GB2021, "table2.fees.amount_wan_yuan", "表二 · 行政事业性收费 · 本年收费金额（单位：万元）"],
    [GB2021, "table3.deny_1_state_secret.commercial", "表三 · 三、本年度办理结果 （三）不予公开 1.属于国家秘密 · 商业企业"],
    [GB2021, "table4.review.total", "表四 · 行政复议 · 总计"],
    [GB2021, "table4.litigation_direct.upheld", "表四 · 行政诉讼（未经复议直接起诉） · 结果维持"],
    [GB2019, "table2.other_services.change", "表二 · 其他对外管理服务事项 · 本年增/减"],
    [GB2019, "table3.other.total", "表三 · 三、本年度办理结果 （六）其他处理 · 总计"],
    [GB2019, "table3.other_1_no_correction.total", "table3.other_1_no_correction.total"],
    [GB2021, "table2.fees", "table2.fees"],
    [GB2021, "nonsense", "nonsense"],
  ])("%# cellLabel(%s)", (format, path, label) => {
    expect(cellLabel(format, path)).toBe(label);
  });
});

describe("parseCellValue", () => {
  test.each([
    ["table3.new_received.total", "12", 12],
    ["table3.new_received.total", " 12 ", 12],
    ["table3.new_received.total", "１２", 12],
    ["table3.new_received.total", "012", 12],
    ["table3.new_received.total", "0", 0],
    ["table3.new_received.total", "-0", 0],
    ["table2.licensing.change", "-3", -3],
    ["table2.licensing.change", "－３", -3],
    ["table2.licensing.change", "\u22123", -3],
    ["table2.licensing.change", "+4", 4],
    ["table2.procurement.amount", "12.50", "12.5"],
    ["table2.procurement.amount", "012.0", "12"],
    ["table2.procurement.amount", "0.0001", "0.0001"],
    ["table2.procurement.amount", "１２．５", "12.5"],
    ["table2.procurement.amount", "7", "7"],
  ])("%s accepts %j as %j", (path, raw, value) => {
    expect(parseCellValue(GB2019, path, raw)).toEqual({ ok: true, value });
  });

  test.each([
    ["table3.new_received.total", "-1", "不能为负数"],
    ["table3.new_received.total", "1.5", "应为整数"],
    ["table3.new_received.total", "abc", "请输入不小于 0 的整数"],
    ["table3.new_received.total", "", "请输入数值"],
    ["table3.new_received.total", "   ", "请输入数值"],
    ["table3.new_received.total", "1,000", "请输入不小于 0 的整数"],
    ["table3.new_received.total", "2000000000", "数值过大"],
    ["table2.licensing.change", "3件", "请输入整数"],
    ["table2.procurement.amount", "-2", "不能为负数"],
    ["table2.procurement.amount", "1.23456", "最多四位小数"],
    ["table2.procurement.amount", "12万元", "不带单位"],
    ["table2.procurement.amount", "1234567890123", "数值过大"],
    ["table2.nonexistent.amount", "1", "没有这个单元格"],
    ["table3.other_1_no_correction.total", "1", "没有这个单元格"],
  ])("%s refuses %j: %s", (path, raw, message) => {
    const r = parseCellValue(GB2019, path, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe("applyOverrides", () => {
  test("sets the cells named, leaves the input untouched, ignores paths the format lacks", () => {
    const tables = emptyTables(GB2021);
    const out = applyOverrides(tables, [
      { cell: "table3.new_received.natural_person", value: 5 },
      { cell: "table2.fees.amount_wan_yuan", value: "1.5" },
      { cell: "table4.review.pending", value: 2 },
      { cell: "table3.other.total", value: 9 },
      { cell: "table3.new_received.martians", value: 9 },
    ]);
    expect(readCell(out, "table3.new_received.natural_person")).toBe(5);
    expect(readCell(out, "table2.fees.amount_wan_yuan")).toBe("1.5");
    expect(readCell(out, "table4.review.pending")).toBe(2);
    expect(out.table3.other).toBeUndefined();
    expect(Object.keys(out.table3.new_received)).not.toContain("martians");
    expect(readCell(tables, "table3.new_received.natural_person")).toBe(0);
    expect(tables).toEqual(emptyTables(GB2021));
  });

  test("the later of two overrides of one cell wins", () => {
    const out = applyOverrides(emptyTables(GB2021), [
      { cell: "table4.review.upheld", value: 1 },
      { cell: "table4.review.upheld", value: 3 },
    ]);
    expect(out.table4.review.upheld).toBe(3);
  });
});

describe("parseFigures", () => {
  test.each([
    [GB2021, ["licensing.decisions", "penalty.decisions", "enforcement.decisions", "fees.amount_wan_yuan"]],
    [GB2019, [
      "licensing.previous_year_items", "licensing.change", "licensing.decisions",
      "other_services.previous_year_items", "other_services.change", "other_services.decisions",
      "penalty.previous_year_items", "penalty.change", "penalty.decisions",
      "enforcement.previous_year_items", "enforcement.change", "enforcement.decisions",
      "fees.previous_year_items", "fees.change", "procurement.projects", "procurement.amount",
    ]],
  ])("%# blank form: every entered cell is 0, and only those", (format, keys) => {
    const r = parseFigures(format, {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const got = Object.entries(r.figures).flatMap(([row, cells]) => Object.keys(cells).map((c) => `${row}.${c}`));
    expect(got).toEqual(keys);
    expect(enteredRows(format).map((e) => e.row.key)).toEqual([...new Set(keys.map((k) => k.split(".")[0]))]);
    for (const cells of Object.values(r.figures)) {
      for (const [column, v] of Object.entries(cells)) expect(v).toBe(column === "amount_wan_yuan" || column === "amount" ? "0" : 0);
    }
  });

  test("the seed's 2019 figures, typed as a clerk types them", () => {
    const r = parseFigures(GB2019, {
      "licensing.previous_year_items": "0",
      "licensing.change": "１",
      "licensing.decisions": " 79 ",
      "other_services.previous_year_items": 8,
      "other_services.change": "",
      "other_services.decisions": "365",
      "procurement.amount": "0.00",
      "fees.change": null,
    });
    expect(r).toMatchObject({ ok: true, figures: { licensing: { previous_year_items: 0, change: 1, decisions: 79 }, other_services: { previous_year_items: 8, change: 0, decisions: 365 }, procurement: { projects: 0, amount: "0" }, fees: { change: 0 } } });
  });

  test("a JSON number for a 万元 amount becomes its exact decimal string", () => {
    expect(parseFigures(GB2021, { "fees.amount_wan_yuan": 12.5 })).toMatchObject({ ok: true, figures: { fees: { amount_wan_yuan: "12.5" } } });
  });

  test("each bad field gets its own Chinese message under its own key; unknown keys are refused", () => {
    const r = parseFigures(GB2021, {
      "licensing.decisions": "-1",
      "penalty.decisions": "abc",
      "enforcement.decisions": 1.5,
      "fees.amount_wan_yuan": "12万",
      "licensing.decision": "3",
      "regulations.issued": "1",
      "penalty.extra": true,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors["licensing.decisions"]).toEqual(["行政许可 · 本年处理决定数量：不能为负数，请输入不小于 0 的整数"]);
    expect(r.fieldErrors["penalty.decisions"]).toEqual(["行政处罚 · 本年处理决定数量：请输入不小于 0 的整数"]);
    expect(r.fieldErrors["enforcement.decisions"]?.[0]).toContain("应为整数");
    expect(r.fieldErrors["fees.amount_wan_yuan"]?.[0]).toContain("行政事业性收费 · 本年收费金额（单位：万元）：");
    // 规章 and 规范性文件 are counted from items, never typed in.
    for (const key of ["licensing.decision", "regulations.issued", "penalty.extra"]) expect(r.fieldErrors[key]?.[0]).toContain("未知的填报项");
  });

  test.each([[true], [{}], [[1]], [Number.NaN], [Infinity]])("a non-number value %j is refused", (value) => {
    const r = parseFigures(GB2021, { "licensing.decisions": value });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors["licensing.decisions"]?.[0]).toContain("应为数字");
  });
});
