import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applyOverrides, cellPaths } from "@/lib/domain/reports/cells";
import { applyCheckNotes, blockingChecks, runChecks, type CheckInput } from "@/lib/domain/reports/checks";
import { GB2019, GB2021, TABLE3_COLUMNS, type ReportFormat } from "@/lib/domain/reports/formats";
import { emptyTables, type Table3Data } from "@/lib/domain/reports/shape";

const APPLICANTS = TABLE3_COLUMNS.filter((c) => c !== "total");
const PROBLEMS = "<p>公开渠道单一，已完善云平台。</p>";
const NO_STATISTICS = { items_published: 0, by_column: [], by_channel: [], fees_collected_yuan: 0 };

interface Counts {
  /** Per leaf row, per applicant column. */
  leaves: number[][];
  carriedOver: number[];
  carriedForward: number[];
}

/** A table 三 that is consistent by construction: 一 = （七）+ 四 − 二, totals summed. */
function table3Of(format: ReportFormat, counts: Counts): Table3Data {
  const table = emptyTables(format).table3;
  const leaves = format.table3.rows.filter((r) => r.role === "leaf");
  APPLICANTS.forEach((c, j) => {
    leaves.forEach((r, i) => (table[r.key][c] = counts.leaves[i][j]));
    const processed = leaves.reduce((s, r) => s + table[r.key][c], 0);
    // 二 at most （七）+ 四, so that 一 is never negative.
    const over = Math.min(counts.carriedOver[j], processed + counts.carriedForward[j]);
    table.total_processed[c] = processed;
    table.carried_forward[c] = counts.carriedForward[j];
    table.carried_over[c] = over;
    table.new_received[c] = processed + counts.carriedForward[j] - over;
  });
  for (const row of Object.values(table)) row.total = APPLICANTS.reduce((s, c) => s + row[c], 0);
  return table;
}

function input(format: ReportFormat, patch: Partial<CheckInput["data"]> = {}, previous: CheckInput["previous"] = null): CheckInput {
  const year = format.key === "GB2019" ? 2019 : 2022;
  return {
    format,
    data: { year, ...emptyTables(format), sections: { overview: "", problems: PROBLEMS, other: "" }, statistics: NO_STATISTICS, ...patch },
    previous,
  };
}

const counts = (format: ReportFormat) => {
  const leafCount = format.table3.rows.filter((r) => r.role === "leaf").length;
  const six = fc.array(fc.nat({ max: 40 }), { minLength: 6, maxLength: 6 });
  return fc.record({ leaves: fc.array(six, { minLength: leafCount, maxLength: leafCount }), carriedOver: six, carriedForward: six });
};

