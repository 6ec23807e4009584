import type { Page } from "@playwright/test";
import { GB2019 } from "@/lib/domain/reports/formats";
import { emptyTables } from "@/lib/domain/reports/shape";
import { expect, review, test } from "./console-helpers";

/**
 * The annual report as the office meets it (issue 9, "Done when"): the 2019 report in the 2019
 * trial format with the seed's figures, the narrative check catching the seed's own "162", a
 * cell overridden with a reason and the check it breaks accepted with a reason, the review by
 * 处室负责人 → 分管领导 → 保密审查, publication, the public page and its downloads; a 2021-format
 * year through the same; and imports, a malformed one refused with the path of the problem and
 * an inconsistent one flagged by each check it breaks.
 */

const cell = (page: Page, path: string) => page.locator(`[data-cell="${path}"]`);
const checksPanel = (page: Page) => page.getByTestId("checks-panel");
const check = (page: Page, idPrefix: string) => checksPanel(page).locator(`li[data-check-id^="${idPrefix}"]`);

async function openYear(office: Page, year: number) {
  await office.goto("/console");
  await office.getByRole("link", { name: "年度报告", exact: true }).first().click();
  await expect(office.getByRole("heading", { level: 1, name: "政府信息公开工作年度报告" })).toBeVisible();
  await office.getByRole("link", { name: `${year}年度报告` }).click();
  await expect(office.getByRole("heading", { level: 1, name: `${year}年政府信息公开工作年度报告` })).toBeVisible();
}

/** Types into a section's editor (its textbox is named by the section title), replacing its text. */
async function typeSection(page: Page, title: string, text: string) {
  const editor = page.getByRole("textbox", { name: title });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

async function save(page: Page) {
  await page.getByRole("region", { name: "报告操作" }).getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("已保存，检查结果已更新。")).toBeVisible();
}

async function overrideCell(page: Page, path: string, value: string, reason: string) {
  await cell(page, path).getByRole("button").click();
  const form = page.getByTestId("override-form");
  await form.getByLabel(/^修改为/).fill(value);
  await form.getByRole("button", { name: "保存修改" }).click();
  // The reason is required: refused in Chinese, the value typed is kept.
  await expect(form.locator("#override-reason-error")).not.toBeEmpty();
  await expect(form.getByLabel(/^修改为/)).toHaveValue(value);
  await form.getByLabel(/^修改理由/).fill(reason);
  await form.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByText("已修改该单元格，检查结果已更新。")).toBeVisible();
  await expect(cell(page, path)).toHaveAttribute("data-overridden", "true");
}

async function acceptCheck(page: Page, idPrefix: string, reason: string) {
  const item = check(page, idPrefix).first();
  await item.getByRole("button", { name: "说明并接受" }).click();
  await expect(item.locator('[id$="-reason-error"]')).not.toBeEmpty();
  await item.getByLabel(/^说明理由/).fill(reason);
  await item.getByRole("button", { name: "说明并接受" }).click();
  await expect(check(page, idPrefix).first()).toHaveAttribute("data-overridden", "true");
}

