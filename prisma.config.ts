import { defineConfig } from "prisma/config";

// The CLI's datasource URL; the app itself connects through lib/server/platform/db.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/gongkai" },
});
