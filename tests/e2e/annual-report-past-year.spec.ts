import type { Page } from "@playwright/test";
import { expect, test } from "./console-helpers";

/**
 * A past year typed into the format's tables (issue 9 §6): the office opens a year with no report
 * from the years list, a bad figure is refused in Chinese with everything typed kept, and the
 * corrected form becomes the year's frozen report, status 已导入, with the check its figures break
 * flagged. The year cannot be typed in twice, and only the office may type it.
 *
 * 2021 (GB2021): no demo report in 2020–2022, so nothing else reads it as its 上年 or 下年.
 */

const YEAR = 2021;
const field = (page: Page, path: string) => page.locator(`[name="${path}"]`);

test("a past year typed into the tables becomes its imported report, checks flagged", async ({ signIn }) => {
  const office = await signIn("office");

  await test.step("the years list links a past year with no report to the form", async () => {
    await office.goto("/console/reports");
    await office.getByTestId("report-years").locator(`tr[data-year="${YEAR}"]`).getByRole("link", { name: /按表录入往年报告/ }).click();
    await expect(office).toHaveURL(new RegExp(`/console/reports/${YEAR}/past$`));
    await expect(office.getByRole("heading", { level: 1, name: `录入${YEAR}年政府信息公开工作年度报告` })).toBeVisible();
    // The format's own 勾稽 note is the hint of what will be checked.
    await expect(office.getByTestId("past-year-form").getByText(/按本表行列核对.*第一项加第二项之和/)).toBeVisible();
  });

  await test.step("a negative count is refused in Chinese; nothing typed is lost", async () => {
    await field(office, "table2.licensing.decisions").fill("30");
    await field(office, "table2.fees.amount_wan_yuan").fill("12.5");
    await field(office, "table3.new_received.natural_person").fill("-1");
    // 新收 5 with no outcome and nothing carried forward: 一 + 二 ≠ （七） + 四 (T3-a).
    await field(office, "table3.new_received.total").fill("5");
    await office.getByLabel("一、总体情况").fill(`${YEAR}年，我局依法公开政府信息。\n申请与答复<按时>办结。`);
    await office.getByRole("button", { name: `导入为 ${YEAR} 年已公布的报告` }).click();

    await expect(office.getByText(/有 1 个单元格的数值有误，未导入/)).toBeVisible();
    const bad = field(office, "table3.new_received.natural_person");
    await expect(bad).toHaveAttribute("aria-invalid", "true");
    await expect(office.locator("#past-table3-new_received-natural_person-error")).toContainText("不能为负数");
    await expect(office.getByTestId("past-year-problems")).toContainText("表三 · 一、本年新收政府信息公开申请数量 · 自然人");
    await expect(bad).toHaveValue("-1");
    await expect(field(office, "table2.licensing.decisions")).toHaveValue("30");
    await expect(field(office, "table2.fees.amount_wan_yuan")).toHaveValue("12.5");
    await expect(field(office, "table3.new_received.total")).toHaveValue("5");
    await expect(office.getByLabel("一、总体情况")).toHaveValue(`${YEAR}年，我局依法公开政府信息。\n申请与答复<按时>办结。`);
  });

  await test.step("corrected, it becomes the year's imported report with T3-a flagged", async () => {
    await field(office, "table3.new_received.natural_person").fill("5");
    await office.getByRole("button", { name: `导入为 ${YEAR} 年已公布的报告` }).click();
    await expect(office).toHaveURL(new RegExp(`/console/reports/${YEAR}$`));
    await expect(office.getByRole("heading", { level: 1, name: `${YEAR}年政府信息公开工作年度报告` })).toBeVisible();
    await expect(office.getByText("已导入", { exact: true }).first()).toBeVisible();
    await expect(office.locator('[data-cell="table2.fees.amount_wan_yuan"]')).toHaveText("12.5");
    await expect(office.locator('[data-cell="table2.licensing.decisions"]')).toHaveText("30");
    await expect(office.locator('[data-cell="table3.new_received.total"]')).toHaveAttribute("data-check", "error");
    await expect(office.getByTestId("checks-panel").locator('li[data-check-id^="T3-a"]').first()).toBeVisible();
    // Each line its own paragraph, the text escaped, not markup.
    await expect(office.getByText("申请与答复<按时>办结。")).toBeVisible();
  });

  await test.step("the year is taken now: no link, and the form says why", async () => {
    await office.goto("/console/reports");
    const row = office.getByTestId("report-years").locator(`tr[data-year="${YEAR}"]`);
    await expect(row).toContainText("已导入");
    await expect(row.getByRole("link", { name: /按表录入往年报告/ })).toHaveCount(0);
    await office.goto(`/console/reports/${YEAR}/past`);
    await expect(office.getByTestId("past-year-refusal")).toContainText(`${YEAR} 年已有已公布或已导入的年度报告`);
    await expect(office.getByTestId("past-year-form")).toHaveCount(0);
  });

  await test.step("this year is not a past year", async () => {
    const thisYear = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
    await office.goto(`/console/reports/${thisYear}/past`);
    await expect(office.getByTestId("past-year-refusal")).toContainText("尚未结束");
    await expect(office.getByTestId("past-year-form")).toHaveCount(0);
  });
});

test("only the office may type a past year", async ({ signIn }) => {
  const leader = await signIn("leader.wang");
  expect((await leader.goto("/console/reports/2022/past"))?.status()).toBe(403);
  const office = await signIn("office");
  expect((await office.goto("/console/reports/2022/past"))?.status()).toBe(200);
  await expect(office.getByTestId("past-year-form")).toBeVisible();
});
