import {
  expect,
  openFromQueue,
  review,
  saveDraft,
  signIn as signInOn,
  signOut,
  submitForReview,
  test,
  uniqueTitle,
} from "./console-helpers";

/**
 * What the server refuses, seen from the browser: pages outside a role, items outside a
 * department, a forged id, a stale form posted under someone else's session, two reviewers on one
 * item, logout and a disabled account. Every refusal is a clear Chinese message or a 403/404 page,
 * and nothing saved changes.
 */

test("a visitor without a session is sent to the login page; a wrong password is refused in Chinese", async ({ page }) => {
  await page.goto("/console/users");
  await expect(page).toHaveURL(/\/console\/login/);
  await page.getByLabel(/^用户名/).fill("liaison.gx");
  await page.getByLabel(/^密码/).fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "用户名或密码错误" })).toBeVisible();
  await expect(page).toHaveURL(/\/console\/login/);
});

test("five wrong passwords lock an account and say until when; an unknown name gets the same answer", async ({ page }) => {
  // leader.song signs in nowhere else in the suite: its 30-minute lock troubles no other spec.
  const locked = /账户已锁定，将于 (\d{1,2}月\d{1,2}日 )?\d{2}:\d{2}（北京时间）自动解锁/;
  async function attempt(username: string, password: string) {
    await page.getByLabel(/^用户名/).fill(username);
    await page.getByLabel(/^密码/).fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    return page.getByRole("alert").filter({ hasText: /错误|锁定/ });
  }
  for (const username of ["leader.song", `nobody-${Date.now().toString(36)}`]) {
    await page.goto("/console/login");
    for (let i = 1; i < 5; i++) await expect(await attempt(username, `wrong-${i}`)).toHaveText(/用户名或密码错误/);
    await expect(await attempt(username, "wrong-5")).toHaveText(locked);
    await expect(await attempt(username, "Gongkai@2026")).toHaveText(locked);
    await expect(page).toHaveURL(/\/console\/login/);
  }
});

test("pages outside a role are 403; a forged item id and another department's draft are 404", async ({ signIn }) => {
  const author = await signIn("liaison.gx");
  const title = uniqueTitle("高新技术科内部草稿");
  const id = await saveDraft(author, { title });

  const other = await signIn("liaison.bgs");
  for (const path of ["/console/users", "/console/audit"]) {
    const response = await other.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(other.getByRole("heading", { name: "无权访问" })).toBeVisible();
  }
  for (const path of ["/console/items/forged-id-0000", `/console/items/${id}`, `/console/items/${id}/edit`]) {
    const response = await other.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(other.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    await expect(other.getByText(title)).toHaveCount(0);
  }
  // The secrecy reviewer does not see drafts either: only what has been handed over.
  const secrecy = await signIn("secrecy");
  expect((await secrecy.goto(`/console/items/${id}`))?.status()).toBe(404);
});

test("a stale 提交审核 form posted under someone else's session is refused and the draft is unchanged", async ({ page }) => {
  await signInOn(page, "liaison.gx");
  const title = uniqueTitle("换人后提交的草稿");
  const id = await saveDraft(page, { title });
  await expect(page.getByRole("button", { name: "提交审核", exact: true })).toBeVisible();

  // Another person signs in in a second tab of the same browser: the cookie now belongs to them.
  const tab = await page.context().newPage();
  await tab.goto("/console");
  await signOut(tab);
  await signInOn(tab, "liaison.bgs");

  await page.getByRole("button", { name: "提交审核", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "未找到该信息，或您无权查看。" })).toBeVisible();

  await signOut(tab);
  await signInOn(tab, "liaison.gx");
  await tab.goto(`/console/items/${id}`);
  await expect(tab.getByTestId("item-title")).toHaveText(title);
  await expect(tab.getByText("草稿", { exact: true })).toBeVisible();
});

test("two secrecy reviewers approve the same item at once: one wins, the other is told who did", async ({ signIn }) => {
  // Five people sign in and three reviews are submitted: about a minute on a shared 2-core runner.
  test.setTimeout(180_000);
  const liaison = await signIn("liaison.cg");
  // 科技动态 needs no 分管领导 stage; the 处室负责人 approves first.
  const title = uniqueTitle("成果转化科科技动态");
  await saveDraft(liaison, { title, column: "科技动态" });
  await submitForReview(liaison);
  const head = await signIn("head.cg");
  await openFromQueue(head, "待处室负责人审核", title);
  await review(head, "同意公开");
  await expect(head.getByText("审核意见已提交。")).toBeVisible();

  const first = await signIn("secrecy");
  const second = await signIn("secrecy.2");
  await openFromQueue(first, "待保密审查", title);
  await openFromQueue(second, "待保密审查", title);
  await review(first, "同意公开");
  await expect(first.getByText("审核意见已提交。")).toBeVisible();
  await review(second, "同意公开");
  await expect(second.getByRole("alert").filter({ hasText: "该信息已由吴红处理" })).toBeVisible();
  await second.reload();
  await expect(second.getByText("待发布", { exact: true }).first()).toBeVisible();
  await expect(second.getByRole("button", { name: "提交审核意见" })).toHaveCount(0);
});

test("logout and disabling an account end the session at once", async ({ signIn }) => {
  const liaison = await signIn("liaison.cg");
  const admin = await signIn("sysadmin");

  await admin.goto("/console/users");
  const row = admin.locator('tr[data-username="liaison.cg"]');
  await row.getByRole("button", { name: "停用" }).click();
  await expect(row).toContainText("已停用");

  await liaison.goto("/console");
  await expect(liaison).toHaveURL(/\/console\/login/);
  await liaison.getByLabel(/^用户名/).fill("liaison.cg");
  await liaison.getByLabel(/^密码/).fill("Gongkai@2026");
  await liaison.getByRole("button", { name: "登录" }).click();
  await expect(liaison.getByRole("alert").filter({ hasText: "用户名或密码错误" })).toBeVisible();

  await row.getByRole("button", { name: "启用" }).click();
  await expect(row).toContainText("正常");
  await signInOn(liaison, "liaison.cg");

  await signOut(liaison);
  await liaison.goto("/console");
  await expect(liaison).toHaveURL(/\/console\/login/);
});