/** 送审, then the item id from the version history's link. */
async function sendForReview(page: Page): Promise<string> {
  const send = page.getByRole("button", { name: "送审" });
  await expect(send).toBeEnabled();
  await send.click();
  await expect(page.getByText(/^已送审/)).toBeVisible();
  const link = page.getByTestId("report-versions").getByRole("link").first();
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  const id = /\/console\/items\/([^/?#]+)/.exec(href ?? "")?.[1];
  if (!id) throw new Error(`no item link in the version history: ${href}`);
  return id;
}

/** The report item through 处室负责人 → 分管领导 (when the column asks) → 保密审查, then 发布. */
async function reviewAndPublish(pages: { head: Page; leader: Page; secrecy: Page; office: Page }, itemId: string) {
  const { head, leader, secrecy, office } = pages;
  await head.goto(`/console/items/${itemId}`);
  await review(head, "同意公开");
  await expect(head.getByText("审核意见已提交。")).toBeVisible();
  await leader.goto(`/console/items/${itemId}`);
  if (await leader.getByRole("button", { name: "提交审核意见" }).isVisible()) {
    await review(leader, "同意公开");
    await expect(leader.getByText("审核意见已提交。")).toBeVisible();
  }
  await secrecy.goto(`/console/items/${itemId}`);
  await review(secrecy, "同意公开");
  await expect(secrecy.getByText("审核意见已提交。")).toBeVisible();
  await office.goto(`/console/items/${itemId}`);
  await office.getByRole("button", { name: "发布到公开网站" }).click();
  await expect(office.getByText(/^已发布，索引号 /)).toBeVisible();
}

/** The public report page: real tables and every download with its type. */
async function checkPublic(visitor: Page, year: number, itemId: string) {
  // The report is itself a published item under 年度报告: its body holds the real tables.
  expect((await visitor.goto(`/items/${itemId}`))?.status()).toBe(200);
  await expect(visitor.getByRole("table").first()).toBeVisible();
  expect((await visitor.goto(`/annual-reports/${year}`))?.status()).toBe(200);
  await expect(visitor.getByRole("table").first()).toBeVisible();
  const types: [RegExp, RegExp][] = [
    [/DOCX|Word/i, /application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/],
    [/PDF/i, /application\/pdf/],
    [/JSON/i, /application\/json/],
    [/CSV/i, /text\/csv/],
  ];
  const bodies: Record<string, Buffer> = {};
  for (const [name, type] of types) {
    const link = visitor.getByRole("link", { name }).first();
    const href = await link.getAttribute("href");
    expect(href, `download link ${name}`).toBeTruthy();
    const response = await visitor.request.get(href!);
    expect(response.status(), href!).toBe(200);
    expect(response.headers()["content-type"]).toMatch(type);
    bodies[name.source] = await response.body();
  }
  return bodies;
}

type Json = Record<string, Record<string, Record<string, number | string>>>;
function tablesOf(body: Buffer): Json {
  const parsed = JSON.parse(body.toString("utf8"));
  return (parsed.table2 ? parsed : (parsed.data ?? parsed.versions?.[0]?.data ?? parsed)) as Json;
}

test("2019 (GB2019): the seed's figures, the narrative check, an override, review and publication", async ({ signIn, page: visitor }) => {
  test.setTimeout(600_000);
  const office = await signIn("office");

  await test.step("the years list shows 2019 in the trial format", async () => {
    await office.goto("/console/reports");
    const row = office.getByTestId("report-years").locator('tr[data-year="2019"]');
    await expect(row).toContainText("GB2019 2019试行格式");
    await expect(office.getByRole("link", { name: "JSON Schema" })).toHaveAttribute("href", "/api/v1/reports/schema.json");
  });

  await openYear(office, 2019);
  await expect(office.getByTestId("report-format")).toHaveText("GB2019 2019试行格式");
  await expect(office.locator('[data-cell^="table3.other."]')).toHaveCount(7);

  await test.step("the demo published 2019 from its records: locked, 更正 needs a note, then it opens", async () => {
    await expect(office.getByText("已公布").first()).toBeVisible();
    await expect(cell(office, "table2.licensing.decisions")).toContainText("79");
    await office.getByRole("button", { name: "发布更正版" }).click();
    await expect(office.locator("#correction-note-error")).not.toBeEmpty();
    await office.getByLabel(/^更正说明/).fill("补录纸质登记的一件申请，并更正第一部分的表述。");
    await office.getByRole("button", { name: "发布更正版" }).click();
    await expect(office.getByTestId("report-locked")).toHaveCount(0);
    await expect(office.getByRole("textbox", { name: "一、总体情况" })).toBeVisible();
  });

  await test.step("table 二: 规范性文件 5/5/7 from the items", async () => {
    await expect(cell(office, "table2.normative_documents.new_made")).toContainText("5");
    await expect(cell(office, "table2.normative_documents.new_published")).toContainText("5");
    await expect(cell(office, "table2.normative_documents.total_published")).toContainText("7");
  });

  await test.step("the entered figures: a bad one refused per field, nothing typed lost; 行政许可 0/1/79", async () => {
    await office.getByText("年度数据：表二填报项").click();
    const form = office.getByTestId("figures-form");
    await form.getByLabel("行政许可 · 上一年项目数量").fill("0");
    await form.getByLabel("行政许可 · 本年增/减").fill("1");
    await form.getByLabel("行政许可 · 处理决定数量").fill("-79");
    await form.getByLabel("其他对外管理服务事项 · 上一年项目数量").fill("8");
    await form.getByLabel("其他对外管理服务事项 · 本年增/减").fill("0");
    await form.getByLabel("其他对外管理服务事项 · 处理决定数量").fill("365");
    await form.getByRole("button", { name: "保存录入数据" }).click();
    await expect(form.locator("#figure-licensing-decisions-error")).not.toBeEmpty();
    await expect(form.getByLabel("其他对外管理服务事项 · 处理决定数量")).toHaveValue("365");
    await form.getByLabel("行政许可 · 处理决定数量").fill("79");
    await form.getByRole("button", { name: "保存录入数据" }).click();
    await expect(office.getByText("已保存录入的数据，检查结果已更新。")).toBeVisible();
    await expect(cell(office, "table2.licensing.previous_year_items")).toContainText("0");
    await expect(cell(office, "table2.licensing.change")).toContainText("1");
    await expect(cell(office, "table2.licensing.decisions")).toContainText("79");
    await expect(cell(office, "table2.other_services.decisions")).toContainText("365");
  });

  await test.step("section 一 says 162: the narrative check flags it; the live field fixes it", async () => {
    await typeSection(office, "一、总体情况", "2019年，我局共公开政府信息162条。");
    await typeSection(office, "五、存在的主要问题及改进情况", "依申请公开工作制度有待进一步细化，下一步将完善办理流程。");
    await typeSection(office, "六、其他需要报告的事项", "本年度未收取信息处理费。");
    await save(office);
    await expect(check(office, "N-")).toHaveCount(1);
    await expect(check(office, "N-")).toContainText("162");
    await expect(check(office, "N-")).toContainText("165");
    await expect(office.getByTestId("section-findings-overview")).toContainText("162");
    await expect(office.getByRole("button", { name: "送审" })).toBeDisabled();

    await typeSection(office, "一、总体情况", "2019年，我局共公开政府信息");
    const metric = office.getByLabel("一、总体情况：选择数据");
    await metric.selectOption((await metric.locator("option", { hasText: "本年公开政府信息总数" }).getAttribute("value"))!);
    await office.getByRole("group", { name: "一、总体情况：插入数据" }).getByRole("button", { name: "插入数据" }).click();
    await office.keyboard.insertText("条。");
    await expect(office.getByRole("textbox", { name: "一、总体情况" }).locator("[data-metric]")).toHaveText("165");
    await save(office);
    await expect(check(office, "N-")).toHaveCount(0);
    await office.screenshot({ path: "docs/screenshots/annual-report-console.png" });
  });

  await test.step("导出 PDF runs on the job queue with its progress, then downloads (草稿)", async () => {
    await office.getByRole("button", { name: "导出 PDF" }).click();
    const link = office.getByTestId("export-jobs").getByRole("link", { name: /下载PDF文件/ });
    await expect(link).toBeVisible({ timeout: 60_000 });
    const response = await office.request.get((await link.getAttribute("href"))!);
    expect(response.headers()["content-type"]).toMatch(/application\/pdf/);
    const json = await office.request.get("/console/reports/2019/export/json");
    expect(tablesOf(await json.body()).table2.licensing).toEqual({ previous_year_items: 0, change: 1, decisions: 79 });
  });

  await test.step("the computed sentences are at hand", async () => {
    await expect(office.getByTestId("overview-sentences")).toContainText("165");
  });

  await test.step("an override with a reason; the check it breaks, accepted with a reason", async () => {
    await overrideCell(office, "table3.new_received.natural_person", "1", "纸质申请登记簿补录，记录系统未收录");
    await expect(cell(office, "table3.new_received.natural_person")).toContainText("计算 0");
    await expect(check(office, "T3-a:natural_person")).toHaveCount(1);
    await expect(cell(office, "table3.new_received.natural_person")).toHaveAttribute("data-check", "error");
    await expect(office.getByRole("button", { name: "送审" })).toBeDisabled();
    for (const id of await checksPanel(office).locator('li[data-severity="error"]:not([data-overridden])').evaluateAll((els) => els.map((e) => e.getAttribute("data-check-id")!))) {
      await acceptCheck(office, id, "补录的申请已于次年初办结，按实际情况说明");
    }
    await expect(cell(office, "table3.new_received.natural_person")).not.toHaveAttribute("data-check", "error");
  });

  const itemId = await test.step("送审", async () => sendForReview(office));
  await expect(office.getByTestId("report-locked")).toBeVisible();

  await test.step("reviewers approve in the items review; the office publishes", async () => {
    const [head, leader, secrecy] = [await signIn("head.bgs"), await signIn("leader.wang"), await signIn("secrecy")];
    await reviewAndPublish({ head, leader, secrecy, office }, itemId);
  });

  await test.step("the office's page shows the corrected version published", async () => {
    await office.goto("/console/reports/2019");
    await expect(office.getByText("已公布").first()).toBeVisible();
    await expect(office.getByTestId("report-versions").getByRole("link")).toHaveCount(2);
  });

  await test.step("public: both versions, real tables and the four downloads, the JSON with the seed figures", async () => {
    const bodies = await checkPublic(visitor, 2019, itemId);
    await expect(visitor.getByTestId("report-versions")).toContainText("补录纸质登记的一件申请");
    await visitor.screenshot({ path: "docs/screenshots/annual-report-public.png" });
    await expect(visitor.getByText("规范性文件").first()).toBeVisible();
    const data = tablesOf(bodies[/JSON/i.source]);
    expect(data.table2.normative_documents).toEqual({ new_made: 5, new_published: 5, total_published: 7 });
    expect(data.table2.licensing).toEqual({ previous_year_items: 0, change: 1, decisions: 79 });
    expect(data.table2.other_services).toEqual({ previous_year_items: 8, change: 0, decisions: 365 });
    expect(bodies[/DOCX|Word/i.source].subarray(0, 2).toString()).toBe("PK");
    expect(bodies[/PDF/i.source].subarray(0, 5).toString()).toBe("%PDF-");
    expect(bodies[/CSV/i.source].subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

test("GB2021: 2026 validates on the records but waits for the year's end; 2025 corrected with an override, reviewed, published", async ({ signIn, page: visitor }) => {
  test.setTimeout(600_000);
  const office = await signIn("office");
  await openYear(office, 2026);
  await expect(office.getByTestId("report-format")).toHaveText("GB2021");
  await expect(cell(office, "table2.fees.amount_wan_yuan")).toBeVisible();
  // GB2021 splits （六）其他处理 into three rows; GB2019 has one.
  await expect(office.locator('[data-cell^="table3.other_"]')).toHaveCount(3 * 7);

  await test.step("2026: every check passes on the demo's requests and appeals; 送审 waits for 1 January", async () => {
    await expect(checksPanel(office).locator('li[data-severity="error"]')).toHaveCount(0);
    await office.getByRole("button", { name: "送审" }).click();
    await expect(office.getByText(/2026年尚未结束/)).toBeVisible();
  });

  await openYear(office, 2025);
  await expect(office.getByTestId("report-format")).toHaveText("GB2021");
  await test.step("2025, published by the demo: a correction opens it", async () => {
    await expect(office.getByText("已公布").first()).toBeVisible();
    await office.getByLabel(/^更正说明/).fill("表四漏报一件行政复议案件，予以更正。");
    await office.getByRole("button", { name: "发布更正版" }).click();
    await expect(office.getByTestId("report-locked")).toHaveCount(0);
  });

  let upheld = 0;
  await test.step("an override of 表四 breaks T4; accepted with a reason", async () => {
    const path = "table4.review.upheld";
    upheld = Number((await cell(office, path).getByRole("button").innerText()).replace(/\D/g, "")) + 1;
    await overrideCell(office, path, String(upheld), "一件复议案件结果于年底电话告知，书面决定次年送达");
    await expect(check(office, "T4:review")).toHaveCount(1);
    await expect(cell(office, "table4.review.total")).toHaveAttribute("data-check", "error");
    for (const id of await checksPanel(office).locator('li[data-severity="error"]:not([data-overridden])').evaluateAll((els) => els.map((e) => e.getAttribute("data-check-id")!))) {
      await acceptCheck(office, id, "复议决定书次年送达，按电话告知的结果统计");
    }
  });

  const itemId = await test.step("送审", async () => sendForReview(office));
  await test.step("review and publication", async () => {
    const [head, leader, secrecy] = [await signIn("head.bgs"), await signIn("leader.wang"), await signIn("secrecy")];
    await reviewAndPublish({ head, leader, secrecy, office }, itemId);
  });
  await test.step("public page: both versions, the correction's note, downloads", async () => {
    const bodies = await checkPublic(visitor, 2025, itemId);
    await expect(visitor.getByTestId("report-versions")).toContainText("表四漏报一件行政复议案件");
    const data = tablesOf(bodies[/JSON/i.source]);
    expect(data.table4.review.upheld).toBe(upheld);
  });
});

/** A GB2019 report of zeros for `year`: the JSON shape the import takes. */
function zeroReport(year: number) {
  return { year, format: "GB2019", status: "imported", bureau: "吉林市科学技术局", sections: { overview: "<p>往年报告。</p>", problems: "<p>无。</p>", other: "<p>无。</p>" }, ...emptyTables(GB2019) };
}

test("imports: a malformed file refused with its path, an inconsistent one flagged by each check it breaks", async ({ signIn }) => {
  test.setTimeout(180_000);
  const office = await signIn("office");
  await office.goto("/console/reports");
  const upload = async (name: string, body: unknown) => {
    await office.getByLabel(/^年度报告 JSON 文件/).setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)) });
    await office.getByRole("button", { name: "导入", exact: true }).click();
  };

  await test.step("not JSON at all", async () => {
    await upload("broken.json", "{ not json");
    await expect(office.getByText(/不是有效的 JSON/)).toBeVisible();
  });

  await test.step("an unknown row key and a string where a count belongs: each with its path, nothing saved", async () => {
    const bad = zeroReport(2012) as Record<string, unknown> & { table3: Record<string, unknown> };
    bad.table3 = { ...bad.table3, bogus_row: bad.table3.new_received };
    (bad.table3.new_received as Record<string, unknown>).natural_person = "五";
    await upload("bad.json", bad);
    const problems = office.getByTestId("import-problems");
    await expect(problems).toContainText("table3");
    await expect(problems).toContainText("natural_person");
    await expect(office.getByText(/未保存/).first()).toBeVisible();
    await office.goto("/console/reports");
    await expect(office.getByTestId("report-years").locator('tr[data-year="2012"]')).toHaveCount(0);
  });

  await test.step("inconsistent figures: T3-a, T3-b, T3-c and T4 each flag their cells", async () => {
    const report = zeroReport(2013);
    const t3 = report.table3 as Record<string, Record<string, number>>;
    t3.new_received = { ...t3.new_received, natural_person: 5, total: 5 }; // 一 ≠ （七）+ 四: T3-a
    t3.granted = { ...t3.granted, natural_person: 2, total: 3 }; // the row does not add up: T3-b
    t3.total_processed = { ...t3.total_processed, natural_person: 4, total: 5 }; // （七） ≠ the leaves: T3-c
    const t4 = report.table4 as Record<string, Record<string, number>>;
    t4.review = { ...t4.review, upheld: 1, total: 0 }; // 总计 ≠ 维持+纠正+其他+尚未审结: T4
    await upload("2013.json", report);
    await expect(office.getByText("已导入 2013 年年度报告。")).toBeVisible();
    await office.getByRole("link", { name: "查看 2013 年报告" }).click();
    await expect(office.getByRole("heading", { level: 1, name: "2013年政府信息公开工作年度报告" })).toBeVisible();
    for (const id of ["T3-a", "T3-b:granted", "T3-c", "T4:review"]) await expect(check(office, id).first()).toBeVisible();
    await expect(cell(office, "table3.granted.total")).toHaveAttribute("data-check", "error");
    await expect(cell(office, "table4.review.total")).toHaveAttribute("data-check", "error");
    await expect(cell(office, "table3.total_processed.natural_person")).toHaveAttribute("data-check", "error");
  });
});

test("only the office has the annual report", async ({ signIn }) => {
  const liaison = await signIn("liaison.gx");
  await expect(liaison.getByRole("link", { name: "年度报告", exact: true })).toHaveCount(0);
  const response = await liaison.goto("/console/reports/2019");
  expect([403, 404]).toContain(response?.status());
  const office = await signIn("office");
  await expect(office.getByTestId("report-countdown")).toContainText("年度报告应于");
  expect((await office.goto("/console/reports/2019"))?.status()).toBe(200);
});
