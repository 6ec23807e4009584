import { expect, field, test } from "./console-helpers";

/**
 * Office administration (公开办) as the office clicks it: a column's review stages, a
 * department's 分管领导, a monthly target — and a liaison refused with 403. The seeded columns and
 * departments are what the other specs rely on, so everything edited here is created here.
 */

const run = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

test("a liaison gets 403 on every office administration page and has no link to it", async ({ signIn }) => {
  const liaison = await signIn("liaison.gx");
  await expect(liaison.getByRole("link", { name: "公开办管理" })).toHaveCount(0);
  for (const path of ["/console/admin", "/console/admin/departments", "/console/admin/columns", "/console/admin/columns/new", "/console/admin/channels", "/console/admin/targets", "/console/admin/letters", "/console/admin/letters/granted"]) {
    const response = await liaison.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(liaison.getByRole("heading", { name: "无权访问" })).toBeVisible();
  }

  const office = await signIn("office");
  await office.getByRole("link", { name: "公开办管理" }).click();
  await expect(office.getByRole("heading", { name: "公开办管理" })).toBeVisible();
  await expect(office.getByRole("navigation", { name: "公开办管理" }).getByRole("link")).toHaveText(["处室管理", "栏目管理", "发布渠道", "月度目标", "文书模板"]);
});

test("the office creates a column and switches its review stages; 保密审查 cannot be switched off", async ({ signIn }) => {
  const office = await signIn("office");
  const code = `e2e-${run()}`;
  const name = `E2E栏目${code.slice(-6)}`;
  await office.goto("/console/admin/columns");
  await office.getByRole("link", { name: "新建栏目" }).click();

  // A code already in use: refused next to the field, what was typed is kept.
  await field(office, "栏目名称").fill(name);
  await field(office, "栏目代码").fill("tzgg");
  await office.getByRole("button", { name: "新建栏目" }).click();
  await expect(office.getByText("该栏目代码已被使用")).toBeVisible();
  await expect(field(office, "栏目代码")).toHaveAttribute("aria-invalid", "true");
  await expect(field(office, "栏目名称")).toHaveValue(name);

  await field(office, "栏目代码").fill(code);
  await office.getByRole("checkbox", { name: "分管领导审核" }).uncheck();
  const secrecy = office.getByRole("checkbox", { name: /^保密审查/ });
  await expect(secrecy).toBeChecked();
  await expect(secrecy).toBeDisabled();
  await office.getByRole("button", { name: "新建栏目" }).click();
  await expect(office.getByText("已新建栏目。")).toBeVisible();
  const row = office.locator(`tr[data-column="${code}"]`);
  await expect(row.getByTestId("stages")).toHaveText("处室负责人审核 → 保密审查");

  await row.getByRole("link", { name: `编辑 ${name}` }).click();
  await expect(office.getByRole("heading", { name: `编辑栏目：${name}` })).toBeVisible();
  await office.getByRole("checkbox", { name: "处室负责人审核" }).uncheck();
  await office.getByRole("checkbox", { name: "分管领导审核" }).check();
  await office.getByRole("button", { name: "保存栏目" }).click();
  await expect(office.getByText("已保存。")).toBeVisible();
  await expect(office.locator(`tr[data-column="${code}"]`).getByTestId("stages")).toHaveText("分管领导审核 → 保密审查");
});

test("the office creates a department and sets its 分管领导", async ({ signIn }) => {
  const office = await signIn("office");
  const code = `E2E-${run()}`;
  const name = `E2E处室${code.slice(-6)}`;
  await office.goto("/console/admin/departments");
  const create = office.locator("section").filter({ has: office.getByRole("heading", { name: "新建处室" }) });
  await create.getByLabel(/^处室代码/).fill(code);
  await create.getByLabel(/^处室名称/).fill(name);
  await create.getByRole("button", { name: "新建处室" }).click();
  await expect(office.getByText("已新建处室。")).toBeVisible();

  const row = office.locator(`li[data-department="${code}"]`);
  await expect(row.getByLabel(/^处室名称/)).toHaveValue(name);
  await row.getByLabel("分管领导").selectOption({ label: "国鹏（leader.guo）" });
  await row.getByRole("button", { name: "保存" }).click();
  await expect(row.getByText("已保存。")).toBeVisible();

  await office.reload();
  await expect(office.locator(`li[data-department="${code}"]`).getByLabel("分管领导").locator("option:checked")).toHaveText("国鹏（leader.guo）");
});

test("the office sets monthly targets; an out-of-range one is refused next to its cell", async ({ signIn }) => {
  const office = await signIn("office");
  const year = new Date().getFullYear() + 5;
  await office.goto(`/console/admin/targets?year=${year}`);
  await expect(office.getByRole("heading", { name: `${year} 年` })).toBeVisible();

  await office.getByLabel("办公室 1月目标").fill("12");
  await office.getByLabel("办公室 2月目标").fill("1000");
  await office.getByRole("button", { name: "保存目标" }).click();
  await expect(office.getByRole("alert").filter({ hasText: "请检查标红的内容。" })).toBeVisible();
  await expect(office.getByText("请填写 0–999 的整数，或留空")).toBeVisible();
  await expect(office.getByLabel("办公室 2月目标")).toHaveAttribute("aria-invalid", "true");
  await expect(office.getByLabel("办公室 1月目标")).toHaveValue("12");

  await office.getByLabel("办公室 2月目标").fill("9");
  await office.getByRole("button", { name: "保存目标" }).click();
  await expect(office.getByText(new RegExp(`^已保存 ${year} 年的月度目标`))).toBeVisible();
  await office.reload();
  await expect(office.getByLabel("办公室 1月目标")).toHaveValue("12");
  await expect(office.getByLabel("办公室 2月目标")).toHaveValue("9");
});
