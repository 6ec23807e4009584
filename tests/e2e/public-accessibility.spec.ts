import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./console-helpers";

/**
 * WCAG 2.1 AA (GB/T 37668): axe-core on every public page type, with no serious or critical
 * violation; a 375-pixel phone without sideways scrolling; keyboard use with a visible focus; the
 * 适老化 large-text mode that the browser remembers.
 */

async function firstItemId(page: Page): Promise<string> {
  const list = await (await page.request.get("/api/v1/items?column=tzgg")).json();
  return list.items[0].id;
}

const PAGE_TYPES: [string, (page: Page) => Promise<string>][] = [
  ["home", async () => "/"],
  ["guide", async () => "/guide"],
  ["system", async () => "/system"],
  ["browse", async () => "/browse"],
  ["browse, filtered", async () => "/browse?column=tzgg&year=2019"],
  ["column", async () => "/columns/zcfg"],
  ["annual reports", async () => "/annual-reports"],
  ["apply", async () => "/apply"],
  ["track", async () => "/track"],
  ["search form", async () => "/search"],
  ["search results", async () => `/search?q=${encodeURIComponent("科技")}`],
  ["search with a notice", async () => `/search?q=${"科".repeat(60)}&page=0`],
  ["item", async (page) => `/items/${await firstItemId(page)}`],
  ["not found", async () => "/items/no-such-item"],
];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const [name, url] of PAGE_TYPES) {
  test(`axe: ${name}`, async ({ page }) => {
    await page.goto(await url(page));
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("axe: the item page and search results in large text", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "大字号（适老化）" }).click();
  for (const url of [`/items/${await firstItemId(page)}`, `/search?q=${encodeURIComponent("项目")}`]) {
    await page.goto(url);
    expect(await seriousViolations(page)).toEqual([]);
  }
});

test("a 375-pixel phone: no sideways scrolling, everything reachable", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const page = await phone.newPage();
    for (const url of ["/", "/guide", "/browse", `/search?q=${encodeURIComponent("科技")}`, `/items/${await firstItemId(page)}`, "/apply", "/track"]) {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, url).toBeLessThanOrEqual(0);
      await expect(page.getByRole("searchbox", { name: "搜索公开信息" })).toBeVisible();
    }
    await page.goto("/browse");
    await expect(page.getByRole("complementary", { name: "筛选条件" })).toBeVisible();
    await page.screenshot({ path: "docs/screenshots/phone-browse.png" });
  } finally {
    await phone.close();
  }
});

test("keyboard: the skip link comes first and leads to the content; focus is visible", async ({ page }) => {
  await page.goto("/browse");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "跳到主要内容" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return { tag: el.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.outline).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test("适老化: the large-text mode persists in this browser, and pages stay the same for everyone", async ({ page, browser }) => {
  await page.goto("/");
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const toggle = page.getByRole("button", { name: "大字号（适老化）" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(page.getByRole("button", { name: "标准字号" })).toHaveAttribute("aria-pressed", "true");
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(after).toBeGreaterThan(before * 1.2);

  const response = await page.goto("/browse");
  expect(response?.headers()["set-cookie"]).toBeUndefined();
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "large");
  await expect(page.getByRole("button", { name: "标准字号" })).toBeVisible();

  const stranger = await browser.newPage();
  await stranger.goto("/browse");
  await expect(stranger.locator("html")).not.toHaveAttribute("data-text-size", "large");
  await stranger.close();

  await page.getByRole("button", { name: "标准字号" }).click();
  await page.reload();
  await expect(page.locator("html")).not.toHaveAttribute("data-text-size", "large");
});
