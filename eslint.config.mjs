import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Server actions take the previous form state first and often ignore it.
    rules: { "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }] },
  },
  // ── Layers (DESIGN §7): a tool, not a convention, keeps them ─────────────────────────────────
  {
    rules: {
      // A module cycle makes load order matter and hides a layer that should exist.
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./app", "./components"],
              from: ["./lib/server/platform/db.ts", "./lib/generated"],
              message: "Routes and components never touch the database: call a use case in lib/server, which returns plain data.",
            },
            {
              target: "./lib/domain",
              from: ["./lib/server", "./lib/db", "./lib/generated", "./lib/export", "./app", "./components"],
              message: "lib/domain is pure: no server code, no database, no Next.js, no I/O.",
            },
            {
              target: "./lib/export",
              from: ["./lib/server", "./lib/db", "./lib/generated", "./app", "./components"],
              message: "lib/export renders documents it is given; it reads nothing from the server.",
            },
            {
              target: "./lib/server",
              from: ["./app", "./components"],
              message: "Use cases know nothing of pages: what both need is pure and lives in lib/domain.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "react", "react-dom", "react/*"], message: "lib/domain is pure TypeScript: no Next.js or React." },
            { group: ["@prisma/*", "*/generated/prisma*", "pg", "server-only"], message: "lib/domain is pure TypeScript: no Prisma, no database." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@prisma/*", "pg", "*/generated/prisma*"], message: "Routes and components never touch the database: call a use case in lib/server." }] },
      ],
    },
  },
  {
    // The secrecy corpus writes documents as tagged templates (b.line`…${plant(…)}…`), statements by design.
    files: ["tests/fixtures/secrecy-corpus/**"],
    rules: { "@typescript-eslint/no-unused-expressions": ["warn", { allowTaggedTemplates: true }] },
  },
  {
    // Playwright fixtures receive a function named `use`; it is not React's hook.
    files: ["tests/e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  // Generated or run-time output: not ours to lint, and the Prisma client alone is slow to parse.
  globalIgnores([
    "lib/generated/**",
    ".next/**",
    ".data/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
    // Deliberate violations that tests/unit/lint-rules.test.ts lints on purpose.
    "tests/fixtures/lint/**",
  ]),
]);
