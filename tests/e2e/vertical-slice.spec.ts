import {
  chinaDate,
  expect,
  field,
  fillDraftForm,
  itemIdFromUrl,
  openFromQueue,
  queueRow,
  review,
  submitForReview,
  test,
  uniqueTitle,
} from "./console-helpers";

/**
 * The whole slice as its users click it: a liaison drafts, the department head returns it once,
 * the liaison revises, then 处室负责人 → 分管领导 → 保密审查 approve and the disclosure office
 * publishes; the public sees nothing until then, and afterwards the page with its 索引号.
 */

const SHOTS = "docs/screenshots";

test("draft → return → revise → three approvals → publish → public page", async ({ signIn, page: visitor, browser }) => {
  test.setTimeout(180_000);
  const title = uniqueTitle("关于开展2026年度高新技术企业培育入库工作的通知");
  const firstBody = "各有关单位：\n\n为做好高新技术企业培育工作，现开展培育入库申报。";
  const editedBody = "各有关单位：\n\n为做好高新技术企业培育工作，现开展2026年度培育入库申报，请于12月31日前提交材料。\n\n联系电话：0432-62000000";
  const editedParagraph = "为做好高新技术企业培育工作，现开展2026年度培育入库申报，请于12月31日前提交材料。";

  const liaison = await signIn("liaison.gx");
  let id = "";

  await test.step("liaison.gx: an empty title and a future date are refused, typed values kept", async () => {
    await liaison.getByRole("link", { name: "起草公开信息" }).click();
    await fillDraftForm(liaison, { title: "", column: "通知公告", formedOn: chinaDate(2), body: firstBody });
    await liaison.getByRole("button", { name: "保存草稿" }).click();
    await expect(liaison.getByText("请填写标题")).toBeVisible();
    await expect(liaison.getByText("信息形成日期不能晚于今天")).toBeVisible();
    await expect(field(liaison, "标题")).toHaveAttribute("aria-invalid", "true");
    await expect(field(liaison, "正文")).toContainText("为做好高新技术企业培育工作，现开展培育入库申报。");
    await expect(field(liaison, "栏目").locator("option:checked")).toHaveText("通知公告");
    await expect(liaison).toHaveURL(/\/console\/items\/new$/);
  });

  await test.step("liaison.gx: fixes the form, saves the draft and submits it", async () => {
    await fillDraftForm(liaison, { title, formedOn: chinaDate(-1) });
    await liaison.getByRole("button", { name: "保存草稿" }).click();
    await expect(liaison.getByText("已保存（第 1 版）。")).toBeVisible();
    await expect(liaison.getByTestId("item-title")).toHaveText(title);
    id = itemIdFromUrl(liaison);
    await submitForReview(liaison);
  });

  await test.step("public: nothing before approval", async () => {
    await visitor.goto("/");
    await expect(visitor.getByRole("heading", { name: "最新公开" })).toBeVisible();
    await expect(visitor.getByText(title)).toHaveCount(0);
    const response = await visitor.goto(`/items/${id}`);
    expect(response?.status()).toBe(404);
    await expect(visitor.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  });

  const head = await signIn("head.gx");
  await test.step("head.gx: returning without a reason is refused; with one it goes back", async () => {
    const row = await queueRow(head, "待处室负责人审核", title);
    await expect(row).toContainText("待处室负责人审核");
    await head.screenshot({ path: `${SHOTS}/reviewer-queue.png`, fullPage: true });
    await openFromQueue(head, "待处室负责人审核", title);
    await expect(head.getByRole("button", { name: "提交审核意见" })).toBeVisible();
    await head.screenshot({ path: `${SHOTS}/review-page.png`, fullPage: true });

    await review(head, "退回修改");
    await expect(head.getByText(/请填写退回或不予公开的理由/)).toBeVisible();
    await expect(head.getByRole("radio", { name: "退回修改" })).toBeChecked();
    await review(head, "退回修改", "请补充申报截止日期和联系电话。");
    await expect(head.getByText("审核意见已提交。")).toBeVisible();
  });

  await test.step("liaison.gx: sees it returned, revises and resubmits", async () => {
    const row = await queueRow(liaison, "待我处理", title);
    await expect(row).toContainText("已退回修改");
    await row.getByRole("link", { name: title, exact: true }).click();
    await expect(liaison.getByText("请补充申报截止日期和联系电话。")).toBeVisible();
    await liaison.getByRole("link", { name: "修改", exact: true }).click();
    await expect(field(liaison, "标题")).toHaveValue(title);
    await fillDraftForm(liaison, { body: editedBody });
    await liaison.getByRole("button", { name: "保存修改" }).click();
    await expect(liaison.getByText("已保存（第 2 版）。")).toBeVisible();
    await expect(liaison.getByText(editedParagraph)).toBeVisible();
    await submitForReview(liaison);
  });

  const approvals = [
    { user: "head.gx", queue: "待处室负责人审核" },
    { user: "leader.guo", queue: "待分管领导审核" },
    { user: "secrecy", queue: "待保密审查" },
  ] as const;
  for (const step of approvals) {
    await test.step(`${step.user}: 同意公开`, async () => {
      const reviewer = step.user === "head.gx" ? head : await signIn(step.user);
      await openFromQueue(reviewer, step.queue, title);
      await expect(reviewer.getByText(editedParagraph)).toBeVisible();
      await review(reviewer, "同意公开");
      await expect(reviewer.getByText("审核意见已提交。")).toBeVisible();
    });
  }

  await test.step("public: approved but unpublished is still not public", async () => {
    const response = await visitor.goto(`/items/${id}`);
    expect(response?.status()).toBe(404);
  });

  let indexNumber = "";
  await test.step("office: 发布到公开网站", async () => {
    const office = await signIn("office");
    await openFromQueue(office, "待发布", title);
    await office.getByRole("button", { name: "发布到公开网站" }).click();
    const published = office.getByText(/^已发布，索引号 /);
    await expect(published).toBeVisible();
    indexNumber = /索引号 (\S+?)。?$/.exec((await published.textContent()) ?? "")![1];
  });

  await test.step("public: listed on the home page, item page with 索引号 and the edited body", async () => {
    await visitor.goto("/");
    const link = visitor.getByRole("link", { name: title, exact: true });
    await expect(link).toBeVisible();
    await visitor.screenshot({ path: `${SHOTS}/public-home.png`, fullPage: true });
    await link.click();
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const index = visitor.locator('[data-meta="索引号"]');
    await expect(index).toHaveText(/^[0-9A-Z-]+\/\d{4}-\d{5}$/);
    await expect(index).toHaveText(indexNumber);
    await expect(visitor.locator('[data-meta="发布机构"]')).toHaveText("高新技术科");
    // No 主题分类 was chosen: none is shown (the column's name is not a 主题分类).
    await expect(visitor.locator('[data-meta="主题分类"]')).toHaveCount(0);
    await expect(visitor.getByText(editedParagraph)).toBeVisible();
    await expect(visitor.getByText("现开展培育入库申报。")).toHaveCount(0);
    await visitor.screenshot({ path: `${SHOTS}/public-item.png`, fullPage: true });
  });

  await test.step("public: the home page on a phone", async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    try {
      const page = await phone.newPage();
      await page.goto("/");
      await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/phone-home.png` });
    } finally {
      await phone.close();
    }
  });
});
