import { expect, field, test } from "./console-helpers";

/**
 * 文书模板 as the office edits them: a reply letter's paragraph with an unknown {占位符} is refused
 * next to that paragraph with everything typed kept; a good edit is saved, previewed as a PDF and
 * listed as 已修改; 恢复默认 brings the default wording back.
 */

test("the office edits a reply template, is refused {不存在}, saves a good edit and resets it", async ({ signIn }) => {
  const office = await signIn("office");
  await office.goto("/console/admin");
  await office.getByRole("link", { name: "文书模板" }).first().click();
  await expect(office.getByRole("heading", { name: "文书模板" })).toBeVisible();
  const row = office.locator('[data-template="noproc_3_publication"]');
  await row.getByRole("link").click();
  await expect(office.getByRole("heading", { name: /答复书·不予处理·要求提供公开出版物/ })).toBeVisible();
  await expect(office.getByTestId("placeholders")).toContainText("{出版物名称}");

  // Start from the default (a previous run may have left an edit).
  const reset = office.getByRole("button", { name: "恢复默认" });
  if (await reset.isVisible()) {
    office.once("dialog", (d) => d.accept());
    await reset.click();
    await expect(office).toHaveURL(/done=reset/);
  }

  await office.getByRole("button", { name: "添加段落" }).click();
  const last = office.getByRole("textbox", { name: /^第\d+段$/ }).last();
  const label = await office.locator("[data-paragraph]").last().getAttribute("data-paragraph");
  await last.fill("请于{不存在}前来领取。");
  await field(office, "标题").fill("政府信息公开申请答复书（E2E）");
  await office.getByRole("button", { name: "保存模板" }).click();
  await expect(office.getByRole("alert").filter({ hasText: "未知的占位符" })).toContainText(`正文第${label}段：未知的占位符“{不存在}”`);
  await expect(last).toHaveAttribute("aria-invalid", "true");
  await expect(last).toHaveValue("请于{不存在}前来领取。");
  await expect(field(office, "标题")).toHaveValue("政府信息公开申请答复书（E2E）");

  await last.fill("可通过{获取途径}获取，如有疑问请致电本机关。");
  const [preview] = await Promise.all([office.waitForEvent("popup"), office.getByRole("button", { name: "预览 PDF" }).click()]);
  await preview.waitForLoadState();
  expect(preview.url()).toContain("/console/admin/letters/noproc_3_publication/preview");
  await preview.close();

  await office.getByRole("button", { name: "保存模板" }).click();
  await expect(office.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await office.reload();
  await expect(office.getByText("本模板已由本机关修改。")).toBeVisible();
  await expect(field(office, "标题")).toHaveValue("政府信息公开申请答复书（E2E）");
  await office.goto("/console/admin/letters");
  await expect(office.locator('[data-template="noproc_3_publication"]')).toContainText("已修改");

  await office.locator('[data-template="noproc_3_publication"]').getByRole("link").click();
  office.once("dialog", (d) => d.accept());
  await office.getByRole("button", { name: "恢复默认" }).click();
  await expect(office).toHaveURL(/done=reset/);
  await expect(office.getByText("本模板为系统默认内容。")).toBeVisible();
  await expect(field(office, "标题")).toHaveValue("政府信息公开申请答复书");
  await expect(office.getByRole("button", { name: "恢复默认" })).toHaveCount(0);
});

test("a liaison gets 403 on the templates and the letter downloads answer 404 for a forged id", async ({ signIn }) => {
  const liaison = await signIn("liaison.gx");
  expect((await liaison.goto("/console/admin/letters"))?.status()).toBe(403);
  const download = await liaison.request.get("/console/requests/no-such-request/documents/no-such-doc?format=pdf");
  expect(download.status()).toBe(404);
  expect(await download.text()).toContain("未找到");
  const badFormat = await liaison.request.get("/console/requests/x/notices/1?format=exe");
  expect(badFormat.status()).toBe(400);
  expect(await badFormat.text()).toContain("不支持的文件格式");
});
