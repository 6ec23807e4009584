import { describe, expect, test } from "vitest";
import { authRequestProblem, consoleCsp, lanOrigins, originAllowed, requestIdOf, strictTransportSecurity, targetProblem } from "@/lib/domain/edge";
import { loginErrorMessage, normalizeUsername, RATE_LIMITED_ERROR_PREFIX } from "@/lib/domain/lockout";

const site = new URL("https://gongkai.example.gov.cn");
const devSite = new URL("http://localhost:3000");

describe("the Origin check for writes (proxy.ts)", () => {
  test.each([
    ["a GET from anywhere", "GET", "https://evil.example", site, true, true],
    ["a POST without Origin (left to the route)", "POST", null, site, true, true],
    ["a POST from the site", "POST", "https://gongkai.example.gov.cn", site, true, true],
    ["a POST from another site", "POST", "https://evil.example", site, true, false],
    ["a POST from the site over http", "POST", "http://gongkai.example.gov.cn", site, true, false],
    ["a POST from a look-alike subdomain", "POST", "https://gongkai.example.gov.cn.evil.example", site, true, false],
    ["a POST with Origin null (sandboxed frame)", "POST", "null", site, true, false],
    ["a POST with a garbage Origin", "POST", "%%%", site, true, false],
    ["a PUT from another site", "PUT", "https://evil.example", site, true, false],
    ["development: 127.0.0.1 for localhost, same port", "POST", "http://127.0.0.1:3000", devSite, false, true],
    ["development: another port", "POST", "http://127.0.0.1:3001", devSite, false, false],
    ["production: 127.0.0.1 is not localhost", "POST", "http://127.0.0.1:3000", devSite, true, false],
  ])("%s", (_, method, origin, url, production, expected) => {
    expect(originAllowed(method, origin, url, production)).toBe(expected);
  });
});

describe("ALLOWED_ORIGINS: the same app by another address (the demo on 0.0.0.0)", () => {
  const lan = ["http://192.168.1.20:3000", "http://[2001:db8::5]:3000"];
  test.each([
    ["a LAN address of this machine", "http://192.168.1.20:3000", true],
    ["its IPv6 address", "http://[2001:db8::5]:3000", true],
    ["the same address on another port", "http://192.168.1.20:3001", false],
    ["another machine of the LAN", "http://192.168.1.21:3000", false],
  ])("%s", (_, origin, expected) => {
    expect(originAllowed("POST", origin, devSite, true, lan)).toBe(expected);
  });

  test("lanOrigins lists this machine's external addresses, IPv6 bracketed, without loopback or link-local", () => {
    const interfaces = {
      lo: [{ address: "127.0.0.1", family: "IPv4", internal: true }, { address: "::1", family: "IPv6", internal: true }],
      eth0: [
        { address: "192.168.1.20", family: "IPv4", internal: false },
        { address: "fe80::1c2:3ff:fe4:5", family: "IPv6", internal: false },
        { address: "2001:db8::5", family: 6, internal: false },
      ],
      docker0: undefined,
    };
    expect(lanOrigins(interfaces, 3000)).toEqual(lan);
  });
});

describe("request targets refused before Next (proxy.ts)", () => {
  test.each([
    ["/items/abc", "", null],
    ["/items/%E4%B8%AD", "", null],
    ["/items/%E0%A4%A", "", "encoding"],
    ["/browse/%ZZ", "", "encoding"],
    ["/items/%", "", "encoding"],
    ["/items/abc%00", "", "nul"],
    ["/console/items/%00", "", "nul"],
    ["/search", "?q=%00", "nul"],
    ["/search", "?q=a%00b&page=2", "nul"],
    ["/search", "?q=%E0%A4%A", null],
    ["/search", "?q=%E4%B8%AD+%E6%96%87", null],
  ])("%s%s → %s", (path, search, expected) => {
    expect(targetProblem(path, search)).toBe(expected);
  });
});

describe("the request id (proxy.ts)", () => {
  test("a trusted proxy's id is kept; a client's, or a malformed one, is replaced by a fresh UUID", () => {
    expect(requestIdOf("a1b2c3d4-e5f6", true)).toBe("a1b2c3d4-e5f6");
    expect(requestIdOf("a1b2c3d4-e5f6", false)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf("a1b2c3d4-e5f6", false)).not.toBe("a1b2c3d4-e5f6");
    expect(requestIdOf("evil\nline injected", true)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(null, true)).not.toBe(requestIdOf(null, true));
  });
});

describe("the console's CSP", () => {
  test("scripts only by nonce, no 'unsafe-inline' for scripts, no eval in production", () => {
    const csp = consoleCsp("abc123", false);
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "));
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(consoleCsp("x", true)).toContain("'unsafe-eval'");
  });

  test("HSTS only in production over https", () => {
    expect(strictTransportSecurity(site, true)).toMatch(/max-age=31536000/);
    expect(strictTransportSecurity(site, false)).toBeNull();
    expect(strictTransportSecurity(new URL("http://intranet:3000"), true)).toBeNull();
  });
});

describe("the login form's message when a login limit holds", () => {
  test.each([
    [`${RATE_LIMITED_ERROR_PREFIX}30`, "尝试过于频繁，请 1 分钟后再试。"],
    [`${RATE_LIMITED_ERROR_PREFIX}600`, "尝试过于频繁，请 10 分钟后再试。"],
    [`${RATE_LIMITED_ERROR_PREFIX}601`, "尝试过于频繁，请 11 分钟后再试。"],
  ])("%s", (code, expected) => {
    expect(loginErrorMessage(code, new Date())).toBe(expected);
  });

  test("a NUL in a typed name never reaches SQL", () => {
    expect(normalizeUsername("Liaison.GX\u0000")).toBe("liaison.gx");
  });
});

describe("what next-auth would answer with a 500 is refused first (app/api/auth/[...nextauth]/route.ts)", () => {
  test.each([
    ["no callbackUrl", [null, undefined], undefined, null],
    ["a path", ["/console"], undefined, null],
    ["the site's own URL", ["https://gongkai.example.gov.cn/console"], undefined, null],
    ["a number (fuzzing)", ["-7.4e-323"], undefined, "登录后返回的地址无效。"],
    ["a bare word", ["callbackUrl"], undefined, "登录后返回的地址无效。"],
    ["a javascript: URL", ["javascript:alert(1)"], undefined, "登录后返回的地址无效。"],
    ["a path whose host cannot parse", ["//[x"], undefined, "登录后返回的地址无效。"],
    ["a forged callback cookie after a good query", ["/console", "%%"], undefined, "登录后返回的地址无效。"],
    ["a JSON body", [], '{"csrfToken":"x"}', null],
    ["an empty JSON body", [], "", "请求内容不是有效的 JSON。"],
    ["invalid UTF-8 sent as JSON", [], "\uFFFD(\uFFFD\uFFFD", "请求内容不是有效的 JSON。"],
  ] as const)("%s", (_, callbackUrls, jsonBody, expected) => {
    expect(authRequestProblem({ callbackUrls: [...callbackUrls], jsonBody }, site)).toBe(expected);
  });
});
