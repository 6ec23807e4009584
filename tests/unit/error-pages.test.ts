import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import PublicError from "@/app/(public)/error";
import ConsoleError from "@/app/console/(staff)/error";
import RootError from "@/app/error";
import GlobalError from "@/app/global-error";

/**
 * Unexpected errors get a Chinese page with the 错误编号 (Next's digest, also in the server log),
 * never Next.js's English default. Next hands server errors over with only the digest.
 */
const serverError = Object.assign(new Error("An error occurred in the Server Components render."), { digest: "2904873466" });
const retry = () => {};

describe.each([
  ["root", RootError, "返回首页"],
  ["public", PublicError, "返回首页"],
  ["console", ConsoleError, "返回工作台"],
  ["global", GlobalError, "返回首页"],
] as const)("the %s error page", (_, Page, home) => {
  test("explains in Chinese and shows the digest as 错误编号", () => {
    const html = renderToStaticMarkup(createElement(Page, { error: serverError, retry }));
    expect(html).toContain("页面暂时无法显示");
    expect(html).toMatch(/错误编号：<code[^>]*>2904873466<\/code>/);
    expect(html).toContain(home);
    expect(html).toContain("重试");
    expect(html).not.toMatch(/Server Components render|Application error|Something went wrong/);
  });
  test("an error from the browser (no digest, maybe not an Error) still gets a sentence, not 'undefined'", () => {
    const html = renderToStaticMarkup(createElement(Page, { error: "boom", retry }));
    expect(html).toContain("错误编号：");
    expect(html).toContain("错误发生在浏览器中");
    expect(html).not.toContain("undefined");
  });
});

test("the global page is a whole Chinese document", () => {
  const html = renderToStaticMarkup(createElement(GlobalError, { error: serverError, retry }));
  expect(html).toMatch(/^<html lang="zh-CN">/);
});
