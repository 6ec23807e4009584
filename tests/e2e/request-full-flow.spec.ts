import { randomInt } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import JSZip from "jszip";
import { residentIdCheckChar } from "@/lib/domain/id-numbers";
import { DEMO_PASSWORD } from "@/prisma/demo-bureau";
import { pdfText } from "../support/pdf-text";
import { chinaDate, expect as baseExpect, field, test as base, displayName, type Username } from "./console-helpers";

/**
 * Issue 8's "done when", entirely in the browser: a visitor applies at /apply and keeps the 查询码;
 * the office confirms (收到日 = today, 第三十一条), assigns it to 高新技术科, sends a 补正告知 and
 * records the 补正, consults a third party (第三十二条) and records the end, extends the time
 * limit by 10 working days with the office head's approval (第三十三条第二款); the 处室's 联络员
 * drafts 予以公开, the 处室负责人 approves it (文号), the office records the posting day; the
 * visitor enters the code at /track, sees 已办结 and downloads the 答复书 as PDF and Word — both
 * carrying the 文号, the applicant's name and the date the reply was delivered.
 */

// Several people sign in (argon2id each) on a 2-core machine: each step gets room.
const expect = baseExpect.configure({ timeout: 15_000 });

const test = base.extend<{ signIn: (username: Username) => Promise<Page> }>({
  signIn: async ({ browser }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (username) => {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto("/console/login");
      await page.getByLabel("用户名").fill(username);
      await page.getByLabel("密码").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "登录" }).click();
      await expect(page).toHaveURL(/\/console$/);
      await expect(page.getByTestId("current-user")).toContainText(displayName(username));
      return page;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

function residentId(): string {
  const first17 = `22020219880308${String(randomInt(100, 999))}`;
  return first17 + residentIdCheckChar(first17);
}

/** Records one 办理事项 and waits until the history shows it (the success notice may be the previous one's). */
async function recordEvent(page: Page, type: string, entered: string, fill: () => Promise<void> = async () => {}) {
  await expect(page.getByTestId("request-timeline")).not.toContainText(entered);
  await field(page, "办理事项").selectOption({ label: type });
  await fill();
  await page.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.getByTestId("request-timeline")).toContainText(entered);
  await expect(page.getByText("已登记办理事项")).toBeVisible();
}

async function downloaded(download: Download): Promise<Buffer> {
  return readFile((await download.path())!);
}

test("public form → confirmation → 补正 → consultation → extension → approval → reply downloaded from /track", async ({ page, signIn }) => {
  test.setTimeout(300_000);
  const tag = `E2E ${Date.now().toString(36)}`;
  const description = `2025年度市级科技计划项目验收结果（${tag}）`;
  const applicant = "周明远";
  let code = "";
  let requestId = "";
  let replyNumber = "";

  await test.step("visitor: applies at /apply and keeps the 查询码", async () => {
    // Its own address, so the rate limits of other specs' visitors are not this one's.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${randomInt(1, 254)}` });
    await page.goto("/apply");
    await page.getByLabel("姓名").fill(applicant);
    await page.getByLabel("证件号码").fill(residentId());
    await page.getByLabel("联系电话").fill("13804320000");
    await page.getByLabel("电子邮箱").fill("zhoumy@example.cn");
    await page.getByLabel("所需信息的内容描述").fill(description);
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page.getByRole("region", { name: "政府信息公开申请回执" })).toBeVisible();
    code = (await page.getByTestId("tracking-code").textContent())!.trim();
    expect(code).toMatch(/^GK-/);
  });

  const office = await signIn("office");
  await test.step("office: confirms it from the 待确认 queue (收到日 = today) and assigns it", async () => {
    await office.getByRole("link", { name: "依申请公开", exact: true }).click();
    await office.goto("/console/requests?stage=awaiting_confirmation");
    const pending = office.getByTestId("request-row").filter({ hasText: tag });
    await expect(pending).toContainText("待确认");
    await pending.getByRole("button", { name: "确认收到" }).click();
    await expect(office.getByTestId("request-row").filter({ hasText: tag })).toHaveCount(0);

    await office.goto("/console/requests?stage=awaiting_assignment");
    const registered = office.getByTestId("request-row").filter({ hasText: tag });
    await registered.getByLabel("承办处室").selectOption({ label: "高新技术科" });
    await registered.getByRole("button", { name: "分办" }).click();
    await expect(office.getByTestId("request-row").filter({ hasText: tag })).toHaveCount(0);

    await office.goto("/console/requests");
    const row = office.getByTestId("request-row").filter({ hasText: tag });
    await expect(row).toContainText("高新技术科");
    requestId = (await row.getByRole("link").first().getAttribute("href"))!.split("/").at(-1)!;
    await row.getByRole("link").first().click();
    await expect(office.getByTestId("clock-explanation")).toContainText("此日为收到申请之日");
  });

  await test.step("office: a 补正告知 stops the clock, the 补正 received restarts it", async () => {
    await recordEvent(office, "补正告知（条例第三十条）", "补正告知", async () => {
      await field(office, "补正事项").fill("请写明所需验收结果涉及的项目名称或者项目编号。");
      await field(office, "补正期限").fill(chinaDate(10));
    });
    await expect(office.getByTestId("request-status")).toHaveText("待申请人补正");
    await recordEvent(office, "收到补正", "收到补正");
    await expect(office.getByTestId("request-status")).toHaveText("办理中");
    await expect(office.getByTestId("clock-explanation")).toContainText("收到补正后的申请，答复期限自该日起重新计算");
  });

  await test.step("office: consults a third party (第三十二条) — the time is not counted — and records the answer", async () => {
    await recordEvent(office, "征求意见（第三十二条 第三方 / 第三十四条 其他机关）", "吉林市某新材料有限公司", async () => {
      await office.getByLabel("第三方（条例第三十二条）").check();
      await field(office, "名称").fill("吉林市某新材料有限公司");
    });
    await expect(office.getByRole("link", { name: "第三方意见征询函（PDF）" })).toBeVisible();
    const letter = await office.request.get((await office.getByRole("link", { name: "第三方意见征询函（PDF）" }).getAttribute("href"))!);
    expect(letter.status()).toBe(200);
    const consultation = await pdfText(await letter.body());
    expect(consultation).toContain("吉林市某新材料有限公司");
    expect(consultation).not.toContain(applicant);
    await recordEvent(office, "征求意见结束", "征求意见结束");
  });

  let dueBeforeExtension = "";
  await test.step("office: extends by 10 working days with the office head's approval", async () => {
    dueBeforeExtension = (await office.getByTestId("due-date").textContent())!;
    await recordEvent(office, "延长答复期限（第三十三条第二款）", "延长答复期限", async () => {
      await field(office, "延长工作日数").fill("10");
      await field(office, "批准人").fill("郑主任");
      await field(office, "延期理由").fill("需要征求第三方意见并逐项核对验收材料");
    });
    await expect(office.getByTestId("due-date")).not.toHaveText(dueBeforeExtension);
    await expect(office.getByTestId("clock-explanation")).toContainText("延长");
    // The README shows the request page with its 为什么是这一天.
    await office.screenshot({ path: "docs/screenshots/request-page.png", fullPage: true });
    const notice = await office.request.get((await office.getByRole("link", { name: "延期答复告知书（PDF）" }).getAttribute("href"))!);
    expect(notice.status()).toBe(200);
    expect(await pdfText(await notice.body())).toContain("需要征求第三方意见并逐项核对验收材料");
  });

  await test.step("liaison.gx: drafts 予以公开", async () => {
    const liaison = await signIn("liaison.gx");
    await liaison.goto(`/console/requests/${requestId}`);
    await expect(liaison.getByTestId("applicant")).toContainText(applicant);
    await field(liaison, "办理结果").selectOption({ label: "（一）予以公开" });
    await field(liaison, "信息名称").fill("2025年度市级科技计划项目验收结果");
    await field(liaison, "提供方式").fill("电子文档，可在本机关网站依申请公开办理进度查询页面下载");
    await liaison.getByRole("button", { name: "提交审核" }).click();
    await expect(liaison.getByText("答复已起草，等待审核。")).toBeVisible();
  });

  await test.step("head.gx: approves — the 文号 is assigned", async () => {
    const head = await signIn("head.gx");
    await head.goto(`/console/requests/${requestId}`);
    await head.getByRole("button", { name: "审核同意" }).click();
    await expect(head.getByText("答复已审核同意，已生成文号。")).toBeVisible();
    replyNumber = (await head.getByTestId("reply-number").textContent())!.trim();
    expect(replyNumber).toMatch(/^〔\d{4}〕第\d+号$/);
  });

  await test.step("office: records the day the reply went out; the request is 已办结", async () => {
    await office.goto(`/console/requests/${requestId}`);
    await field(office, "送达方式").selectOption({ label: "网上获取" });
    await office.getByRole("button", { name: "登记送达并办结" }).click();
    await expect(office.getByTestId("request-status")).toHaveText("已办结");
  });

  await test.step("visitor: /track shows 已办结 and the 答复书 downloads as PDF and Word", async () => {
    await page.goto("/track");
    await page.getByLabel("查询码").fill(code);
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByTestId("track-status")).toHaveText("已办结");
    await expect(page.getByRole("main")).not.toContainText("13804320000");
    await page.screenshot({ path: "docs/screenshots/track.png", fullPage: true });

    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载答复书（PDF）" }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfBytes = await downloaded(pdf);
    expect(pdfBytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(pdfBytes);
    const [y, m, d] = chinaDate(0).split("-").map(Number);
    for (const expected of [replyNumber, `${applicant}：`, "2025年度市级科技计划项目验收结果", `${y}年${m}月${d}日`, "行政复议"]) expect(text).toContain(expected);
    expect(text).not.toContain("{");

    const [docx] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载答复书（Word）" }).click()]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const xml = await (await JSZip.loadAsync(await downloaded(docx))).file("word/document.xml")!.async("string");
    const words = xml.replace(/<[^>]+>/g, "");
    expect(words).toContain(replyNumber);
    expect(words).toContain(applicant);
  });
});
