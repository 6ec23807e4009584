import { generate } from "otplib";
import { DEMO_PASSWORD } from "@/prisma/demo-bureau";
import { expect, field, signIn, test } from "./console-helpers";

/**
 * Issue 10 §3 (sec-auth), through the UI as a 分管领导 would: enrol 动态口令 from the QR page (the
 * code computed here from the secret shown, as a phone app would), log out, log in with the code
 * (told "需要动态口令" when it is left out), change the password, and log in with a recovery code.
 * leader.liu is no other spec's user: after this spec the account has TOTP and a new password.
 */
const USER = "leader.liu";
const NEW_PASSWORD = "Songhua#River2026";
const step = () => Math.floor(Date.now() / 30_000);

test("enrol 动态口令, log in with it, change the password", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, USER);
  await page.getByRole("link", { name: "账户安全" }).click();
  await expect(page).toHaveURL(/\/console\/account\/password$/);
  await page.getByRole("link", { name: "动态口令（双因素认证）" }).click();

  await expect(page.getByRole("img", { name: "动态口令二维码" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await field(page, "6 位动态口令").fill("000000");
  await page.getByRole("button", { name: "启用动态口令" }).click();
  await expect(page.getByText("动态口令不正确")).toBeVisible();
  const enrolledAt = step();
  await field(page, "6 位动态口令").fill(await generate({ secret }));
  await page.getByRole("button", { name: "启用动态口令" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCode = (await codes.nth(0).textContent())!.trim();

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/console\/login/);
  await page.getByLabel("用户名").fill(USER);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText(/^需要动态口令/)).toBeVisible();
  // The enrolment's code has been spent: wait for the app's next 30-second step.
  while (step() <= enrolledAt) await page.waitForTimeout(1_000);
  await page.getByLabel("动态口令").fill(await generate({ secret }));
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/console$/);

  await page.getByRole("link", { name: "账户安全" }).click();
  await field(page, "当前密码").fill(DEMO_PASSWORD);
  await field(page, "新密码").fill("short");
  await field(page, "确认新密码").fill("short");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByText("密码至少需要 10 个字符。")).toBeVisible();
  await field(page, "当前密码").fill(DEMO_PASSWORD);
  await field(page, "新密码").fill(NEW_PASSWORD);
  await field(page, "确认新密码").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByText("密码已修改，您在其他设备上的登录已退出。")).toBeVisible();

  await page.getByRole("button", { name: "退出登录" }).click();
  await page.getByLabel("用户名").fill(USER);
  await page.getByLabel("密码").fill(NEW_PASSWORD);
  await page.getByLabel("动态口令").fill(recoveryCode);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/console$/);
});
