import { randomInt } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { residentIdCheckChar } from "@/lib/domain/id-numbers";
import { expect, test } from "./console-helpers";

/**
 * A visitor files a 政府信息公开 application at /apply and follows it at /track, in Chromium:
 * Chinese errors on their fields with everything typed kept, the 回执 with its 查询码 and the
 * 第三十一条 rule, printing, and the one answer /track gives before the office confirms. The
 * lead's full-flow spec drives the same labels from confirmation to the downloaded reply.
 */

const NOT_TRACKABLE = "未查询到已受理的申请";

/** WCAG 2.1 AA: no serious or critical axe finding (as tests/e2e/public-accessibility.spec.ts). */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Each test files from its own address (the app reads X-Forwarded-For), so rate limits stay apart. */
async function fromOwnAddress(page: Page) {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `192.0.2.${randomInt(1, 254)}, 10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}` });
}

function residentId(): string {
  const first17 = `22020219900101${String(randomInt(100, 999))}`;
  return first17 + residentIdCheckChar(first17);
}

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function fillValid(page: Page, idNumber = residentId()) {
  await page.getByLabel("姓名").fill("李四");
  await page.getByLabel("证件号码").fill(idNumber);
  await page.getByLabel("联系电话").fill("13912345678");
  await page.getByLabel("电子邮箱").fill("lisi@example.cn");
  await page.getByLabel("所需信息的内容描述").fill("2025年度市级科技计划项目立项名单（吉市科发〔2025〕12号）");
}

test("a visitor applies, fixes Chinese errors without losing anything, gets a printable receipt and tracks it", async ({ page }) => {
  await fromOwnAddress(page);
  await page.goto("/apply");
  await expect(page.getByRole("heading", { level: 2, name: "在线提交申请" })).toBeVisible();
  // The statutory guidance stays on the page.
  await expect(page.getByRole("heading", { name: "二、申请需写明的内容" })).toBeVisible();

  const good = residentId();
  const badCheck = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
  await page.getByLabel("姓名").fill("李四");
  await page.getByLabel("证件号码").fill(badCheck);
  await page.getByLabel("联系电话").fill("13912345678");
  await page.getByLabel("用途（选填）").fill("科研");
  await page.getByRole("button", { name: "提交申请" }).click();

  await expect(page.getByRole("main").getByRole("alert")).toContainText("请检查标红的内容");
  await expect(page.getByLabel("证件号码")).toHaveAccessibleDescription(/居民身份证号码不正确/);
  await expect(page.getByLabel("所需信息的内容描述")).toHaveAccessibleDescription(/请填写所需信息的内容描述/);
  await expect(page.getByLabel("证件号码")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("姓名")).toHaveValue("李四");
  await expect(page.getByLabel("证件号码")).toHaveValue(badCheck);
  await expect(page.getByLabel("用途（选填）")).toHaveValue("科研");
  expect(await seriousViolations(page)).toEqual([]);

  // 电子邮件 is the default way to receive the information, so the address is required.
  await expect(page.getByLabel("电子邮箱")).toHaveAccessibleDescription(/选择电子邮件获取的，请填写电子邮箱/);
  await page.getByLabel("电子邮箱").fill("lisi@example.cn");
  await page.getByLabel("证件号码").fill(good);
  await page.getByLabel("所需信息的内容描述").fill("2025年度市级科技计划项目立项名单（吉市科发〔2025〕12号）");
  await page.getByLabel("身份证明复印件（可选）").setInputFiles({ name: "身份证.png", mimeType: "image/png", buffer: PNG });
  const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/apply");
  await page.getByRole("button", { name: "提交申请" }).click();
  // The answer carries the code: no shared cache may keep it.
  const cacheControl = (await answer).headers()["cache-control"] ?? "";
  expect(cacheControl).toContain("no-store");
  expect(cacheControl).not.toContain("public");

  const receipt = page.getByRole("region", { name: "政府信息公开申请回执" });
  await expect(receipt).toBeVisible();
  const code = (await page.getByTestId("tracking-code").textContent())!.trim();
  expect(code).toMatch(/^GK-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
  await expect(receipt).toContainText("请务必抄写、打印或截图保存查询码");
  await expect(receipt).toContainText("以双方确认之日为收到申请之日");
  await expect(receipt).toContainText("20 个工作日内予以答复");
  await expect(receipt).toContainText(`${good.slice(0, 4)}**********${good.slice(-4)}`);
  await expect(receipt).not.toContainText(good);
  await expect(receipt).toContainText("身份证明复印件已上传");
  expect(await seriousViolations(page)).toEqual([]);
  // The code is the action's answer, never in the address.
  expect(page.url()).not.toContain(code);
  expect(new URL(page.url()).search).toBe("");

  // 打印回执: the print dialog is opened; printed, only the receipt remains.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await page.getByRole("button", { name: "打印回执" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("contentinfo")).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "依申请公开" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "二、申请需写明的内容" })).toBeHidden();
  await expect(page.getByRole("button", { name: "打印回执" })).toBeHidden();
  await expect(receipt).toBeVisible();
  await expect(page.getByTestId("tracking-code")).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // Not yet confirmed by the office: the same answer as a code that never existed.
  await receipt.getByRole("link", { name: "查询办理进度" }).first().click();
  await expect(page).toHaveURL(/\/track$/);
  await expect(page.getByRole("heading", { level: 1, name: "查询办理进度" })).toBeVisible();
  await page.getByLabel("查询码").fill(code.toLowerCase());
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(NOT_TRACKABLE);
  const unconfirmed = await page.getByRole("main").getByRole("alert").textContent();
  expect(page.url()).not.toContain(code);

  await page.getByLabel("查询码").fill("GK-7Q4M-2ZXC-9HJK-PB3D-7");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(unconfirmed!);
  await page.getByLabel("查询码").fill("随便写的");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(unconfirmed!);
  expect(new URL(page.url()).search).toBe("");

  // /track is linked from the public footer.
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "依申请公开办理进度查询" })).toHaveAttribute("href", "/track");
});

