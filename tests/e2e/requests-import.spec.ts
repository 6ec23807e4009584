import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./console-helpers";

/**
 * The office brings its old 台账 in (issue 8 §9): downloads the template, uploads a file with two
 * bad rows — both listed by row and column, nothing imported — then a good file, confirms, and sees
 * the count land.
 */

const badFile = path.resolve("tests/fixtures/ledger/requests-two-bad-rows.csv");

test("template, a bad file refused row by row, a good file imported", async ({ signIn }) => {
  const page = await signIn("office");
  await page.goto("/console/requests/import");
  await expect(page.getByRole("heading", { name: "导入台账" })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Excel 模板" }).click();
  const template = await downloading;
  expect(template.suggestedFilename()).toBe("依申请公开台账模板.xlsx");

  await page.getByLabel(/台账文件/).setInputFiles(badFile);
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByText("未导入任何数据")).toBeVisible();
  const errors = page.getByTestId("ledger-errors").locator("tbody tr");
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText("第 3 行");
  await expect(errors.nth(0)).toContainText("收到日期");
  await expect(errors.nth(1)).toContainText("第 5 行");
  await expect(errors.nth(1)).toContainText("申请人类型");
  await expect(page.getByRole("button", { name: /确认导入/ })).toHaveCount(0);

  const run = Date.now().toString(36);
  const good = readFileSync(badFile, "utf8")
    .replace("2024-02-30", "2024-02-28")
    .replace("外星人", "自然人")
    .replaceAll("E2E-BAD-", `E2E-${run}-`);
  await page.getByLabel(/台账文件/).setInputFiles({ name: "台账.csv", mimeType: "text/csv", buffer: Buffer.from(good, "utf8") });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByTestId("ledger-row-count")).toHaveText("4");
  await expect(page.getByTestId("ledger-sample")).toContainText(`E2E-${run}-1`);
  await page.getByRole("button", { name: "确认导入 4 条" }).click();

  await expect(page).toHaveURL(/\/console\/requests\/import\?upload=/);
  await expect(page.getByTestId("import-result")).toContainText("已导入 4 条依申请公开申请（已办结 2 条，办理中 2 条）", { timeout: 30_000 });

  // the same file again is refused by its digest
  await page.getByRole("link", { name: "继续导入其他文件" }).click();
  await page.getByLabel(/台账文件/).setInputFiles({ name: "台账.csv", mimeType: "text/csv", buffer: Buffer.from(good, "utf8") });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "不能重复导入" })).toBeVisible();
});

test("only the office may import", async ({ signIn }) => {
  const page = await signIn("liaison.gx");
  const response = await page.goto("/console/requests/import");
  expect(response?.status()).toBe(403);
});
