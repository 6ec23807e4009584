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
  ]),
]);
