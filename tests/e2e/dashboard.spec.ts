import { expect, field, signIn as signInOn, test } from "./console-helpers";

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

test("on a 375-pixel phone: the console menu wraps, the 索引号 wraps, the chart shows the latest month with data", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const page = await phone.newPage();
    await signInOn(page, "office");
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    const menu = page.getByRole("navigation", { name: "工作台导航" });
    expect(await menu.locator("ul").evaluate((ul) => ul.scrollWidth - ul.clientWidth)).toBeLessThanOrEqual(0);
    for (const link of await menu.getByRole("link").all()) {
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, await link.innerText()).toBeLessThanOrEqual(375);
    }
    expect(await sideways()).toBeLessThanOrEqual(0);

    const list = await (await page.request.get("/api/v1/items?column=ndbg")).json();
    await page.goto(`/console/items/${list.items[0].id}`);
    const index = page.getByTestId("index-number");
    await expect(index).toHaveText(/^\w+\/\d{4}-\d{5}$/);
    const box = (await index.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(await index.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await sideways()).toBeLessThanOrEqual(0);

    await page.goto("/console/dashboard");
    // The latest month with anything submitted or published, from the table under the chart.
    const rows = await page.getByTestId("monthly-table").locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent!.trim())),
    );
    const latest = Math.max(...rows.filter((r) => Number(r[1]) + Number(r[2]) > 0).map((r) => parseInt(r[0], 10)));
    const chart = page.getByTestId("timeliness-chart-recent");
    await expect(chart).toBeVisible();
    const month = chart.locator(`g[data-month="${latest}"] text`);
    await expect(month).toHaveText(`${latest}月`);
    const label = (await month.boundingBox())!;
    expect(label.x).toBeGreaterThanOrEqual(0);
    expect(label.x + label.width).toBeLessThanOrEqual(375);
    expect(await sideways()).toBeLessThanOrEqual(0);
  } finally {
    await phone.close();
  }
});

test("the office pages through 最近发布 on the 工作台: 20 rows a page, each page a link of its own", async ({ signIn }) => {
  const office = await signIn("office");
  await office.goto("/console");
  const total = Number(await office.getByTestId("count-office-published").textContent());
  expect(total, "the demo bureau has published more than a page (its 2019 records)").toBeGreaterThan(20);
  const rows = office.getByTestId("queue-office-published").locator("li");
  await expect(rows).toHaveCount(20);
  const firstOfPage1 = await rows.first().textContent();
  const pager = office.getByRole("navigation", { name: "最近发布：分页" });
  await expect(pager).toContainText(`第 1 / ${Math.ceil(total / 20)} 页`);
  await pager.getByRole("link", { name: "下一页" }).click();
  await expect(office).toHaveURL(/\/console\?office-published-page=2$/);
  await expect(office.getByRole("navigation", { name: "最近发布：分页" })).toContainText(`第 2 / ${Math.ceil(total / 20)} 页`);
  await expect(rows).toHaveCount(Math.min(20, total - 20));
  expect(await rows.first().textContent()).not.toBe(firstOfPage1);
});
