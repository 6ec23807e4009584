import type { Page } from "@playwright/test";
import { residentIdCheckChar } from "@/lib/domain/id-numbers";
import { DEMO_PASSWORD } from "@/prisma/demo-bureau";
import { chinaDate, expect as baseExpect, field, test as base, displayName, type Username } from "./console-helpers";

// Several people, argon2id per login and a long flow on a shared 2-core machine: give each step room.
const expect = baseExpect.configure({ timeout: 15_000 });

/** As console-helpers' signIn, with the longer wait above (each person in their own context). */
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

/**
 * The request console as its users click it: the office registers a 挂号信 (签收日 entered) and a
 * walk-in (当面, today) — after the form refused a future 收到日 and a bad 身份证 in Chinese with
 * everything typed kept — and assigns both to 高新技术科; a 补正告知 and its receipt restart the
 * clock, which the 联络员 reads in "为什么是这一天"; a 21-day extension is refused; the 联络员
 * drafts 予以公开 and may not approve it; the 处室负责人 approves (文号); the office delivers.
 */

function residentId(): string {
  const first17 = `22020219850615${String(100 + Math.floor(Math.random() * 900))}`;
  return first17 + residentIdCheckChar(first17);
}

async function fillApplicant(page: Page, name: string, description: string, idNumber = residentId()) {
  await field(page, "申请人类型").selectOption({ label: "自然人" });
  await field(page, "姓名").fill(name);
  await field(page, "证件类型").selectOption({ label: "居民身份证" });
  await field(page, "证件号码").fill(idNumber);
  await field(page, "联系电话").fill("13912345678");
  await field(page, "通信地址").fill("吉林市船营区北京路1号");
  await field(page, "所需信息的内容描述").fill(description);
  await field(page, "获取信息的形式").selectOption({ label: "纸质" });
  await field(page, "获取信息的方式").selectOption({ label: "邮寄" });
}

/** Registers from /console/requests/new; returns the request's id and 编号. */
async function register(page: Page): Promise<{ id: string; number: string }> {
  await page.getByRole("button", { name: "登记申请" }).click();
  await expect(page.getByTestId("registered")).toBeVisible();
  await expect(page.getByTestId("tracking-code")).toHaveText(/^GK-/);
  const number = (await page.getByText(/已登记，编号/).locator("strong").textContent())!.trim();
  const href = await page.getByRole("link", { name: "查看该申请" }).getAttribute("href");
  return { id: href!.split("/").at(-1)!, number };
}

async function assignFromQueue(page: Page, number: string, department: string) {
  await page.goto("/console/requests?stage=awaiting_assignment");
  const row = page.getByTestId("request-row").filter({ has: page.getByRole("link", { name: number, exact: true }) });
  await row.getByLabel("承办处室").selectOption({ label: department });
  await row.getByRole("button", { name: "分办" }).click();
  await expect(page.getByTestId("request-row").filter({ has: page.getByRole("link", { name: number, exact: true }) })).toHaveCount(0);
}

async function recordEvent(page: Page, type: string, fill: () => Promise<void>) {
  await field(page, "办理事项").selectOption({ label: type });
  await fill();
  await page.getByRole("button", { name: "登记", exact: true }).click();
}

