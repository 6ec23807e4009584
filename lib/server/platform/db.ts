import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/env";

/**
 * The one Prisma client (t3's globalThis singleton, so dev reloads don't open new pools).
 * Password hashes and 动态口令 secrets are omitted from every query unless a query asks for them
 * by name, and so are a request's similarity grams (read only in SQL by lib/server/requests/similar.ts).
 * The read replica's client (lib/server/platform/read-replica.ts) is built here too, so both omit the same.
 */
export function createClient(connectionString: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString }),
    omit: { user: { passwordHash: true, totpSecret: true, totpPendingSecret: true }, disclosureRequest: { descriptionGrams: true } },
    // Under a burst every transaction waits its turn for a pooled connection: Prisma's default of
    // 2 s turned a queue into a 500 (P2028). Public reads set their own, longer clock (search.ts).
    transactionOptions: { maxWait: 10_000 },
  }).$extends(withoutNul);
}

/**
 * PostgreSQL refuses NUL in text (22021 "invalid byte sequence"), and no form, id or search ever
 * means one: every string handed to a model query loses its NULs here, so a "\0" typed into any
 * field or path id is a normal input, never a 500 (issue 10 §7). Raw SQL ($queryRaw) is not covered:
 * its callers take their strings from parsed input and the path and query are checked by proxy.ts.
 */
const withoutNul = {
  name: "without-nul",
  query: {
    async $allOperations({ model, args, query }: { model?: string; args: unknown; query: (args: unknown) => Promise<unknown> }) {
      // Model operations only: raw SQL's arguments are a template, not plain data.
      return query(model ? stripNul(args) : args);
    },
  },
} as const;

export function stripNul<T>(value: T): T {
  if (typeof value === "string") return (value.includes("\u0000") ? value.replaceAll("\u0000", "") : value) as T;
  if (Array.isArray(value)) return value.map(stripNul) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripNul(v)])) as T;
  }
  return value;
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** Either the client or a transaction: for reads that work inside and outside one. */
export type DbOrTx = Db | Tx;

const globalForDb = globalThis as unknown as { gongkaiDb?: Db };

export function db(): Db {
  globalForDb.gongkaiDb ??= createClient(databaseUrl());
  return globalForDb.gongkaiDb;
}
