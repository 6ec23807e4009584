import { describe, expect, test } from "vitest";
import { parseEnv } from "@/lib/env";

/** Issue 11 §6's settings: a bad one stops the start with its name, an empty one counts as unset. */
describe("replica and object-storage settings", () => {
  test.each([
    [{}, { BLOB_STORE: "local", S3_REGION: "us-east-1", S3_KEY_PREFIX: "" }],
    [{ BLOB_STORE: "s3", S3_BUCKET: "gongkai-files", S3_ENDPOINT: "http://127.0.0.1:9000" }, { BLOB_STORE: "s3", S3_BUCKET: "gongkai-files" }],
    [{ S3_FORCE_PATH_STYLE: "false", S3_KEY_PREFIX: "jilin/kjj/" }, { S3_FORCE_PATH_STYLE: false, S3_KEY_PREFIX: "jilin/kjj/" }],
    [{ DATABASE_REPLICA_URL: "postgresql://app:x@replica:5432/gongkai" }, { DATABASE_REPLICA_URL: "postgresql://app:x@replica:5432/gongkai" }],
  ])("%o is accepted", (source, expected) => {
    expect(parseEnv(source)).toMatchObject(expected);
  });

  test("unset and empty mean the same: no replica, no bucket, no endpoint, no key", () => {
    for (const source of [{}, { S3_BUCKET: " ", S3_ENDPOINT: "", S3_ACCESS_KEY_ID: "", S3_SECRET_ACCESS_KEY: "" }]) {
      const e = parseEnv(source);
      expect([e.DATABASE_REPLICA_URL, e.S3_BUCKET, e.S3_ENDPOINT, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY, e.S3_FORCE_PATH_STYLE]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    }
  });

  test.each([
    [{ BLOB_STORE: "s3" }, "S3_BUCKET is required when BLOB_STORE=s3"],
    [{ BLOB_STORE: "s3", S3_BUCKET: "" }, "S3_BUCKET is required when BLOB_STORE=s3"],
    [{ BLOB_STORE: "nas" }, "BLOB_STORE: local or s3"],
    [{ S3_BUCKET: "Gongkai_Files" }, "S3_BUCKET: 3–63 lower-case letters"],
    [{ S3_ENDPOINT: "obs.example" }, "S3_ENDPOINT: a URL"],
    [{ S3_KEY_PREFIX: "../x/" }, "S3_KEY_PREFIX: path segments"],
    [{ S3_FORCE_PATH_STYLE: "yes" }, "S3_FORCE_PATH_STYLE: true or false"],
    [{ DATABASE_REPLICA_URL: "replica:5432" }, "DATABASE_REPLICA_URL: a postgresql:// URL"],
    [{ S3_ACCESS_KEY_ID: "AKIA1" }, "S3_SECRET_ACCESS_KEY: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together"],
    [{ S3_SECRET_ACCESS_KEY: "secret" }, "S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together"],
  ])("%o is refused, naming the setting", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });
});
