import type { Locator, Page } from "@playwright/test";
import { sampleNoticeDocx } from "../support/sample-files";
import { chinaDate, expect, field, fillDraftForm, test, uniqueTitle } from "./console-helpers";

/**
 * Tables in item bodies are tables wherever a body is shown: a grid of bordered cells side by
 * side, and on a phone a wide table scrolls in its own box rather than widening the page.
 */

/** Published by the demo from its 2019 records (prisma/seed-reports.ts): tables 二, 三 and 四 as real tables. */
const ANNUAL_REPORT = "吉林市科学技术局2019年政府信息公开工作年度报告";

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
  // exact: the annual-report spec may have published a 更正版 beside it.
  await page.getByRole("link", { name: ANNUAL_REPORT, exact: true }).click();
  await expect(page.getByTestId("public-item-title")).toHaveText(ANNUAL_REPORT);
}

test("the 2019 annual report's statutory tables are bordered grids with their header spanning the columns", async ({ page }) => {
  await openAnnualReport(page);
  const table = page.locator("main table").first();
  // Table 二's blocks share one grid of 7 columns (3 and 2 value columns both divide 6).
  await expect(table.locator("th", { hasText: "第二十条第（一）项" })).toHaveAttribute("colspan", "7");
  const row = table.getByRole("row").filter({ hasText: "规范性文件" });
  await expectSideBySide(row.locator("th, td").nth(0), row.locator("th, td").nth(1));
  await expectSideBySide(table.locator("th", { hasText: "信息内容" }).first(), table.locator("th", { hasText: "本年新制作数量" }).first());
  await expect(page.locator("main table")).toHaveCount(3);
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
    await expectSideBySide(row.locator("th, td").nth(0), row.locator("th, td").nth(1));
  } finally {
    await phone.close();
  }
});

test("a Word notice: its title fills 标题, its timetable is a table in the editor and on the console page", async ({ signIn }) => {
  const page = await signIn("liaison.gx");
  const title = uniqueTitle("关于申报科技计划项目的通知");
  await page.goto("/console/items/new");
  await fillDraftForm(page, { column: "通知公告", formedOn: chinaDate(-1) });
  await expect(field(page, "标题")).toHaveValue("");
  const docx = await sampleNoticeDocx({ title });
  await page.getByLabel("从 Word 导入（.docx）").setInputFiles({ name: "通知.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: Buffer.from(docx) });
  await expect(page.getByText(`已将文档标题“${title}”填入标题，并从正文中移除。`)).toBeVisible();
  await expect(field(page, "标题")).toHaveValue(title);
  const editor = field(page, "正文");
  await expect(editor.locator("h2").first()).toHaveText("一、申报时间");
  await expect(editor).not.toContainText(title);
  await expectSideBySide(editor.locator("td", { hasText: "企业填报" }), editor.locator("td", { hasText: "12月15日前" }));
  await expect(editor.locator("td", { hasText: "处室审核" })).toHaveAttribute("rowspan", "2");

  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("已保存（第 1 版）。")).toBeVisible();
  await expect(page.getByTestId("item-title")).toHaveText(title);
  const body = page.locator(".prose-gov");
  await expectSideBySide(body.getByRole("cell", { name: "企业填报" }), body.getByRole("cell", { name: "12月15日前" }));
  await expect(body.getByRole("cell", { name: "申报时间安排" })).toHaveAttribute("colspan", "2");
});

test("a Word import keeps a 标题 already typed and the whole body", async ({ signIn }) => {
  const page = await signIn("liaison.gx");
  await page.goto("/console/items/new");
  await fillDraftForm(page, { title: "已填写的标题" });
  await page.getByLabel("从 Word 导入（.docx）").setInputFiles({ name: "通知.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: Buffer.from(await sampleNoticeDocx({ title: "文档里的标题" })) });
  await expect(page.getByText("已从“通知.docx”导入正文，请核对格式。")).toBeVisible();
  await expect(field(page, "标题")).toHaveValue("已填写的标题");
  await expect(field(page, "正文").locator("h2").first()).toHaveText("文档里的标题");
});
