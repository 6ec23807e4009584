/**
 * npm run nginx -- start|stop|config [--upstream 127.0.0.1:3000[,127.0.0.1:3001]] [--https-port 8443] [--http-port 8080]
 *
 * Runs deploy/nginx/gongkai.conf with Debian's nginx on this machine, as it would run in front of
 * the app on a server: its files under .data/nginx (config, cache, logs, a self-signed
 * certificate made with openssl on first use), no root paths touched, so the bench and the
 * two-instance tests can start and stop it. `config` prints the filled configuration.
 * Install nginx first: apt-get install nginx-light libnginx-mod-http-brotli-filter.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const root = process.cwd();

export interface NginxOptions {
  prefix: string;
  upstreams: string[];
  httpsPort: number;
  httpPort: number;
  serverName?: string;
  bodyMaxMb?: number;
  accessLog?: boolean;
}

export function nginxBinary(): string | null {
  for (const candidate of ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]) if (existsSync(candidate)) return candidate;
  return null;
}

const MODULES = "/usr/lib/nginx/modules";
const BROTLI_MODULE = path.join(MODULES, "ngx_http_brotli_filter_module.so");

/** Debian's dynamic brotli module, loaded by absolute path (its modules-enabled file names it relative to /etc/nginx). */
function brotliAvailable(): boolean {
  return existsSync(BROTLI_MODULE);
}

/** The template with this machine's paths, ports and upstreams. */
export function nginxConfig(o: NginxOptions): string {
  const template = readFileSync(path.join(root, "deploy", "nginx", "gongkai.conf"), "utf8");
  const fields: Record<string, string> = {
    PREFIX: o.prefix,
    MODULES: brotliAvailable() ? `load_module ${BROTLI_MODULE};` : "",
    ACCESS_LOG: o.accessLog ? `${o.prefix}/logs/access.log` : "off",
    BODY_MAX_MB: String(o.bodyMaxMb ?? 60),
    BROTLI: brotliAvailable()
      ? "brotli on;\n  brotli_comp_level 5;\n  brotli_types text/plain text/css text/xml application/javascript application/json application/xml application/rss+xml application/atom+xml image/svg+xml;"
      : "# brotli: install libnginx-mod-http-brotli-filter",
    UPSTREAMS: o.upstreams.map((u) => `server ${u};`).join("\n    "),
    HTTP_PORT: String(o.httpPort),
    HTTPS_PORT: String(o.httpsPort),
    SERVER_NAME: o.serverName ?? "localhost",
    CERT: `${o.prefix}/tls/cert.pem`,
    KEY: `${o.prefix}/tls/key.pem`,
  };
  return template.replace(/@([A-Z_]+)@/g, (whole, name: string) => fields[name] ?? whole);
}

/** Writes the config and a self-signed certificate, checks it with `nginx -t`, and starts nginx. */
export function startNginx(o: NginxOptions): void {
  const bin = nginxBinary();
  if (!bin) throw new Error("nginx is not installed (apt-get install nginx-light libnginx-mod-http-brotli-filter)");
  for (const dir of ["logs", "cache", "tls", "tmp"]) mkdirSync(path.join(o.prefix, dir), { recursive: true });
  const cert = path.join(o.prefix, "tls", "cert.pem");
  if (!existsSync(cert)) {
    const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", path.join(o.prefix, "tls", "key.pem"), "-out", cert], { stdio: "pipe" });
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  }
  const conf = path.join(o.prefix, "nginx.conf");
  writeFileSync(conf, nginxConfig(o));
  const test = spawnSync(bin, ["-p", o.prefix, "-c", conf, "-t"], { stdio: "pipe" });
  if (test.status !== 0) throw new Error(`nginx -t: ${test.stderr}`);
  stopNginx(o.prefix);
  const started = spawnSync(bin, ["-p", o.prefix, "-c", conf], { stdio: "pipe" });
  if (started.status !== 0) throw new Error(`nginx failed to start: ${started.stderr}`);
}

export function stopNginx(prefix: string): void {
  const pidFile = path.join(prefix, "nginx.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  // An empty or stale file must never become kill(0), which signals our own process group.
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    process.kill(pid, "SIGQUIT");
  } catch {
    // already gone
  }
  for (let i = 0; i < 50 && existsSync(pidFile); i++) spawnSync("sleep", ["0.1"]);
}

function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      upstream: { type: "string", default: "127.0.0.1:3000" },
      "https-port": { type: "string", default: "8443" },
      "http-port": { type: "string", default: "8080" },
      prefix: { type: "string", default: path.join(root, ".data", "nginx") },
    },
  });
  const o: NginxOptions = {
    prefix: path.resolve(values.prefix!),
    upstreams: values.upstream!.split(",").map((s) => s.trim()).filter(Boolean),
    httpsPort: Number(values["https-port"]),
    httpPort: Number(values["http-port"]),
    accessLog: true,
  };
  const command = positionals[0] ?? "start";
  if (command === "config") process.stdout.write(nginxConfig(o));
  else if (command === "stop") stopNginx(o.prefix);
  else if (command === "start") {
    startNginx(o);
    console.log(`nginx: https://localhost:${o.httpsPort}/ → ${o.upstreams.join(", ")} (files in ${path.relative(root, o.prefix)})`);
  } else {
    console.error("usage: npm run nginx -- start|stop|config [--upstream host:port,…] [--https-port N] [--http-port N]");
    process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(root, "scripts", "nginx.ts")) main();