describe("table checks", () => {
  test.each([[GB2021], [GB2019]])("%# a year of zeros passes every check", (format) => {
    expect(runChecks(input(format))).toEqual([]);
  });

  test.each([[GB2021], [GB2019]])("%# property: consistent tables raise no T3 error; any one cell changed raises one naming it", (format) => {
    const paths = cellPaths(format).filter((p) => p.startsWith("table3."));
    fc.assert(
      fc.property(counts(format), fc.nat({ max: paths.length - 1 }), fc.integer({ min: 1, max: 50 }), (c, which, delta) => {
        const table3 = table3Of(format, c);
        expect(runChecks(input(format, { table3 })).filter((f) => f.id.startsWith("T3"))).toEqual([]);
        const path = paths[which];
        const [, row, column] = path.split(".");
        const changed = applyOverrides({ ...emptyTables(format), table3 }, [{ cell: path, value: table3[row][column as "total"] + delta }]);
        const errors = runChecks(input(format, { table3: changed.table3 })).filter((f) => f.severity === "error");
        expect(errors.some((f) => f.cells.includes(path))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test("property: table 四 totals; any one cell changed raises T4 naming it", () => {
    const paths = cellPaths(GB2021).filter((p) => p.startsWith("table4."));
    const four = fc.array(fc.nat({ max: 30 }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(four, { minLength: 3, maxLength: 3 }), fc.nat({ max: paths.length - 1 }), fc.integer({ min: 1, max: 9 }), (blocks, which, delta) => {
        const table4 = emptyTables(GB2021).table4;
        (["review", "litigation_direct", "litigation_after_review"] as const).forEach((b, i) => {
          const [upheld, corrected, other, pending] = blocks[i];
          table4[b] = { upheld, corrected, other, pending, total: upheld + corrected + other + pending };
        });
        expect(runChecks(input(GB2021, { table4 }))).toEqual([]);
        const changed = applyOverrides({ ...emptyTables(GB2021), table4 }, [{ cell: paths[which], value: Number(table4[paths[which].split(".")[1] as "review"][paths[which].split(".")[2] as "total"]) + delta }]);
        const found = runChecks(input(GB2021, { table4: changed.table4 }));
        expect(found.map((f) => f.id)).toEqual([`T4:${paths[which].split(".")[1]}`]);
        expect(found[0].cells).toContain(paths[which]);
      }),
    );
  });

  // A deliberately inconsistent import, one break per rule (issue 9 "Done when").
  const broken = () => {
    const table3 = table3Of(GB2021, { leaves: Array.from({ length: 21 }, () => [1, 0, 0, 0, 0, 0]), carriedOver: [2, 0, 0, 0, 0, 0], carriedForward: [3, 0, 0, 0, 0, 0] });
    return table3;
  };

  test.each<[string, (t: Table3Data) => void, string[]]>([
    ["一 off by one in one column (T3-a; T3-b on its row)", (t) => (t.new_received.natural_person += 1), ["T3-a:natural_person", "T3-b:new_received"]],
    ["a row total off (T3-b, and T3-a/T3-c in the total column)", (t) => (t.granted.total += 1), ["T3-b:granted", "T3-c:total"]],
    ["（七）not the sum of the leaves (T3-c; T3-a; T3-b)", (t) => ((t.total_processed.commercial += 2), (t.total_processed.total += 2)), ["T3-a:commercial", "T3-a:total", "T3-c:commercial", "T3-c:total"]],
  ])("%s", (_, breakIt, ids) => {
    const table3 = broken();
    expect(runChecks(input(GB2021, { table3 }))).toEqual([]);
    breakIt(table3);
    expect(runChecks(input(GB2021, { table3 })).map((f) => f.id)).toEqual(expect.arrayContaining(ids));
    for (const f of runChecks(input(GB2021, { table3 }))) expect(f.severity).toBe("error");
  });

  test("T3-a message names the column and both sums", () => {
    const table3 = broken();
    table3.new_received.natural_person = 30;
    table3.new_received.total = 30;
    const f = runChecks(input(GB2021, { table3 })).find((x) => x.id === "T3-a:natural_person");
    expect(f?.message).toBe("表三“自然人”列：一（本年新收 30）加二（上年结转 2）为 32，应等于（七）总计 21 加四（结转下年度 3），即 24");
    expect(f?.cells).toEqual(["table3.new_received.natural_person", "table3.carried_over.natural_person", "table3.total_processed.natural_person", "table3.carried_forward.natural_person"]);
  });

  test("T3-b message tells a numbered leaf from its namesakes", () => {
    const table3 = emptyTables(GB2021).table3;
    table3.unable_1_not_held.total = 1;
    const f = runChecks(input(GB2021, { table3 })).find((x) => x.id === "T3-b:unable_1_not_held");
    expect(f?.message).toBe("表三“（四）无法提供 1.本机关不掌握相关政府信息”行：六类申请人合计 0，而总计为 1");
  });

  const lastYear = (format: ReportFormat, year: number, forward: number[], inForce = 0): CheckInput["previous"] => {
    const t = emptyTables(format);
    APPLICANTS.forEach((c, j) => (t.table3.carried_forward[c] = forward[j]));
    t.table3.carried_forward.total = forward.reduce((a, b) => a + b, 0);
    if (format.key === "GB2021") t.table2.normative_documents.in_force = inForce;
    return { year, format: format.key, table2: t.table2, table3: t.table3 };
  };

  const carried = (values: number[]): Table3Data => {
    const table3 = emptyTables(GB2021).table3;
    APPLICANTS.forEach((c, j) => {
      table3.carried_over[c] = values[j];
      table3.total_processed[c] = values[j];
      table3.granted[c] = values[j];
    });
    for (const r of ["carried_over", "total_processed", "granted"]) table3[r].total = values.reduce((a, b) => a + b, 0);
    return table3;
  };

  test.each<[string, CheckInput["previous"], number, string[]]>([
    ["last year GB2021 agrees", lastYear(GB2021, 2021, [2, 1, 0, 0, 0, 0]), 2022, []],
    ["last year GB2021 disagrees in 商业企业 and 总计", lastYear(GB2021, 2021, [2, 0, 0, 0, 0, 0]), 2022, ["T3-d:commercial", "T3-d:total"]],
    ["last year GB2019 (the seed's format) disagrees", lastYear(GB2019, 2019, [0, 0, 0, 0, 0, 0]), 2020, ["T3-d:natural_person", "T3-d:commercial", "T3-d:total"]],
    ["no last year", null, 2022, []],
    ["a report two years back is not last year's", lastYear(GB2021, 2020, [0, 0, 0, 0, 0, 0]), 2022, []],
  ])("T3-d: %s", (_, previous, year, ids) => {
    const i = input(GB2021, { table3: carried([2, 1, 0, 0, 0, 0]), year }, previous);
    const found = runChecks(i);
    expect(found.map((f) => f.id)).toEqual(ids);
    if (ids.length) {
      expect(found[0].cells).toEqual([`table3.carried_over.${ids[0].split(":")[1]}`]);
      expect(found[0].message).toContain(`${previous!.year} 年报告的结转下年度继续办理`);
    }
  });

  test.each<[string, [number, number, number], number, string[]]>([
    ["follows from last year", [2, 1, 6], 5, []],
    ["does not follow: warning, never blocking", [2, 1, 7], 5, ["T2:normative_documents"]],
  ])("T2 (GB2021): %s", (_, [issued, repealed, inForce], before, ids) => {
    const table2 = emptyTables(GB2021).table2;
    table2.normative_documents = { issued, repealed, in_force: inForce };
    const found = runChecks(input(GB2021, { table2 }, lastYear(GB2021, 2021, [0, 0, 0, 0, 0, 0], before)));
    expect(found.map((f) => f.id)).toEqual(ids);
    for (const f of found) {
      expect(f.severity).toBe("warning");
      expect(f.message).toBe("表二“行政规范性文件”：上年现行有效 5 件，加本年制发 2 件、减本年废止 1 件应为 6 件，而现行有效件数为 7");
    }
    expect(blockingChecks(applyCheckNotes(found, {}))).toEqual([]);
  });

  test("T2 (GB2021) needs last year's GB2021 figures: after a GB2019 year it says nothing", () => {
    const table2 = emptyTables(GB2021).table2;
    table2.regulations = { issued: 0, repealed: 0, in_force: 4 };
    expect(runChecks(input(GB2021, { table2, year: 2020 }, lastYear(GB2019, 2019, [0, 0, 0, 0, 0, 0])))).toEqual([]);
  });

  test.each<[number, number, string[]]>([
    [5, 7, []],
    [5, 5, []],
    [5, 4, ["T2:normative_documents"]],
  ])("T2 (GB2019): 新公开 %i, 对外公开总数量 %i", (fresh, total, ids) => {
    const table2 = emptyTables(GB2019).table2;
    table2.normative_documents = { new_made: 5, new_published: fresh, total_published: total };
    const found = runChecks(input(GB2019, { table2 }));
    expect(found.map((f) => [f.id, f.severity])).toEqual(ids.map((id) => [id, "warning"]));
  });

  test("ids are unique and the order is stable across runs", () => {
    const table3 = broken();
    table3.new_received.natural_person += 1;
    table3.granted.total += 2;
    const table4 = emptyTables(GB2021).table4;
    table4.review.total = 1;
    const data = input(GB2021, { table3, table4, sections: { overview: "", problems: "", other: "" } }, lastYear(GB2021, 2021, [9, 0, 0, 0, 0, 0]));
    const ids = runChecks(data).map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(runChecks(data).map((f) => f.id)).toEqual(ids);
    expect(ids.map((id) => id.split(":")[0])).toEqual([...ids.map((id) => id.split(":")[0])].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)));
  });
});

const ORDER = ["T3-a", "T3-b", "T3-c", "T3-d", "T4", "T2", "N-requests", "S5", "S6"];

describe("notes and blocking", () => {
  test("a noted error no longer blocks; an unnoted one does; warnings never do", () => {
    const findings = [
      { id: "T4:review", severity: "error" as const, cells: [], message: "x" },
      { id: "S5:problems", severity: "error" as const, cells: [], message: "y" },
      { id: "T2:regulations", severity: "warning" as const, cells: [], message: "z" },
    ];
    const checks = applyCheckNotes(findings, { "T4:review": { reason: "复议机关统计口径不同" } });
    expect(checks[0]).toMatchObject({ overridden: true, reason: "复议机关统计口径不同" });
    expect(blockingChecks(checks).map((c) => c.id)).toEqual(["S5:problems"]);
  });

  test("a note answers the finding as it read: when the figures change, the rule's new discrepancy is open again", () => {
    const finding = (sum: number) => ({ id: "T4:review", severity: "error" as const, cells: [], message: `表四“行政复议”：合计 ${sum}，而总计为 3` });
    const notes = { "T4:review": { reason: "一件次年送达", message: finding(4).message } };
    expect(applyCheckNotes([finding(4)], notes)[0]).toMatchObject({ overridden: true, reason: "一件次年送达" });
    expect(applyCheckNotes([finding(43)], notes)[0]).toMatchObject({ overridden: false, reason: null });
    expect(blockingChecks(applyCheckNotes([finding(43)], notes))).toHaveLength(1);
  });
});
