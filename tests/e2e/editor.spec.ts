import { sampleDocx, sampleExe, samplePdf } from "../support/sample-files";
import {
  chinaDate,
  expect,
  field,
  fillDraftForm,
  fillEditor,
  itemIdFromUrl,
  openFromQueue,
  openNewForm,
  review,
  signIn as signInOn,
  signOut,
  submitForReview,
  test,
  uniqueTitle,
} from "./console-helpers";

/**
 * The liaison's item form as a clerk uses it: catalogue fields, the rich-text editor, Word
 * import, attachments (and what the server refuses), autosave across a lapsed session, and two
 * people saving the same draft.
 */

test("catalogue fields, formatting and a save survive a reload; bad dates and a missing reason are refused", async ({ signIn }) => {
  const page = await signIn("liaison.gx");
  const title = uniqueTitle("吉林市科技计划项目管理办法");
  await openNewForm(page);
  await fillDraftForm(page, { title, column: "通知公告", formedOn: chinaDate(-3) });
  await expect(field(page, "发布机构")).toHaveValue("高新技术科");
  await field(page, "文号").fill("吉市科发〔2026〕21号");
  await field(page, "主题分类").selectOption("科技、教育");
  await field(page, "关键词").fill("科技计划、项目管理");
  await field(page, "内容概述").fill("规范市级科技计划项目的立项和验收。");
  await field(page, "第二十条所列信息").selectOption({ label: "（一）行政法规、规章和规范性文件" });
  await field(page, "文件类型").selectOption({ label: "行政规范性文件" });
  await field(page, "有效性").selectOption({ label: "有效" });
  await field(page, "成文日期").fill(chinaDate(-3));
  await field(page, "废止日期").fill(chinaDate(-10));
  await page.getByRole("checkbox", { name: "微信公众号" }).check();
  await field(page, "公开属性").selectOption({ label: "依申请公开" });

  await fillEditor(page, "第一条 为规范市级科技计划项目管理，制定本办法。");
  await page.keyboard.press("Enter");
  await page.keyboard.press("ControlOrMeta+b");
  await page.keyboard.insertText("第二条 加粗的条款。");
  await page.keyboard.press("ControlOrMeta+b");
  const toolbar = page.getByRole("toolbar", { name: "正文格式" });
  await toolbar.getByRole("button", { name: "居中" }).click();
  await expect(toolbar.getByRole("button", { name: "居中" })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("废止日期不能早于成文日期")).toBeVisible();
  await expect(page.getByText("依申请公开或不予公开时，必须选择条例第十四至十六条规定的理由")).toBeVisible();
  await expect(field(page, "废止日期")).toHaveAttribute("aria-invalid", "true");
  // Nothing typed is lost on a refusal.
  await expect(field(page, "标题")).toHaveValue(title);
  await expect(field(page, "正文").locator("strong")).toHaveText("第二条 加粗的条款。");

  await field(page, "废止日期").fill("");
  await field(page, "公开属性").selectOption({ label: "主动公开" });
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("已保存（第 1 版）。")).toBeVisible();
  const catalogue = page.getByTestId("catalogue");
  await expect(catalogue.locator('[data-field="topic"]')).toHaveText("科技、教育");
  await expect(catalogue.locator('[data-field="documentType"]')).toHaveText("行政规范性文件");
  await expect(catalogue.locator('[data-field="article20Item"]')).toHaveText("第二十条（一） 行政法规、规章和规范性文件");
  await expect(catalogue.locator('[data-field="channels"]')).toHaveText("本机关网站、微信公众号");
  await expect(page.locator(".prose-gov strong").first()).toHaveText("第二条 加粗的条款。");
  await expect(page.locator('.prose-gov p[style*="center"]')).toHaveText("第二条 加粗的条款。");

  await page.getByRole("link", { name: "修改", exact: true }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await page.reload();
  await expect(field(page, "标题")).toHaveValue(title);
  await expect(field(page, "文号")).toHaveValue("吉市科发〔2026〕21号");
  await expect(field(page, "有效性")).toHaveValue("VALID");
  await expect(page.getByRole("checkbox", { name: "微信公众号" })).toBeChecked();
  await expect(field(page, "正文").locator("strong")).toHaveText("第二条 加粗的条款。");
  await expect(page.getByText("恢复未保存的内容")).toHaveCount(0);
});

