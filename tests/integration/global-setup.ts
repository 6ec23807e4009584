import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { startThrowawayDatabase } from "../support/throwaway-db";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated throwaway database every integration test file shares. */
    databaseUrl: string;
  }
}

/**
 * One throwaway, migrated PostgreSQL database for the whole integration run: a fresh database on
 * DATABASE_URL's server when set, else an embedded cluster. Files run one after another
 * (fileParallelism: false), so they may rely on their own rows without locking each other out.
 */
export default async function setup(project: TestProject) {
  const database = await startThrowawayDatabase("gongkai_test", process.env.DATABASE_URL || undefined);
  try {
    await migrate(database.url);
    // The app's workers do not install pg-boss's schema (lib/db/roles.ts): the owner does, here the test superuser.
    const { installJobQueue } = await import("@/lib/server/jobs/queue");
    await installJobQueue(database.url);
  } catch (error) {
    await database.stop();
    throw error;
  }
  project.provide("databaseUrl", database.url);
  return () => database.stop();
}
