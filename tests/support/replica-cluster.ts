import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "@/lib/db/embedded-postgres";

/**
 * A primary and a streaming hot-standby replica from the embedded PostgreSQL binaries, for the
 * read-replica test (issue 11 §6). The embedded package ships initdb, pg_ctl and postgres but no
 * pg_basebackup, so the replica starts from a cold copy of the primary's data folder (the
 * documented "file system level backup" of a cleanly stopped server), with standby.signal and
 * primary_conninfo; it then streams the primary's WAL like any replica made by pg_basebackup.
 */
export interface ReplicaCluster {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops the replica alone (a replica that goes down while the primary runs). */
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

/** The same postgres binary embedded-postgres runs (its platform package exports the paths). */
async function postgresBinary(): Promise<string> {
  const platform = (await import(/* @vite-ignore */ `@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return platform.postgres;
}
const USER = "gongkai";
const PASSWORD = "gongkai";

export async function startReplicaCluster(database: string): Promise<ReplicaCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gongkai-replica-"));
  // As root the servers run as `postgres` (PostgreSQL refuses root), which must reach our folder.
  chmodSync(dir, 0o777);
  const primaryDir = path.join(dir, "primary");
  const replicaDir = path.join(dir, "replica");
  const primaryPort = await freePort();
  const settings = ["wal_level=replica", "max_wal_senders=4", "hot_standby=on"];
  let primary: RunningPostgres | undefined;
  let replica: ChildProcess | undefined;
  try {
    const first = await startEmbeddedPostgres({ dataDir: primaryDir, port: primaryPort, database, persistent: true, quiet: true, settings });
    await first.stop();
    // cp -a keeps the owner (postgres) and the 0700 mode PostgreSQL insists on.
    execFileSync("cp", ["-a", primaryDir, replicaDir]);
    rmSync(path.join(replicaDir, "postmaster.pid"), { force: true });
    writeFileSync(path.join(replicaDir, "standby.signal"), "");
    appendFileSync(
      path.join(replicaDir, "postgresql.auto.conf"),
      `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${USER} password=${PASSWORD} application_name=gongkai_replica'\nhot_standby = on\n`,
    );
    primary = await startEmbeddedPostgres({ dataDir: primaryDir, port: primaryPort, database, persistent: true, quiet: true, settings });
    const replicaPort = await freePort();
    replica = await startStandby(replicaDir, replicaPort);
    const standby = replica;
    const running = primary;
    return {
      primaryUrl: running.url,
      replicaUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${replicaPort}/${database}`,
      stopReplica: () => stopProcess(standby),
      async stop() {
        try {
          await stopProcess(standby);
          await running.stop();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    if (replica) await stopProcess(replica);
    await primary?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** Starts a hot standby and resolves once it accepts read-only connections. */
async function startStandby(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(await postgresBinary(), ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="], {
    ...postgresUser(),
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  const said: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start:\n${said.join("")}`)), 30_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      said.push(chunk.toString());
      if (chunk.toString().includes("ready to accept read-only connections")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on("close", () => {
      clearTimeout(timer);
      reject(new Error(`replica exited:\n${said.join("")}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    // SIGINT: PostgreSQL's fast shutdown.
    child.kill("SIGINT");
  });
}