test("a .docx is imported into the body and saved", async ({ signIn }) => {
  const page = await signIn("liaison.gx");
  const title = uniqueTitle("科技创新工作方案");
  await openNewForm(page);
  await fillDraftForm(page, { title, column: "通知公告", formedOn: chinaDate(-1) });
  const docx = await sampleDocx([{ text: "一、工作目标", heading: true }, { text: "加强科技创新，", bold: true }, { text: "推动成果转化。" }]);
  await page.getByLabel("从 Word 导入（.docx）").setInputFiles({ name: "工作方案.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: Buffer.from(docx) });
  await expect(page.getByText("已从“工作方案.docx”导入正文，请核对格式。")).toBeVisible();
  const editor = field(page, "正文");
  await expect(editor.locator("h2")).toHaveText("一、工作目标");
  await expect(editor.locator("strong")).toHaveText("加强科技创新，");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("已保存（第 1 版）。")).toBeVisible();
  await expect(page.locator(".prose-gov h2")).toHaveText("一、工作目标");
  await expect(page.getByText("推动成果转化。")).toBeVisible();

  await page.getByRole("link", { name: "修改", exact: true }).click();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByLabel("从 Word 导入（.docx）").setInputFiles({ name: "改名的程序.docx", mimeType: "application/octet-stream", buffer: Buffer.from(sampleExe()) });
  await expect(page.getByRole("alert").filter({ hasText: "实际内容是Windows 可执行程序" })).toBeVisible();
});

test("an attachment goes up with the draft, through the workflow, and down from the public site byte for byte", async ({ signIn, browser }) => {
  test.setTimeout(180_000);
  const liaison = await signIn("liaison.gx");
  const title = uniqueTitle("关于公布2026年度科技计划项目的通知");
  const pdf = Buffer.from(samplePdf(`attachment ${title}`));
  await openNewForm(liaison);
  await fillDraftForm(liaison, { title, column: "通知公告", formedOn: chinaDate(-1), body: "现将项目名单公布如下，详见附件。" });

  await test.step("an .exe renamed .pdf is refused with a clear message", async () => {
    await liaison.getByLabel("上传附件").setInputFiles({ name: "项目名单.pdf", mimeType: "application/pdf", buffer: Buffer.from(sampleExe()) });
    await expect(liaison.getByRole("alert").filter({ hasText: "文件“项目名单.pdf”的实际内容是Windows 可执行程序，与扩展名 .pdf 不符，不能上传。" })).toBeVisible();
    await expect(liaison.getByTestId("attachment-row")).toHaveCount(0);
  });

  await liaison.getByLabel("上传附件").setInputFiles({ name: "2026年度项目名单.pdf", mimeType: "application/pdf", buffer: pdf });
  await expect(liaison.getByTestId("attachment-row")).toHaveCount(1);
  await expect(liaison.getByTestId("attachment-row")).toContainText("2026年度项目名单.pdf");
  await liaison.getByRole("button", { name: "保存草稿" }).click();
  await expect(liaison.getByText("已保存（第 1 版）。")).toBeVisible();
  const id = itemIdFromUrl(liaison);
  const link = liaison.getByRole("link", { name: "2026年度项目名单.pdf" });
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/^\/attachments\/[^/]+$/);

  const visitor = await browser.newContext();
  try {
    const anonymous = visitor.request;
    expect((await anonymous.get(href)).status(), "a draft's attachment without a session").toBe(404);
    const staff = await liaison.request.get(href);
    expect(staff.status()).toBe(200);
    expect(staff.headers()["cache-control"]).toContain("private");

    await submitForReview(liaison);
    for (const [user, queue] of [["head.gx", "待处室负责人审核"], ["leader.guo", "待分管领导审核"], ["secrecy", "待保密审查"]] as const) {
      const reviewer = await signIn(user);
      await openFromQueue(reviewer, queue, title);
      await expect(reviewer.getByRole("link", { name: "2026年度项目名单.pdf" })).toBeVisible();
      await review(reviewer, "同意公开");
      await expect(reviewer.getByText("审核意见已提交。")).toBeVisible();
    }
    expect((await anonymous.get(href)).status(), "approved but not yet published").toBe(404);
    const office = await signIn("office");
    await openFromQueue(office, "待发布", title);
    await office.getByRole("button", { name: "发布到公开网站" }).click();
    await expect(office.getByText(/^已发布，索引号 /)).toBeVisible();

    const page = await visitor.newPage();
    await page.goto(`/items/${id}`);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(Buffer.compare(await response.body(), pdf)).toBe(0);
    const headers = response.headers();
    expect(headers["content-type"]).toBe("application/pdf");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-disposition"]).toBe(`attachment; filename="2026${"_".repeat(6)}.pdf"; filename*=UTF-8''${encodeURIComponent("2026年度项目名单.pdf")}`);
    expect(headers["cache-control"]).toContain("public");
  } finally {
    await visitor.close();
  }

  await test.step("editing the published item says the public keeps the published version", async () => {
    await liaison.goto(`/console/items/${id}`);
    await liaison.getByRole("link", { name: "修改", exact: true }).click();
    await expect(liaison.getByText("修改已发布信息将重新送审，公开网站在重新发布前继续显示原版本")).toBeVisible();
    await expect(liaison.getByTestId("attachment-row")).toContainText("2026年度项目名单.pdf");
  });
});