test("from the third application in a day the browser solves a self-hosted proof-of-work challenge", async ({ page }) => {
  await fromOwnAddress(page);
  const outside: string[] = [];
  page.on("request", (r) => {
    if (!/^(http:\/\/127\.0\.0\.1:\d+\/|data:|blob:)/.test(r.url())) outside.push(r.url());
  });
  await page.goto("/apply");
  for (let i = 1; i <= 2; i++) {
    await fillValid(page);
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page.getByRole("region", { name: "政府信息公开申请回执" })).toBeVisible();
    await page.getByRole("button", { name: "再提交一份申请" }).click();
  }
  // The third: the challenge is asked before anything is sent.
  const challenge = page.getByRole("group", { name: "人机验证" });
  await expect(challenge).toBeVisible();
  await fillValid(page);
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(challenge).toContainText("请先完成人机验证");
  await expect(page.getByLabel("姓名")).toHaveValue("李四");

  await challenge.getByText("我不是机器人", { exact: true }).click();
  await expect(challenge).toContainText("验证通过", { timeout: 45_000 });
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByRole("region", { name: "政府信息公开申请回执" })).toBeVisible();
  expect(outside).toEqual([]);
});

test("an overlong description, an oversized ID copy and a failed request: Chinese messages, nothing typed lost, never an error page", async ({ page }) => {
  await fromOwnAddress(page);
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  await page.goto("/apply");
  await fillValid(page);
  await page.getByLabel("身份证明复印件（可选）").setInputFiles({ name: "身份证.png", mimeType: "image/png", buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
  // A long paste, put straight into the field. (10 MB of text freezes Chromium's own textarea
  // layout for minutes; the server's refusal of a 10 MB description is in the integration tests.)
  await page.locator("#description").evaluate((el: HTMLTextAreaElement) => {
    el.value = "情".repeat(200_000);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.locator("#description-error")).toHaveText(/所需信息的内容描述不能超过 2000 个字/);
  await expect(page.locator("#idCopy-error")).toHaveText(/不能超过 5 MB/);
  expect(await page.locator("#description").evaluate((el: HTMLTextAreaElement) => el.value.length)).toBe(200_000);
  expect(posts).toEqual([]);

  // The server unreachable or the body refused by the framework: the form stays, with a Chinese message.
  await page.getByLabel("所需信息的内容描述").fill("2025年度市级科技计划项目立项名单");
  await page.getByLabel("身份证明复印件（可选）").setInputFiles([]);
  await page.route("**/apply", (route) => (route.request().method() === "POST" ? route.fulfill({ status: 500, body: "" }) : route.continue()));
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("提交没有成功");
  await expect(page.getByLabel("姓名")).toHaveValue("李四");
  await expect(page.getByLabel("所需信息的内容描述")).toHaveValue("2025年度市级科技计划项目立项名单");
  await page.unroute("**/apply");
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByRole("region", { name: "政府信息公开申请回执" })).toBeVisible();
});
