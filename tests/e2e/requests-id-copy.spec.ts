import { randomInt } from "node:crypto";
import { residentIdCheckChar } from "@/lib/domain/id-numbers";
import { expect, test } from "./console-helpers";

/**
 * The applicant's 身份证明复印件 in the console, in Chromium: a visitor applies at /apply with a
 * PNG copy; the office opens it from the request page as a download under a Chinese name; the
 * 分管领导 of the assigned 处室 sees the request but no link, and the route answers them 404.
 */

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

test("the office downloads an online applicant's ID copy; a 分管领导 gets neither the link nor the file", async ({ page, signIn }) => {
  const first17 = `22020219900101${String(randomInt(100, 999))}`;
  const description = `身份证明复印件测试（E2E ${Date.now().toString(36)}）`;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `192.0.2.${randomInt(1, 254)}, 10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}` });
  await page.goto("/apply");
  await page.getByLabel("姓名").fill("李四");
  await page.getByLabel("证件号码").fill(first17 + residentIdCheckChar(first17));
  await page.getByLabel("联系电话").fill("13912345678");
  await page.getByLabel("电子邮箱").fill("lisi@example.cn");
  await page.getByLabel("所需信息的内容描述").fill(description);
  await page.getByLabel("身份证明复印件（可选）").setInputFiles({ name: "身份证.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByRole("region", { name: "政府信息公开申请回执" })).toContainText("身份证明复印件已上传");

  const office = await signIn("office");
  let requestPath = "";
  await test.step("office: confirms, assigns to 高新技术科 and downloads the copy from the applicant card", async () => {
    await office.goto("/console/requests?stage=awaiting_confirmation");
    await office.getByRole("link", { name: description }).first().click();
    await expect(office.getByTestId("request-status")).toBeVisible();
    requestPath = new URL(office.url()).pathname;
    await office.getByRole("button", { name: "确认收到（今天为收到日）" }).click();
    await expect(office.getByText("已确认收到。")).toBeVisible();
    await office.getByLabel("承办处室").selectOption({ label: "高新技术科" });
    await office.getByRole("button", { name: "分办" }).click();
    await expect(office.getByTestId("request-department")).toHaveText("高新技术科");

    const number = (await office.getByTestId("request-number").textContent())!.replace(/^申请\s*/, "").trim();
    const link = office.getByRole("link", { name: "查看身份证明复印件" });
    await expect(link).toHaveAttribute("href", `${requestPath}/id-copy`);
    const [download] = await Promise.all([office.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(`身份证明-${number}.png`);
  });

  const leader = await signIn("leader.guo");
  await test.step("leader.guo (分管 高新技术科): the request masked, no link, and the route is a Chinese 404", async () => {
    await leader.goto(requestPath);
    await expect(leader.getByText("您不是该申请的承办人员，申请人个人信息已隐去。")).toBeVisible();
    await expect(leader.getByRole("link", { name: "查看身份证明复印件" })).toHaveCount(0);
    const response = await leader.request.get(`${requestPath}/id-copy`);
    expect(response.status()).toBe(404);
    expect(await response.text()).toContain("未找到身份证明复印件");
  });
});
