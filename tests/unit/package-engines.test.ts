import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, test } from "vitest";

// semver arrives with npm's own tree (no types of its own here); only these two calls are needed.
const semver = createRequire(import.meta.url)("semver") as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string, options?: { includePrerelease?: boolean }): boolean;
};

const root = path.resolve(import.meta.dirname, "../..");
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8"));

interface LockEntry {
  version?: string;
  engines?: Record<string, string> | string[];
  optional?: boolean;
}

/**
 * `engines` is a promise to whoever runs `npm ci`: every installed package must accept the oldest
 * Node it names, or `npm ci` warns (EBADENGINE) and the package may use APIs that Node lacks.
 */
describe("package.json engines", () => {
  const declared: string = readJson("package.json").engines.node;
  const minimum = semver.minVersion(declared)!.version;
  const packages: Record<string, LockEntry> = readJson("package-lock.json").packages;

  test("the declared range has a minimum", () => {
    expect(minimum).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test(`every package in package-lock.json accepts Node ${minimum}`, () => {
    const refusing = Object.entries(packages)
      .filter(([key, entry]) => key !== "" && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => !semver.satisfies(minimum, (entry.engines as Record<string, string>).node, { includePrerelease: true }))
      .map(([key, entry]) => `${key.replace(/^.*node_modules\//, "")}@${entry.version}: node ${(entry.engines as Record<string, string>).node}`);
    expect(refusing).toEqual([]);
  });
});
