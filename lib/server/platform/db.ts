import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/env";

/**
 * The one Prisma client (t3's globalThis singleton, so dev reloads don't open new pools).
 * Password hashes and 动态口令 secrets are omitted from every query unless a query asks for them
 * by name, and so are a request's similarity grams (read only in SQL by lib/server/requests/similar.ts).
 */
function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl() }),
    omit: { user: { passwordHash: true, totpSecret: true, totpPendingSecret: true }, disclosureRequest: { descriptionGrams: true } },
  });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** Either the client or a transaction: for reads that work inside and outside one. */
export type DbOrTx = Db | Tx;

const globalForDb = globalThis as unknown as { gongkaiDb?: Db };

export function db(): Db {
  globalForDb.gongkaiDb ??= createClient();
  return globalForDb.gongkaiDb;
}