test("two people save the same draft: the second keeps what they typed and sees the difference", async ({ signIn }) => {
  const first = await signIn("liaison.gx");
  const title = uniqueTitle("同时编辑的草稿");
  await openNewForm(first);
  await fillDraftForm(first, { title, column: "通知公告", formedOn: chinaDate(-1), body: "原始正文。" });
  await first.getByRole("button", { name: "保存草稿" }).click();
  await expect(first.getByText("已保存（第 1 版）。")).toBeVisible();
  const id = itemIdFromUrl(first);

  const second = await signIn("liaison.gx");
  await second.goto(`/console/items/${id}/edit`);
  await first.goto(`/console/items/${id}/edit`);
  await fillDraftForm(first, { title: `${title}（甲改）` });
  await first.getByRole("button", { name: "保存修改" }).click();
  await expect(first.getByText("已保存（第 2 版）。")).toBeVisible();

  await fillDraftForm(second, { title: `${title}（乙改）`, body: "乙补充的正文。" });
  await second.getByRole("button", { name: "保存修改" }).click();
  await expect(second.getByRole("alert").filter({ hasText: "在您编辑期间，该信息已被他人修改或已提交" })).toBeVisible();
  await expect(field(second, "标题")).toHaveValue(`${title}（乙改）`);
  await expect(field(second, "正文")).toContainText("乙补充的正文。");
  const titleDiff = second.getByTestId("revision-diff").locator('[data-diff-field="title"]');
  await expect(titleDiff.locator("del").first()).toContainText("甲");
  await expect(titleDiff.locator("ins").first()).toContainText("乙");
  await expect(second.getByRole("link", { name: "在新标签页打开最新版本" })).toHaveAttribute("target", "_blank");

  await second.getByRole("button", { name: "在第 2 版基础上继续编辑" }).click();
  await second.getByRole("button", { name: "保存修改" }).click();
  await expect(second.getByText("已保存（第 3 版）。")).toBeVisible();
  await expect(second.getByTestId("item-title")).toHaveText(`${title}（乙改）`);
  await expect(second.getByTestId("revision-diff").locator('[data-diff-field="title"]')).toContainText("乙");
});

test("a session that ends mid-edit loses nothing: the draft is offered again after signing in", async ({ page }) => {
  await signInOn(page, "liaison.cg");
  const title = uniqueTitle("登录过期时的草稿");
  await openNewForm(page);
  await fillDraftForm(page, { title, column: "科技动态", body: "会话过期前输入的正文。" });
  await expect(page.getByTestId("autosave-status")).toContainText("已自动保存", { timeout: 15_000 });

  const other = await page.context().newPage();
  await other.goto("/console");
  await signOut(other);
  await other.close();

  await field(page, "关键词").fill("过期后继续输入");
  await expect(page.getByTestId("autosave-status")).toContainText("登录已过期", { timeout: 15_000 });
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "登录已过期，内容未保存" })).toBeVisible();
  await expect(field(page, "标题")).toHaveValue(title);

  await page.reload();
  await expect(page).toHaveURL(/\/console\/login/);
  await signInOn(page, "liaison.cg");
  await openNewForm(page);
  await page.getByRole("button", { name: "恢复未保存的内容" }).click();
  await expect(field(page, "标题")).toHaveValue(title);
  await expect(field(page, "关键词")).toHaveValue("过期后继续输入");
  await expect(field(page, "正文")).toContainText("会话过期前输入的正文。");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("已保存（第 1 版）。")).toBeVisible();
  await openNewForm(page);
  await expect(page.getByRole("button", { name: "恢复未保存的内容" })).toHaveCount(0);
});
