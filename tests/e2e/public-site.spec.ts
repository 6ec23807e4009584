import { expect, test } from "./console-helpers";

/**
 * The public site as a visitor, the city portal and a crawler use it: the 政府信息公开 sections,
 * browsing by facet, Chinese search, an item page, the feeds, the JSON API and the sitemap; and
 * input that must give a normal page, never an error.
 */

const NOTICE = "关于组织申报2027年度市级科技发展计划项目的通知";
const PHOTO_NEWS = "市科技局开展科技活动周集中示范活动";

test("the sections of the 政府信息公开 column, from the home page", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.headers()["cache-control"]).toContain("s-maxage=25");
  const sections = page.getByRole("navigation", { name: "政府信息公开栏目" });
  for (const name of ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"]) {
    await expect(sections.getByRole("link", { name })).toBeVisible();
  }

  await sections.getByRole("link", { name: "政府信息公开指南" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /政府信息公开指南$/ })).toBeVisible();
  await expect(sections.getByRole("link", { name: "政府信息公开指南" })).toHaveAttribute("aria-current", "page");
  await expect(page.locator('[data-field="联系电话"]')).toHaveText("0432-62000000");
  await expect(page.locator('[data-field="办公地址"]')).not.toBeEmpty();
  await expect(page.getByRole("link", { name: "（七）财政预算、决算信息" })).toHaveAttribute("href", "/browse?article20=7");

  await sections.getByRole("link", { name: "政府信息公开制度" }).click();
  await expect(page.getByRole("link", { name: "吉林市科学技术局政府信息公开工作制度" })).toBeVisible();

  await sections.getByRole("link", { name: "政府信息公开年报" }).click();
  await expect(page.getByRole("link", { name: "吉林市科学技术局2019年政府信息公开工作年度报告" }).first()).toBeVisible();

  await sections.getByRole("link", { name: "依申请公开" }).click();
  await expect(page.getByRole("form", { name: "政府信息公开申请表" })).toBeVisible();
  await expect(page.locator('[data-field="联系电话"]')).toHaveText("0432-62000000");
});

test("browse 法定主动公开内容 by column, department, 第二十条 item and year, with counts and stable URLs", async ({ page }) => {
  await page.goto("/browse");
  const facets = page.getByRole("complementary", { name: "筛选条件" });
  const total = Number(/共 (\d+) 条/.exec((await page.getByRole("status").first().textContent()) ?? "")![1]);
  expect(total).toBeGreaterThanOrEqual(7);

  await facets.getByRole("link", { name: /^通知公告\s*\d+/ }).click();
  await expect(page).toHaveURL(/\/browse\?column=tzgg$/);
  await expect(page.getByRole("link", { name: NOTICE })).toBeVisible();
  await expect(page.getByRole("link", { name: PHOTO_NEWS })).toHaveCount(0);
  await expect(facets.getByRole("link", { name: /^通知公告/ })).toHaveAttribute("aria-current", "true");

  // This year's: the demo also holds the seed bureau's 2019 records (the annual report's source).
  const year = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date());
  await page.goto(`/browse?article20=5&year=${year}`);
  await expect(page.getByRole("link", { name: NOTICE })).toBeVisible();
  await expect(page.getByRole("status").first()).toHaveText(/共 1 条/);

  await page.goto("/browse?department=GXJS");
  await expect(page.getByRole("link", { name: NOTICE })).toBeVisible();

  await page.goto(`/browse?year=${year}`);
  await expect(facets.getByRole("link", { name: new RegExp(`^${year}年`) })).toHaveAttribute("aria-current", "true");

  await page.goto("/columns/zcfg");
  await expect(page.getByRole("heading", { level: 1, name: "政策法规" })).toBeVisible();
  // A parent column holds its sub-columns' items.
  await expect(page.getByRole("link", { name: "《吉林市促进科技成果转化若干措施》政策解读" })).toBeVisible();
  await expect(page.getByRole("link", { name: "吉林市科学技术局政府信息公开工作制度" })).toBeVisible();
});

