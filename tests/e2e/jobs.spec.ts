import { expect, test } from "./console-helpers";

/**
 * 任务队列 (/console/jobs): the 系统管理员 reaches it from the navigation and sees each queue; the
 * queue runs in the app (instrumentation.ts) — the attachment specs rely on its extract-text job.
 * Anyone else gets 403 and no link.
 */
test("the sysadmin sees the job queues; the 公开办 gets 403 and no link", async ({ signIn }) => {
  const office = await signIn("office");
  await expect(office.getByRole("link", { name: "任务队列" })).toHaveCount(0);
  expect((await office.goto("/console/jobs"))?.status()).toBe(403);

  const sysadmin = await signIn("sysadmin");
  await sysadmin.getByRole("link", { name: "任务队列" }).click();
  await expect(sysadmin.getByRole("heading", { name: "任务队列" })).toBeVisible();
  const queues = sysadmin.getByTestId("job-queues");
  await expect(queues).toContainText("附件文字提取");
  await expect(queues).toContainText("清理未使用的上传文件");
  await expect(sysadmin.getByText("任务队列尚未启动")).toHaveCount(0);
});
