import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** An S3-protocol server that runs here (s3rver, files in a temporary folder), with one bucket. */
export interface LocalS3 {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

/**
 * s3rver in a process of its own: its ListObjectsV2 continuation tokens are DES-encrypted, which
 * Node 17+ (OpenSSL 3) offers only with --openssl-legacy-provider — a flag for the test server,
 * never for the app. Without it, every listing past the first page fails with InternalError.
 */
export async function startLocalS3(bucket = "gongkai-test"): Promise<LocalS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "gongkai-s3-"));
  const bin = path.resolve("node_modules/s3rver/bin/s3rver.js");
  const child = spawn(process.execPath, ["--openssl-legacy-provider", bin, "-d", directory, "-a", "127.0.0.1", "-p", "0", "--silent", "--configure-bucket", bucket], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const said: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`s3rver did not start:\n${said.join("")}`)), 20_000);
    const listen = (chunk: Buffer) => {
      said.push(chunk.toString());
      const m = /listening on [^:]+:(\d+)/.exec(said.join(""));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on("data", listen);
    child.stderr.on("data", listen);
    child.on("exit", () => reject(new Error(`s3rver exited:\n${said.join("")}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    // s3rver's one account; it checks SigV4 signatures like S3 does.
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    async stop() {
      if (child.exitCode === null) await new Promise<void>((resolve) => (child.once("exit", () => resolve()), child.kill("SIGTERM")));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