test("Chinese search: two-character words, title matches first, words marked, filters kept", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "搜索公开信息" }).fill("项目");
  await page.getByRole("button", { name: "搜索" }).first().click();
  await expect(page).toHaveURL(/\/search\?q=%E9%A1%B9%E7%9B%AE$/);
  const results = page.getByRole("region", { name: "搜索结果" });
  await expect(results.getByRole("link", { name: NOTICE })).toBeVisible();
  await expect(results.locator("mark", { hasText: "项目" }).first()).toBeVisible();

  // A word found only in a body: the title is not marked, the snippet is.
  await page.goto(`/search?q=${encodeURIComponent("广场")}`);
  const hit = page.getByRole("region", { name: "搜索结果" }).getByRole("listitem").filter({ hasText: PHOTO_NEWS });
  await expect(hit).toBeVisible();
  await expect(hit.locator("mark")).toHaveText(["广场"]);

  // Title matches come before body matches.
  await page.goto(`/search?q=${encodeURIComponent("科技")}`);
  const titles = await page.getByRole("region", { name: "搜索结果" }).getByRole("listitem").getByRole("link").allTextContents();
  const firstBodyOnly = titles.findIndex((t) => !t.includes("科技"));
  if (firstBodyOnly >= 0) expect(titles.slice(firstBodyOnly).every((t) => !t.includes("科技"))).toBe(true);
  expect(titles[0]).toContain("科技");

  await page.getByRole("link", { name: "发布时间" }).click();
  await expect(page).toHaveURL(/sort=date/);
  await page.getByRole("complementary", { name: "筛选条件" }).getByRole("link", { name: /^通知公告\s*\d+/ }).click();
  await expect(page).toHaveURL(/q=%E7%A7%91%E6%8A%80.*column=tzgg.*sort=date|q=%E7%A7%91%E6%8A%80&column=tzgg&sort=date/);
  await expect(page.getByRole("region", { name: "搜索结果" }).getByRole("link", { name: NOTICE })).toBeVisible();
});

test("an item page: metadata block, body, print view, neighbours in its column", async ({ page, request }) => {
  const list = await (await request.get("/api/v1/items?column=tzgg")).json();
  const notice = list.items.find((i: { title: string }) => i.title === NOTICE);
  await page.goto(`/items/${notice.id}`);
  await expect(page.getByRole("heading", { level: 1, name: NOTICE })).toBeVisible();
  const meta = (name: string) => page.locator(`[data-meta="${name}"]`);
  await expect(meta("索引号")).toHaveText(notice.indexNumber);
  await expect(meta("发布机构")).toHaveText("高新技术科");
  await expect(meta("生成日期")).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  await expect(meta("发布日期")).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  await expect(meta("文号")).toHaveText("吉市科发〔2026〕18号");
  await expect(meta("主题分类")).toHaveText("科技、教育");
  await expect(meta("公开类别")).toContainText("第二十条（五）");
  await expect(page.getByText("申报单位应为在本市注册的企事业单位")).toBeVisible();
  await expect(page.getByRole("button", { name: "打印本页" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "同栏目其他信息" })).toContainText("上一篇");

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "打印本页" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: NOTICE })).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  expect((await page.goto("/items/no-such-item"))?.status()).toBe(404);
});

