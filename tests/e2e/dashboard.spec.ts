import { expect, field, test } from "./console-helpers";

/**
 * Timeliness in the browser: the sysadmin edits the WorkCalendar (an override shows as such, a bad
 * field is explained beside it, removing restores the bundled data, nobody else gets in), and the
 * office and a liaison read the dashboard (chart and table, each within their scope).
 */

test("the sysadmin adds a 调休上班日, sees it marked as an edit, and removes it; others get 403", async ({ signIn }) => {
  const admin = await signIn("sysadmin");
  await admin.getByRole("navigation", { name: "工作台导航" }).getByRole("link", { name: "工作日历" }).click();
  await expect(admin.getByRole("heading", { name: "工作日历", level: 1 })).toBeVisible();
  // The bundled data: 2026's 国庆节 is there, marked 内置.
  await admin.goto("/console/calendar?year=2026");
  await expect(admin.locator('tr[data-date="2026-10-01"]')).toContainText("法定节假日");
  await expect(admin.locator('tr[data-date="2026-10-01"]')).toContainText("内置");

  // A missing name is refused beside the field, and what was typed stays.
  await field(admin, "日期").fill("2027-02-20");
  await field(admin, "类型").selectOption({ label: "调休上班日（上班）" });
  await admin.getByRole("button", { name: "保存" }).click();
  await expect(admin.getByText("请填写名称，如 国庆节")).toBeVisible();
  await expect(field(admin, "名称")).toHaveAttribute("aria-invalid", "true");
  await expect(field(admin, "日期")).toHaveValue("2027-02-20");

  await field(admin, "名称").fill("春节");
  await admin.getByRole("button", { name: "保存" }).click();
  await expect(admin).toHaveURL(/year=2027&saved=2027-02-20/);
  await expect(admin.getByRole("status").filter({ hasText: "已保存：2027年2月20日 调休上班日（春节）" })).toBeVisible();
  const row = admin.locator('tr[data-date="2027-02-20"]');
  await expect(row).toContainText("周六");
  await expect(row).toContainText("调休上班日");
  await expect(row).toContainText("新增");
  // 2027 has no bundled notice: the page says so and offers to confirm it once complete.
  await expect(admin.getByText("2027 年的节假日安排尚未录入。")).toBeVisible();
  await expect(admin.getByRole("button", { name: "确认 2027 年已完整录入" })).toBeVisible();

  await row.getByRole("button", { name: "删除" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "已删除 2027年2月20日 的修改" })).toBeVisible();
  await expect(admin.locator('tr[data-date="2027-02-20"]')).toHaveCount(0);

  const office = await signIn("office");
  await expect(office.getByRole("navigation", { name: "工作台导航" }).getByRole("link", { name: "工作日历" })).toHaveCount(0);
  expect((await office.goto("/console/calendar"))?.status()).toBe(403);
});

test("the office opens the dashboard: the bureau's chart and table, then one department's", async ({ signIn }) => {
  const office = await signIn("office");
  await office.getByRole("navigation", { name: "工作台导航" }).getByRole("link", { name: "公开时效统计" }).click();
  await expect(office.getByRole("heading", { name: "公开时效统计", level: 1 })).toBeVisible();
  await expect(office.getByTestId("dashboard-scope")).toContainText("全局");

  const chart = office.getByRole("img", { name: /各月提交、按时发布、逾期发布与月度目标/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator("rect").first()).toBeVisible();
  const table = office.getByTestId("monthly-table");
  await expect(table.locator("tbody tr")).toHaveCount(12);
  await expect(table.getByRole("columnheader", { name: "按时率" })).toBeVisible();
  await expect(table.locator("tfoot")).toContainText("全年");

  // The seed has 高新技术科 publish one item late: its line and its own page say so.
  const departments = office.getByTestId("department-table");
  await expect(departments.getByRole("link", { name: "成果转化科" })).toBeVisible();
  await departments.getByRole("link", { name: "高新技术科" }).click();
  await expect(office.getByTestId("dashboard-scope")).toContainText("高新技术科");
  const late = await office.getByTestId("monthly-table").locator("tfoot td").nth(5).textContent();
  expect(Number(late)).toBeGreaterThanOrEqual(1);
  await expect(office.getByTestId("timeliness-chart")).toBeVisible();
});

test("a liaison sees their own department's dashboard only", async ({ signIn }) => {
  const liaison = await signIn("liaison.gx");
  await liaison.goto("/console/dashboard");
  await expect(liaison.getByTestId("dashboard-scope")).toContainText("高新技术科");
  await expect(liaison.getByTestId("department-table")).toHaveCount(0);
  expect((await liaison.goto("/console/dashboard?department=CGZH"))?.status()).toBe(404);
  expect((await liaison.goto("/console/calendar"))?.status()).toBe(403);
});
