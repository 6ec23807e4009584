import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { STATE_FILE, WORK_DIR, pool, storageStateOf } from "./support";

/**
 * The XSS battery (issue 10 "Proof"): every vector of xss-vectors.txt (≥ 150, origin in its header)
 * is written by seed-xss.ts through the use cases into the fields staff write — item title,
 * summary, 文号, 发布机构, keywords and rich-text body; 处室 and 栏目 names; 栏目说明; the
 * 政府信息公开指南's settings — then the public and console pages that show them are rendered in
 * Chromium. Nothing may run: alert/confirm/prompt/print are replaced by a sentinel before any
 * page script, every dialog is counted, and no element may keep an on* attribute or a
 * javascript: link.
 */

interface Seeded {
  items: string[];
  vectors: number;
  counts: Record<string, number>;
}
let seeded: Seeded;

let seededIn = 0;
test.beforeAll(() => {
  const t0 = Date.now();
  const out = path.join(WORK_DIR, "xss.json");
  const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/security/seed-xss.ts", STATE_FILE, out], { stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } });
  if (run.status !== 0) throw new Error(`seed-xss.ts exited with ${run.status}`);
  seeded = JSON.parse(readFileSync(out, "utf8")) as Seeded;
  seededIn = (Date.now() - t0) / 1000;
});

async function armed(context: BrowserContext): Promise<{ dialogs: () => number }> {
  let dialogs = 0;
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__xss = 0;
    const hit = () => {
      w.__xss = (w.__xss as number) + 1;
    };
    for (const name of ["alert", "confirm", "prompt", "print"]) Object.defineProperty(window, name, { value: hit, writable: false, configurable: false });
  });
  context.on("page", (page) => page.on("dialog", (d) => (dialogs++, d.dismiss())));
  return { dialogs: () => dialogs };
}

/** Opens `path` and reports executions and dangerous leftovers; hovers and focuses what it can. */
async function probe(page: Page, url: string): Promise<string[]> {
  const response = await page.goto(url, { waitUntil: "load" });
  const problems: string[] = [];
  if (!response || response.status() >= 400) problems.push(`${url}: HTTP ${response?.status()}`);
  // Give onerror/onload/animation handlers their chance, then poke at the content as a user would.
  await page.waitForTimeout(150);
  await page.mouse.move(200, 300);
  await page.keyboard.press("Tab");
  const found = await page.evaluate(() => {
    const handlers: string[] = [];
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        const value = attr.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
        if (/^on/i.test(attr.name) || (/^(href|src|action|formaction|data|xlink:href)$/i.test(attr.name) && /^(javascript|vbscript|data:text\/html)/.test(value))) {
          handlers.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value.slice(0, 40)}">`);
        }
      }
    }
    return { executions: (window as unknown as { __xss: number }).__xss, handlers };
  });
  if (found.executions) problems.push(`${url}: ${found.executions} execution(s)`);
  if (found.handlers.length) problems.push(`${url}: ${found.handlers.slice(0, 5).join(" ")}`);
  // Said at once, so a run cut short still tells what it saw.
  for (const p of problems) console.log(`XSS problem: ${p}`);
  return problems;
}

test("XSS: no vector runs on the public site or in the console", async ({ browser }) => {
  test.setTimeout(1_500_000);
  const publicPages = ["/", "/browse", "/guide", "/columns/kjdt", "/columns/xss-0", "/search?q=alert", "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", ...seeded.items.map((id) => `/items/${id}`)];
  const consolePages = ["/console", "/console/admin/departments", "/console/admin/columns", "/console/settings", "/console/dashboard", ...seeded.items.map((id) => `/console/items/${id}`)];
  const editorPages = seeded.items.slice(0, 5).map((id) => `/console/items/${id}/edit`);

  const problems: string[] = [];
  const started = Date.now();
  let pages = 0;
  for (const [who, urls] of [[null, publicPages], ["office", consolePages], ["liaison.bgs", editorPages]] as const) {
    const context = await browser.newContext({ storageState: who ? storageStateOf(who) : undefined });
    const { dialogs } = await armed(context);
    // Three tabs at a time: each keeps its own sentinel.
    const tabs = await Promise.all([0, 1, 2].map(() => context.newPage()));
    const free = [...tabs];
    await pool([...urls], tabs.length, async (url) => {
      const page = free.pop()!;
      problems.push(...(await probe(page, url)));
      free.push(page);
      pages++;
    });
    if (dialogs()) problems.push(`${who ?? "anonymous"}: ${dialogs()} dialog(s) opened`);
    await context.close();
  }
  const placements = Object.values(seeded.counts).reduce((a, b) => a + b, 0);
  console.log(
    `XSS battery: ${seeded.vectors} vectors, ${Object.keys(seeded.counts).length} fields, ${placements} vector×field placements ` +
      `(${Object.entries(seeded.counts).map(([f, n]) => `${f} ${n}`).join(", ")}), seeded in ${seededIn.toFixed(0)} s, ${pages} pages rendered in ${((Date.now() - started) / 1000).toFixed(0)} s, ${problems.length} problems`,
  );
  expect(seeded.vectors).toBeGreaterThanOrEqual(150);
  expect(problems).toEqual([]);
});
