import { inject } from "vitest";

// lib/env.ts reads DATABASE_URL from process.env; workers do not inherit the global setup's
// environment, so each test file's worker gets it here, before any lib/server import runs.
process.env.DATABASE_URL = inject("databaseUrl");
