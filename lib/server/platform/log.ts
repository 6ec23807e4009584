import pino, { type Logger } from "pino";
import { REQUEST_ID_HEADER } from "@/lib/domain/edge";
import { env } from "@/lib/env";

/**
 * The server's log: one JSON object per line on stdout (pino), for journald, Docker or a log
 * shipper to collect (等保 2.0 安全审计 keeps its own, tamper-evident trail in "AuditEvent"; this
 * log is for operations). Convention (docs/operations.md): server code logs through `log` or
 * `requestLog()`, never console.*; a line carries a short English `msg` and fields, never
 * passwords, tokens, personal data or file text. Not `server-only`, so scripts and
 * instrumentation can use it; `next/headers` is loaded only when a request id is asked for.
 */
export const log: Logger = pino({
  level: env().LOG_LEVEL,
  base: { app: "gongkai" },
  timestamp: pino.stdTimeFunctions.isoTime,
  // Belt and braces: should a caller pass a whole object, these never reach the log.
  // An error is its kind, message, code and stack, nothing else: a pg error carries its whole
  // client (host, user, database, connection state) as an enumerable property.
  serializers: { err: errorFields },
  redact: { paths: ["password", "*.password", "passwordHash", "*.passwordHash", "token", "*.token", "secret", "*.secret", "cookie", "*.cookie", "authorization", "*.authorization"], censor: "[redacted]" },
});

export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & { code?: unknown; severity?: unknown; routine?: unknown; digest?: unknown };
  return {
    type: e.name,
    message: e.message,
    ...(typeof e.code === "string" || typeof e.code === "number" ? { code: e.code } : {}),
    ...(typeof e.severity === "string" ? { severity: e.severity } : {}),
    ...(typeof e.routine === "string" ? { routine: e.routine } : {}),
    ...(typeof e.digest === "string" ? { digest: e.digest } : {}),
    stack: e.stack,
    ...(e.cause ? { cause: errorFields(e.cause) } : {}),
  };
}

export { REQUEST_ID_HEADER };

/** What the edge (proxy.ts, requestIdOf in lib/domain/edge.ts) sets: checked again before it is logged. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The current request's id as the edge set it; null outside a request (scripts, jobs, tests). */
export async function currentRequestId(): Promise<string | null> {
  try {
    const { headers } = await import("next/headers");
    const value = (await headers()).get(REQUEST_ID_HEADER);
    return value && REQUEST_ID.test(value) ? value : null;
  } catch {
    return null;
  }
}

/** A child logger whose lines carry the current request's id. */
export async function requestLog(): Promise<Logger> {
  const requestId = await currentRequestId();
  return requestId ? log.child({ requestId }) : log;
}