test("Atom feeds, the JSON API, its OpenAPI document, the sitemap and robots.txt", async ({ request }) => {
  const feed = await request.get("/feed.xml");
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  const atom = await feed.text();
  expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
  expect(atom).toContain(`<title>${NOTICE}</title>`);
  const column = await (await request.get("/columns/tzgg/feed.xml")).text();
  expect(column).toContain(NOTICE);
  expect(column).not.toContain(PHOTO_NEWS);
  expect((await request.get("/columns/no-such/feed.xml")).status()).toBe(404);

  const search = await request.get(`/api/v1/items?q=${encodeURIComponent("科技")}&limit=2`);
  expect(search.status()).toBe(200);
  const page1 = await search.json();
  expect(page1.items).toHaveLength(2);
  expect(page1.nextCursor).toEqual(expect.any(String));
  const page2 = await (await request.get(`/api/v1/items?q=${encodeURIComponent("科技")}&limit=2&cursor=${page1.nextCursor}`)).json();
  expect(page2.items.map((i: { id: string }) => i.id)).not.toContain(page1.items[0].id);

  const one = await (await request.get(`/api/v1/items/${page1.items[0].id}`)).json();
  expect(one).toMatchObject({ id: page1.items[0].id, indexNumber: expect.any(String), bodyHtml: expect.any(String), attachments: expect.any(Array) });
  expect((await request.get("/api/v1/items/no-such-item")).status()).toBe(404);

  const bad = await request.get("/api/v1/items?year=abc&cursor=zzz");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/年份/);

  const columns = await (await request.get("/api/v1/columns")).json();
  expect(columns.columns).toEqual(expect.arrayContaining([expect.objectContaining({ code: "gzzd", parent: "zcfg" })]));
  const departments = await (await request.get("/api/v1/departments")).json();
  expect(departments.departments).toEqual(expect.arrayContaining([{ code: "GXJS", name: "高新技术科" }]));

  const openapi = await (await request.get("/api/v1/openapi.json")).json();
  expect(openapi.openapi).toBe("3.1.0");
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/api/v1/items", "/api/v1/items/{id}"]));

  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain(`/items/${page1.items[0].id}</loc>`);
  expect(sitemap).toContain("/guide</loc>");
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml/);
  expect(robots).toContain("Disallow: /console");
});

test("bad input gives a normal page with a clear message", async ({ page }) => {
  // A 10,000-character query; Chinese ones that long exceed Node's 16 KB request-header limit
  // as a URL and get its 431 before reaching the app, so 1,500 characters stand in for them.
  const cases: [string, RegExp][] = [
    [`/search?q=${"a".repeat(10_000)}`, /搜索词过长/],
    [`/search?q=${encodeURIComponent("科".repeat(1_500))}`, /搜索词过长/],
    [`/search?q=${encodeURIComponent("'; DROP TABLE x; -- %_ :* & | !")}`, /共 \d+ 条/],
    ["/search?q=%E3%80%82%E3%80%82", /只含标点或符号/],
    ["/browse?page=99999", /页码无效|最多显示前 500 页/],
    ["/browse?page=400", /第 400 页不存在/],
    ["/browse?column=no-such&article20=99&year=1700", /未找到栏目“no-such”/],
  ];
  for (const [url, message] of cases) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    await expect(page.getByRole("main")).toContainText(message);
  }
});

test("the office edits the guide's settings: Chinese errors at the fields, then the guide shows the change", async ({ signIn }) => {
  const office = await signIn("office");
  await office.getByRole("link", { name: "站点设置" }).click();
  const phone = office.getByLabel(/^联系电话/);
  await phone.fill("请拨打");
  await office.getByLabel(/^电子邮箱/).fill("not-an-email");
  await office.getByRole("button", { name: "保存设置" }).click();
  await expect(office.locator("#phone-error")).toHaveText(/请填写有效的联系电话/);
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(phone).toHaveAttribute("aria-describedby", /phone-error/);
  await expect(office.locator("#email-error")).toHaveText(/电子邮箱/);

  await phone.fill("0432-62009999");
  await office.getByLabel(/^电子邮箱/).fill("zwgk@kjj.example.cn");
  await office.getByRole("button", { name: "保存设置" }).click();
  await expect(office.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await office.goto("/guide");
  await expect(office.locator('[data-field="联系电话"]')).toHaveText("0432-62009999");

  // Restore the seed's number for the other specs.
  await office.goto("/console/settings");
  await office.getByLabel(/^联系电话/).fill("0432-62000000");
  await office.getByRole("button", { name: "保存设置" }).click();
  await expect(office.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
});
