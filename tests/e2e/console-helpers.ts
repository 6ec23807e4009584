import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD, USERS } from "@/prisma/demo-bureau";

/**
 * What the specs share: signing a demo user in (each in its own browser context, as separate
 * people at separate desks), drafting an item as a liaison, and finding an item in a console
 * queue. Everything goes over HTTP as a browser sends it; nothing is seeded behind its back.
 */

export type Username = (typeof USERS)[number]["username"];

export function displayName(username: Username): string {
  return USERS.find((u) => u.username === username)!.displayName;
}

/**
 * A fresh context signed in as `username`, on /console. It posts the credentials to next-auth's
 * endpoint as the login form's script does, instead of typing them into the form: a fresh session
 * per call as before (a spec may end it), without rendering and hydrating the login page each time.
 * The form itself stays covered by `signIn(page, …)` (authorization, dashboard, account-security).
 */
export async function signInNewContext(browser: Browser, username: Username): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const answer = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, username, password: DEMO_PASSWORD, totp: "", callbackUrl: "/console", json: "true" },
    maxRedirects: 0,
  });
  expect(answer.status(), `signing ${username} in`).toBeLessThan(400);
  const page = await context.newPage();
  await page.goto("/console");
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByTestId("current-user")).toContainText(displayName(username));
  return { context, page };
}

export async function signIn(page: Page, username: Username, password = DEMO_PASSWORD) {
  await page.goto("/console/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByTestId("current-user")).toContainText(displayName(username));
}

/** `signIn(username)` opens a new signed-in context; every context is closed after the test. */
export const test = base.extend<{ signIn: (username: Username) => Promise<Page> }>({
  signIn: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (username) => {
      const { context, page } = await signInNewContext(browser, username);
      contexts.push(context);
      return page;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});
export { expect };

/** `YYYY-MM-DD` of the Beijing day `offsetDays` from now; the form validates against Beijing time. */
export function chinaDate(offsetDays = 0): string {
  const instant = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** Titles unique per run and per test, so assertions never match another spec's item. */
export function uniqueTitle(prefix: string): string {
  return `${prefix}（E2E ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}）`;
}

export interface Draft {
  title: string;
  column?: string;
  body?: string;
  formedOn?: string;
}

/**
 * A form control by its label. Required fields' labels end in a "*" marker (hidden from screen
 * readers, but part of the label's text), so the label may carry it.
 */
export function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label}\\*?$`));
}

/** Fills the draft form on /console/items/new (or the edit page) without saving. */
/** The liaison's empty 起草 form, ready to type into. */
export async function openNewForm(page: Page) {
  await page.goto("/console/items/new");
  await expect(page.getByRole("heading", { name: /^起草公开信息/ })).toBeVisible();
  await expect(field(page, "正文")).toBeVisible();
}

export async function fillDraftForm(page: Page, draft: Partial<Draft>) {
  if (draft.title !== undefined) await field(page, "标题").fill(draft.title);
  if (draft.column !== undefined) await field(page, "栏目").selectOption({ label: draft.column });
  if (draft.formedOn !== undefined) await field(page, "信息形成日期").fill(draft.formedOn);
  if (draft.body !== undefined) await fillEditor(page, draft.body);
}

/**
 * Types into the rich-text editor labelled 正文, replacing what is there: blank lines separate
 * paragraphs (Enter), single line breaks are hard breaks (Shift+Enter), as a clerk would type.
 */
export async function fillEditor(page: Page, text: string) {
  const editor = field(page, "正文");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  for (const [i, paragraph] of text.split(/\n{2,}/).entries()) {
    if (i > 0) await page.keyboard.press("Enter");
    for (const [j, line] of paragraph.split("\n").entries()) {
      if (j > 0) await page.keyboard.press("Shift+Enter");
      await page.keyboard.insertText(line);
    }
  }
}

/** As a liaison: 起草公开信息 → 保存草稿. Returns the new item's id (from the item page URL). */
export async function saveDraft(page: Page, draft: Draft): Promise<string> {
  await page.goto("/console");
  await page.getByRole("link", { name: "起草公开信息" }).click();
  await expect(page.getByRole("heading", { name: /^起草公开信息/ })).toBeVisible();
  await fillDraftForm(page, { column: "通知公告", body: "正文内容。", formedOn: chinaDate(-2), ...draft });
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText(/^已保存（第 1 版）/)).toBeVisible();
  return itemIdFromUrl(page);
}

export function itemIdFromUrl(page: Page): string {
  const match = /\/console\/items\/([^/?#]+)/.exec(page.url());
  if (!match) throw new Error(`not on a console item page: ${page.url()}`);
  return match[1];
}

/** As a liaison on the item page: 提交审核. */
export async function submitForReview(page: Page) {
  await page.getByRole("button", { name: "提交审核", exact: true }).click();
  await expect(page.getByText("已提交审核。")).toBeVisible();
}

/** A work-queue card of /console, by the start of its heading (the heading also holds a count). */
export function queue(page: Page, heading: string) {
  return page.locator("section").filter({ has: page.getByRole("heading", { name: new RegExp(`^${heading}`) }) });
}

/** The row of `title` in the queue `heading` of /console (freshly loaded). */
export async function queueRow(page: Page, heading: string, title: string) {
  await page.goto("/console");
  return queue(page, heading).getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

/** Opens `title` from the queue `heading` of /console. */
export async function openFromQueue(page: Page, heading: string, title: string) {
  const row = await queueRow(page, heading, title);
  await row.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByTestId("item-title")).toHaveText(title);
}

/** As a reviewer on the item page: choose a decision, optionally comment, 提交审核意见. */
export async function review(page: Page, decision: "同意公开" | "退回修改" | "不予公开" | "报送保密行政管理部门", comment?: string) {
  await page.getByRole("radio", { name: decision }).check();
  // 保密审查: approving confirms every checklist question and acknowledges every scan flag.
  if (decision === "同意公开") for (const box of await page.getByRole("checkbox").all()) await box.check();
  if (comment !== undefined) await page.getByLabel("意见说明").fill(comment);
  await page.getByRole("button", { name: "提交审核意见" }).click();
}

/** 退出登录, waiting until the login page is shown (signOut navigates on its own). */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/console\/login/);
}
