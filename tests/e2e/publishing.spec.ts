import { chinaDateTimeLocal } from "@/lib/domain/dates";
import { expect, field, openFromQueue, review, saveDraft, submitForReview, test, uniqueTitle } from "./console-helpers";

/**
 * The secrecy stage as a reviewer meets it (checklist, referral to the 保密行政管理部门), then the
 * office schedules the publication — the item appears at its time with no job running — and
 * later withdraws it: every public list drops it, its URL says it was withdrawn.
 */
test("保密审查 checklist and referral → 定时发布 → 撤回", async ({ signIn, page: visitor }) => {
  test.setTimeout(240_000);
  const title = uniqueTitle("市科技局召开科技成果转化工作推进会");
  const liaison = await signIn("liaison.gx");
  const id = await saveDraft(liaison, { title, column: "科技动态", body: "11月20日，市科技局召开科技成果转化工作推进会。" });
  await submitForReview(liaison);

  const head = await signIn("head.gx");
  await openFromQueue(head, "待处室负责人审核", title);
  await review(head, "同意公开");
  await expect(head.getByText("审核意见已提交。")).toBeVisible();

  const secrecy = await signIn("secrecy");
  await test.step("secrecy: approving without the checklist is refused; referral holds the item", async () => {
    await openFromQueue(secrecy, "待保密审查", title);
    await expect(secrecy.getByTestId("scan-flags")).toContainText("未发现");
    await secrecy.getByRole("radio", { name: "同意公开" }).check();
    await secrecy.getByRole("button", { name: "提交审核意见" }).click();
    await expect(secrecy.getByText(/请逐项确认：国家秘密、工作秘密、商业秘密、个人隐私、三安全一稳定/)).toBeVisible();
    await review(secrecy, "报送保密行政管理部门", "会议涉及的转化项目金额请市保密局确认");
    await expect(secrecy.getByText("审核意见已提交。")).toBeVisible();
    await expect(secrecy.getByText("已报送保密行政管理部门").first()).toBeVisible();
  });

  const second = await signIn("secrecy.2");
  await test.step("secrecy.2: records the answer and approves", async () => {
    await openFromQueue(second, "已报送保密行政管理部门", title);
    await expect(second.getByText("本信息已报送保密行政管理部门")).toBeVisible();
    await review(second, "同意公开");
    await expect(second.getByText("审核意见已提交。")).toBeVisible();
  });

  const office = await signIn("office");
  let publishAt = new Date();
  await test.step("office: a time in the past is refused; a time ahead schedules it", async () => {
    await openFromQueue(office, "待发布", title);
    await office.getByRole("radio", { name: "定时发布" }).check();
    await field(office, "定时发布时间（北京时间）").fill(chinaDateTimeLocal(new Date(Date.now() - 3_600_000)));
    await office.getByRole("button", { name: "定时发布" }).click();
    await expect(office.getByText("发布时间不能早于当前时间")).toBeVisible();
    // The next whole minute at least 30 s ahead: datetime-local has minute precision.
    publishAt = new Date(Math.ceil((Date.now() + 30_000) / 60_000) * 60_000);
    await office.getByRole("radio", { name: "定时发布" }).check();
    await field(office, "定时发布时间（北京时间）").fill(chinaDateTimeLocal(publishAt));
    await office.getByRole("button", { name: "定时发布" }).click();
    await expect(office.getByText(/^已定时发布，索引号 /)).toBeVisible();
  });

  await test.step("public: nothing before the time, the item right after it", async () => {
    expect((await visitor.goto(`/items/${id}`))?.status()).toBe(404);
    await visitor.goto("/");
    await expect(visitor.getByText(title)).toHaveCount(0);
    await visitor.waitForTimeout(Math.max(0, publishAt.getTime() - Date.now()) + 1_000);
    expect((await visitor.goto(`/items/${id}`))?.status()).toBe(200);
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  });

  await test.step("office: withdraws it with a reason; lists drop it, its URL says so", async () => {
    await office.goto(`/console/items/${id}`);
    await office.getByRole("button", { name: "撤回" }).click();
    await office.getByRole("button", { name: "确认撤回" }).click();
    await expect(office.getByText(/请填写撤回理由/)).toBeVisible();
    await field(office, "撤回理由").fill("会议信息有误，更正后重新发布");
    await office.getByRole("button", { name: "确认撤回" }).click();
    await expect(office.getByText("已从公开网站撤回。")).toBeVisible();

    await visitor.goto("/");
    await expect(visitor.getByText(title)).toHaveCount(0);
    await visitor.goto(`/items/${id}`);
    await expect(visitor.getByText(/已.*撤回/).first()).toBeVisible();
    await expect(visitor.getByText("11月20日，市科技局召开科技成果转化工作推进会。")).toHaveCount(0);
  });
});
