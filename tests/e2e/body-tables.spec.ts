import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./console-helpers";

/**
 * Tables in item bodies are tables wherever a body is shown: a grid of bordered cells side by
 * side, and on a phone a wide table scrolls in its own box rather than widening the page.
 */

const ANNUAL_REPORT = "吉林市科技局2019年政府信息公开工作年度报告";

/** The cell's border and where it sits, as the reader's browser computed them. */
async function cellBox(cell: Locator) {
  const border = await cell.evaluate((el) => parseFloat(getComputedStyle(el).borderTopWidth) + parseFloat(getComputedStyle(el).borderLeftWidth));
  const box = (await cell.boundingBox())!;
  return { border, ...box };
}

/** Two cells of one row: both bordered, the second to the right of the first on the same line. */
async function expectSideBySide(first: Locator, second: Locator) {
  const [a, b] = [await cellBox(first), await cellBox(second)];
  expect(a.border).toBeGreaterThan(0);
  expect(b.border).toBeGreaterThan(0);
  expect(b.x).toBeGreaterThanOrEqual(a.x + a.width - 2);
  expect(Math.abs(b.y - a.y)).toBeLessThan(2);
}

async function openAnnualReport(page: Page) {
  await page.goto("/annual-reports");
  await page.getByRole("link", { name: ANNUAL_REPORT }).click();
  await expect(page.getByTestId("public-item-title")).toHaveText(ANNUAL_REPORT);
}

test("the 2019 annual report's statutory tables are bordered grids with their header spanning the columns", async ({ page }) => {
  await openAnnualReport(page);
  const table = page.locator("main table").first();
  await expect(table.getByRole("columnheader", { name: "第二十条第(一)项" })).toHaveAttribute("colspan", "4");
  const row = table.getByRole("row").filter({ hasText: "规范性文件" });
  await expectSideBySide(row.getByRole("cell", { name: "规范性文件" }), row.getByRole("cell").nth(1));
  await expectSideBySide(table.getByRole("columnheader", { name: "信息内容" }), table.getByRole("columnheader", { name: "本年新制作数量" }));
  await expect(page.locator("main table")).toHaveCount(5);
});

test("on a 375-pixel phone a table scrolls in its own box; the page does not scroll sideways", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const page = await phone.newPage();
    await openAnnualReport(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = page.getByRole("region", { name: "表格（可左右滚动）" }).first();
    await expect(box).toBeVisible();
    expect(await box.evaluate((el) => getComputedStyle(el).overflowX)).toBe("auto");
    const row = box.getByRole("row").filter({ hasText: "规范性文件" });
    await expectSideBySide(row.getByRole("cell").nth(0), row.getByRole("cell").nth(1));
  } finally {
    await phone.close();
  }
});

