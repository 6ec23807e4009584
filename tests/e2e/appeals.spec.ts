import { chinaDate, expect, test } from "./console-helpers";

/** A 行政复议 registered while pending, then concluded as 维持, counted in table 四's cell. */

test("create a pending 行政复议, conclude it as 维持, see it in the table", async ({ signIn }) => {
  const page = await signIn("office");
  await page.goto("/console/appeals");
  const cell = page.locator('[data-cell="review-upheld"]');
  const before = Number(await cell.textContent());

  await page.getByRole("link", { name: "登记案件" }).click();
  await page.getByLabel("类型").selectOption({ label: "行政复议" });
  await page.getByLabel("收到日期").fill(chinaDate(-10));
  await page.getByLabel("审结日期").fill(chinaDate(-1));
  await page.getByRole("button", { name: "登记" }).click();
  // pending with a date: refused with the reason, what was typed kept
  await expect(page.getByText("尚未审结的案件不填写审结日期")).toBeVisible();
  await expect(page.getByLabel("收到日期")).toHaveValue(chinaDate(-10));
  await page.getByLabel("审结日期").fill("");
  await page.getByLabel("备注").fill("E2E 复议案件");
  await page.getByRole("button", { name: "登记" }).click();
  await expect(page.getByText("已登记案件。")).toBeVisible();

  const row = page.getByTestId("appeal-list").locator("tr", { hasText: "尚未审结" }).first();
  await row.getByRole("link", { name: "修改或审结" }).click();
  await page.getByLabel("结果").selectOption({ label: "维持" });
  await page.getByLabel("审结日期").fill(chinaDate(-1));
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已保存修改。")).toBeVisible();
  // filed ten days ago: in this year's table unless that crossed New Year
  if (chinaDate(-10).slice(0, 4) === chinaDate().slice(0, 4)) {
    await expect(page.locator('[data-cell="review-upheld"]')).toHaveText(String(before + 1));
  }
  await expect(page.getByTestId("appeal-list")).toContainText("维持");
});

test("only the office keeps the cases", async ({ signIn }) => {
  const page = await signIn("liaison.gx");
  const response = await page.goto("/console/appeals");
  expect(response?.status()).toBe(403);
});
