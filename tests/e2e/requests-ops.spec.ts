import { calendarReminder } from "@/lib/domain/requests/computed-holidays";
import { bundledCalendar } from "@/lib/domain/work-calendar";
import { chinaDate, expect, test } from "./console-helpers";

/**
 * The console home in operation: the office's 依申请公开 figures by stage (each a link into the
 * queue), the 第四十四条 group of the demo's three look-alike requests, and the sysadmin's notice
 * to enter next year's holiday notice — shown to nobody else.
 */
test("the office sees the request figures by stage and the 第四十四条 group, linking into the queue", async ({ signIn }) => {
  const office = await signIn("office");
  const overview = office.getByTestId("request-overview");
  await expect(overview).toBeVisible();
  for (const stage of ["待确认", "待分办", "办理中", "补正中", "征求意见中", "待审核", "待送达"]) {
    await expect(overview.getByRole("link", { name: new RegExp(`^${stage}\\s*\\d+$`) })).toBeVisible();
  }
  await expect(overview.locator('a[data-stage="consulting"]')).toHaveAttribute("href", "/console/requests?stage=consulting");
  await expect(overview.getByRole("link", { name: /^已逾期 \d+ 件/ })).toHaveAttribute("href", "/console/requests?flag=overdue");
  await expect(overview.getByRole("link", { name: /^即将到期 \d+ 件/ })).toHaveAttribute("href", "/console/requests?flag=due_soon");
  const clusters = office.getByTestId("similar-clusters");
  await expect(clusters).toContainText("2026年度吉林市科技型中小企业评价入库名单");
  await expect(clusters).toContainText("3 个申请人");
  // Not the sysadmin's notice.
  await expect(office.getByTestId("calendar-reminder")).toHaveCount(0);
});

test("a liaison sees their 处室's figures; the secrecy reviewer sees none", async ({ signIn }) => {
  const liaison = await signIn("liaison.cg");
  await expect(liaison.getByTestId("request-overview")).toBeVisible();
  await expect(liaison.getByTestId("similar-clusters")).toHaveCount(0);
  const secrecy = await signIn("secrecy");
  await expect(secrecy.getByTestId("request-overview")).toHaveCount(0);
});

test("from 1 November the sysadmin is told to enter next year's holiday notice", async ({ signIn }) => {
  const sysadmin = await signIn("sysadmin");
  const expected = calendarReminder(chinaDate(), bundledCalendar.coverage());
  const notice = sysadmin.getByTestId("calendar-reminder");
  if (!expected.remind) {
    await expect(notice).toHaveCount(0);
    return;
  }
  await expect(notice).toContainText(`尚未录入${expected.year}年的节假日安排`);
  await notice.getByRole("link", { name: "前往工作日历" }).click();
  await expect(sysadmin).toHaveURL(new RegExp(`/console/calendar\\?year=${expected.year}$`));
});
