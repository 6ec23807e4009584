import { inject } from "vitest";

// lib/env.ts reads DATABASE_URL from process.env; workers do not inherit the global setup's
// environment, so each test file's worker gets it here, before any lib/server import runs.
process.env.DATABASE_URL = inject("databaseUrl");
// A fixed test key for personal data (never a real one): AES-256-GCM needs 32 bytes.
process.env.PII_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
// A data folder of this run's own: the audit checkpoint in ./.data/audit belongs to the demo's
// database, and this run's chain must not be checked against it.
process.env.DATA_DIR ??= (await import("node:fs")).mkdtempSync((await import("node:path")).join((await import("node:os")).tmpdir(), "gongkai-test-data-"));
