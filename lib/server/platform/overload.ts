/**
 * Whether a read failed because the database is overloaded rather than wrong: Prisma could not
 * start or finish its transaction in time (P2028), PostgreSQL cancelled a statement on its timeout
 * (57014) or refused a connection (53300). A public page answers these with "busy, try again" and
 * a Retry-After (503), never a 500: nothing is broken, there is only too much to do at once.
 */
export function isOverloaded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "P2028" || code === "57014" || code === "53300") return true;
    const meta = (e as { meta?: { code?: unknown } }).meta;
    if (meta?.code === "57014" || meta?.code === "53300") return true;
  }
  return false;
}