test("register a 挂号信 and a walk-in → assign → 补正 restarts the clock → draft → approve → deliver", async ({ signIn }) => {
  test.setTimeout(240_000);
  const tag = Date.now().toString(36);
  const letterText = `2025年度科技计划项目立项名单（E2E ${tag}）`;
  const walkInText = `2026年高新技术企业认定材料清单（E2E ${tag}）`;
  const office = await signIn("office");
  let letter = { id: "", number: "" };
  let walkIn = { id: "", number: "" };

  await test.step("office: a future 收到日 and a bad 身份证 are refused in Chinese, values kept", async () => {
    await office.getByRole("link", { name: "依申请公开", exact: true }).click();
    await expect(office.getByRole("heading", { name: "依申请公开" })).toBeVisible();
    await office.getByRole("link", { name: "登记申请" }).click();
    await field(office, "申请渠道").selectOption({ label: "当面申请" });
    await expect(office.getByTestId("receipt-rule")).toContainText("以提交之日为收到申请之日");
    await field(office, "提交日期").fill(chinaDate(2));
    await expect(office.getByTestId("receipt-preview")).toContainText("提交日期不能晚于今天");
    await fillApplicant(office, "王小明", walkInText, "220202198506151234");
    await office.getByRole("button", { name: "登记申请" }).click();
    await expect(office.getByText("居民身份证号码不正确")).toBeVisible();
    await expect(office.getByText("提交日期不能晚于今天。").first()).toBeVisible();
    await expect(field(office, "证件号码")).toHaveAttribute("aria-invalid", "true");
    await expect(field(office, "姓名")).toHaveValue("王小明");
    await expect(field(office, "所需信息的内容描述")).toHaveValue(walkInText);
  });

  await test.step("office: the walk-in, received today", async () => {
    await field(office, "提交日期").fill(chinaDate(0));
    await expect(office.getByTestId("receipt-preview")).toContainText("收到日");
    await field(office, "证件号码").fill(residentId());
    walkIn = await register(office);
    expect(walkIn.number).toMatch(/^\d{4}-\d{4}$/);
  });

  await test.step("office: a 挂号信 signed for three days ago", async () => {
    await office.getByRole("button", { name: "继续登记" }).click();
    await field(office, "申请渠道").selectOption({ label: "信函（挂号信）" });
    await expect(office.getByTestId("receipt-rule")).toContainText("以行政机关签收之日为收到申请之日");
    await field(office, "签收日期").fill(chinaDate(-3));
    await fillApplicant(office, "李四海", letterText);
    letter = await register(office);
  });

  await test.step("office: both assigned to 高新技术科 from the 待分办 queue", async () => {
    await assignFromQueue(office, letter.number, "高新技术科");
    await assignFromQueue(office, walkIn.number, "高新技术科");
    await office.goto("/console/requests");
    const row = office.getByTestId("request-row").filter({ has: office.getByRole("link", { name: letter.number, exact: true }) });
    await expect(row).toContainText("高新技术科");
    await expect(row).toContainText("信函（挂号信）");
    await expect(row).toContainText("李*");
  });

  let dueBefore = "";
  await test.step("office: 补正告知 stops the clock; the 补正 received restarts it", async () => {
    await office.goto(`/console/requests/${letter.id}`);
    dueBefore = (await office.getByTestId("due-date").textContent())!;
    await recordEvent(office, "补正告知（条例第三十条）", async () => {
      await field(office, "补正事项").fill("请写明所需信息的文号或者发文时间。");
      await field(office, "补正期限").fill(chinaDate(10));
    });
    await expect(office.getByText("已登记办理事项")).toBeVisible();
    await expect(office.getByTestId("request-status")).toHaveText("待申请人补正");
    await expect(office.getByTestId("due-date")).toHaveText("待补正后重新计算");
    // The notice prints what was typed here: 补正事项 reaches the letter (the download route renders it).
    // (Word here: on main a production build cannot find the PDF font — lib/export/fonts.ts, reported.)
    await expect(office.getByRole("link", { name: "补正告知书（PDF）" })).toHaveAttribute("href", /\/notices\/2\?format=pdf$/);
    const notice = await office.request.get((await office.getByRole("link", { name: "补正告知书（Word）" }).getAttribute("href"))!);
    expect(notice.status()).toBe(200);
    expect(notice.headers()["content-disposition"]).toContain("docx");
    await recordEvent(office, "收到补正", async () => {});
    await expect(office.getByTestId("request-status")).toHaveText("办理中");
  });

  const liaison = await signIn("liaison.gx");
  await test.step("liaison.gx: sees the restart in 为什么是这一天 and the applicant in clear", async () => {
    await liaison.getByRole("link", { name: "依申请公开", exact: true }).click();
    await liaison.getByRole("link", { name: letter.number, exact: true }).click();
    await expect(liaison.getByTestId("clock-explanation")).toContainText("收到补正后的申请，答复期限自该日起重新计算");
    await expect(liaison.getByTestId("clock-explanation")).toContainText("一次性告知申请人补正");
    await expect(liaison.getByTestId("due-date")).not.toHaveText(dueBefore);
    await expect(liaison.getByTestId("applicant")).toContainText("李四海");
    await expect(liaison.getByText("登记办理事项")).toHaveCount(0);
  });

  await test.step("office: a 21-day extension is refused with the statute's words", async () => {
    await office.goto(`/console/requests/${walkIn.id}`);
    await recordEvent(office, "延长答复期限（第三十三条第二款）", async () => {
      await field(office, "延长工作日数").fill("21");
      await field(office, "批准人").fill("郑主任");
      await field(office, "延期理由").fill("需调取档案");
    });
    await expect(office.getByRole("alert").filter({ hasText: "延长答复期限最长不得超过20个工作日" })).toBeVisible();
    await expect(field(office, "批准人")).toHaveValue("郑主任");
  });

  await test.step("liaison.gx: drafts 予以公开 and may not approve it", async () => {
    await liaison.goto(`/console/requests/${letter.id}`);
    await field(liaison, "办理结果").selectOption({ label: "（一）予以公开" });
    await expect(liaison.getByTestId("reply-basis")).toContainText("第三十六条第（二）项");
    await liaison.getByRole("button", { name: "提交审核" }).click();
    await expect(liaison.getByText("请填写信息名称")).toBeVisible();
    await field(liaison, "信息名称").fill("2025年度科技计划项目立项名单");
    await field(liaison, "提供方式").fill("纸质件邮寄至您预留的通信地址");
    await liaison.getByRole("button", { name: "提交审核" }).click();
    await expect(liaison.getByText("答复已起草，等待审核。")).toBeVisible();
    await expect(liaison.getByTestId("request-status")).toHaveText("答复待审核");
    await expect(liaison.getByRole("button", { name: "审核同意" })).toHaveCount(0);
    await expect(liaison.getByText("不能审核本人起草的答复")).toBeVisible();
    // Linked only: the letter itself needs 复议机关 from 站点设置, which the demo seed leaves empty.
    await expect(liaison.getByRole("link", { name: "答复书（草稿）（Word）" })).toHaveAttribute("href", new RegExp(`/console/requests/${letter.id}/documents/[^/]+\\?format=docx$`));
  });

  await test.step("head.gx: approves and sees the 文号", async () => {
    const head = await signIn("head.gx");
    await head.goto(`/console/requests/${letter.id}`);
    await head.getByRole("button", { name: "审核同意" }).click();
    await expect(head.getByText("答复已审核同意，已生成文号。")).toBeVisible();
    await expect(head.getByTestId("reply-number")).toHaveText(/^〔\d{4}〕第\d+号$/);
    await expect(head.getByTestId("request-status")).toHaveText("答复已审核，待送达");
  });

  await test.step("office: delivers today; the request is 已办结", async () => {
    await office.goto(`/console/requests/${letter.id}`);
    await expect(field(office, "送达日期")).toHaveValue(chinaDate(0));
    await field(office, "送达方式").selectOption({ label: "邮寄（EMS 或邮政企业）" });
    await office.getByRole("button", { name: "登记送达并办结" }).click();
    await expect(office.getByText("已登记送达，申请已办结。")).toBeVisible();
    await expect(office.getByTestId("request-status")).toHaveText("已办结");
    await expect(office.getByTestId("request-timeline")).toContainText("送达方式：邮寄");
    await office.goto("/console/requests?stage=closed");
    await expect(office.getByTestId("request-row").filter({ hasText: letter.number })).toContainText("予以公开");
  });
});
