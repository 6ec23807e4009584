import { describe, expect, test } from "vitest";
import { isOverloaded } from "@/lib/server/platform/overload";

describe("isOverloaded: a database too busy, not a query wrong", () => {
  test("Prisma's transaction timeouts, PostgreSQL's statement timeout and full connection slots, also as a cause", () => {
    expect(isOverloaded(Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" }))).toBe(true);
    expect(isOverloaded({ code: "57014", message: "canceling statement due to statement timeout" })).toBe(true);
    expect(isOverloaded(new Error("driver", { cause: { code: "53300" } }))).toBe(true);
    expect(isOverloaded({ code: "P2010", meta: { code: "57014" } })).toBe(true);
    // As Prisma 7 with @prisma/adapter-pg raises them.
    expect(isOverloaded({ code: "P2037", meta: { driverAdapterError: { cause: { kind: "TooManyConnections" } } } })).toBe(true);
    expect(isOverloaded({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "57014", originalMessage: "canceling statement due to statement timeout" } } } })).toBe(true);
    expect(isOverloaded({ code: "P2039", meta: { driverAdapterError: { cause: { originalCode: "53300" } } } })).toBe(true);
  });

  test("anything else is not: it stays an error", () => {
    for (const error of [new Error("boom"), { code: "P2002" }, { code: "42P01" }, { code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "23505" } } } }, null, undefined, "57014", 42]) {
      expect(isOverloaded(error)).toBe(false);
    }
  });
});
