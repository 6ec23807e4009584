import { describe, expect, test } from "vitest";
import { clientAddressFromForwarded, normalizeAddress } from "@/lib/server/platform/request-context";

describe("the client address from X-Forwarded-For and the trusted proxy count", () => {
  test.each([
    // [what, header, trusted proxies, expected]
    ["no header", null, 0, null],
    ["empty header", "", 1, null],
    ["no proxy: Next's own entry (the socket address)", "10.0.0.7", 0, "10.0.0.7"],
    ["no proxy: a forged prefix is ignored, the right-most entry is Next's", "1.2.3.4, 10.0.0.7", 0, "10.0.0.7"],
    ["one proxy: the entry it appended", "203.0.113.9", 1, "203.0.113.9"],
    ["one proxy: a forged prefix is ignored", "6.6.6.6, 203.0.113.9", 1, "203.0.113.9"],
    ["one proxy: several forged entries are ignored", "6.6.6.6,7.7.7.7 , 203.0.113.9", 1, "203.0.113.9"],
    ["two proxies: the second from the right", "6.6.6.6, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"],
    ["two proxies, a short header: the left-most (all of it from our proxies)", "203.0.113.9", 2, "203.0.113.9"],
    ["IPv6", "2001:db8::1", 1, "2001:db8::1"],
    ["IPv6 in capitals", "2001:DB8::A", 1, "2001:db8::a"],
    ["IPv4-mapped IPv6 (a Node socket address)", "::ffff:127.0.0.1", 0, "127.0.0.1"],
    ["IPv4 with a port", "203.0.113.9:51234", 1, "203.0.113.9"],
    ["bracketed IPv6 with a port", "[2001:db8::1]:443", 1, "2001:db8::1"],
    ["not an address", "evil.example", 1, null],
    ["script text", "<script>alert(1)</script>", 1, null],
    ["a forged entry with NUL", "1.2.3.4\u0000", 1, null],
  ])("%s", (_, header, trusted, expected) => {
    expect(clientAddressFromForwarded(header, trusted)).toBe(expected);
  });

  test("an address nobody can forge once one proxy is trusted, whatever the client prepends", () => {
    for (const forged of ["", "1.1.1.1, ", "1.1.1.1, 2.2.2.2, ", "unknown, ", "::1, "]) {
      expect(clientAddressFromForwarded(`${forged}198.51.100.4`, 1)).toBe("198.51.100.4");
    }
  });

  test.each([
    ["127.0.0.1", "127.0.0.1"],
    ["::1", "::1"],
    ["[::1]", "::1"],
    ["999.1.1.1", null],
    ["1.2.3", null],
  ])("normalises %s", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });
});
