import { describe, expect, test } from "vitest";
import pino from "pino";
import { errorFields, log } from "@/lib/server/platform/log";

describe("the log's error fields", () => {
  test("a pg error is logged without its client (host, user, database, connection state)", () => {
    const error = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
      severity: "FATAL",
      client: { connectionParameters: { user: "gongkai_app", password: "s3cret", database: "gongkai" } },
    });
    const fields = errorFields(error);
    expect(fields).toMatchObject({ type: "Error", message: "terminating connection due to administrator command", code: "57P01", severity: "FATAL" });
    expect(JSON.stringify(fields)).not.toContain("s3cret");
    expect(JSON.stringify(fields)).not.toContain("gongkai_app");
  });

  test("the server's logger serialises every `err` with them", () => {
    const serializers = (log as unknown as Record<symbol, Record<string, unknown>>)[pino.symbols.serializersSym];
    expect(serializers.err).toBe(errorFields);
  });

  test("a cause is kept, a thrown non-error becomes its text", () => {
    expect(errorFields(new Error("outer", { cause: new Error("inner") }))).toMatchObject({ message: "outer", cause: { message: "inner" } });
    expect(errorFields("plain")).toEqual({ message: "plain" });
  });
});
