/**
 * Whether a read failed because the database is overloaded rather than wrong: Prisma could not
 * start or finish its transaction in time (P2028), the driver adapter could not get a connection
 * (P2037), or PostgreSQL cancelled a statement on its timeout (57014) or refused a connection
 * (53300) — which Prisma 7 with @prisma/adapter-pg reports as P2010/P2039 with the server's code at
 * `meta.driverAdapterError.cause.originalCode`. A public page answers these with "busy, try again"
 * and a Retry-After (503), never a 500: nothing is broken, there is only too much to do at once.
 */
const PRISMA = new Set(["P2028", "P2037"]);
const POSTGRES = new Set(["57014", "53300"]);

export function isOverloaded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (PRISMA.has(code) || POSTGRES.has(code))) return true;
    const meta = (e as { meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } }).meta;
    const original = meta?.driverAdapterError?.cause?.originalCode ?? meta?.code;
    if (typeof original === "string" && POSTGRES.has(original)) return true;
  }
  return false;
}
