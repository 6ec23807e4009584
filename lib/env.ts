import { z } from "zod";

/** `S3_BUCKET=` (an empty line in an env file) means not set, as an absent variable does. */
const unsetWhenEmpty = <T extends z.ZodType<string>>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), schema.optional());

/**
 * The only reader of process.env. Validated once, so that a bad setting fails at start-up with
 * a clear message instead of deep inside a request. Every variable is documented in .env.example.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  /** The owner role (migrations, pg-boss's schema, backup/restore, npm run audit:purge); unset = DATABASE_URL (lib/db/roles.ts). */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  /** A streaming replica for the anonymous public reads (lib/server/platform/read-replica.ts); unset = the primary. */
  DATABASE_REPLICA_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, "DATABASE_REPLICA_URL: a postgresql:// URL of a streaming replica").optional(),
  /** pino's level for the JSON log (lib/server/platform/log.ts). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Signs session tokens (next-auth). The launcher generates one into .data/ for the demo. */
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /**
   * More origins (comma-separated, e.g. http://192.168.1.20:3000) whose pages may post to the app,
   * besides NEXTAUTH_URL's: the same app reached by another address. The demo launcher fills it
   * with this machine's LAN addresses when it listens on 0.0.0.0 (proxy.ts's Origin check).
   */
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const origins: string[] = [];
      for (const part of (v ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
        try {
          const url = new URL(part);
          if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
          origins.push(url.origin);
        } catch {
          ctx.addIssue({ code: "custom", message: `ALLOWED_ORIGINS: "${part}" is not an http(s) origin like http://192.168.1.20:3000` });
        }
      }
      return origins;
    }),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * Interface the app listens on (`next start -H`). Loopback by default: the demo's passwords are
   * in the README, so a demo must not be reachable from the network unless someone says so. Only
   * an address counts (0.0.0.0, an IP, localhost): RHEL-family shells (CentOS, openEuler, Kylin)
   * export HOSTNAME as the machine's name, which must not silently open the demo to the LAN.
   */
  HOSTNAME: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v && isListenAddress(v) ? v : "127.0.0.1")),
  /** Folder for the embedded database and, later, uploads. */
  DATA_DIR: z.string().default(".data"),
  /** Largest attachment accepted, in megabytes (附件大小上限). */
  UPLOAD_MAX_MB: z.coerce.number().int("UPLOAD_MAX_MB: a whole number of megabytes").min(1).max(2048).default(50),
  /** Where attachment bytes live (lib/server/files/storage.ts): local disk under $DATA_DIR/uploads, or an S3-compatible bucket. */
  BLOB_STORE: z.enum(["local", "s3"], "BLOB_STORE: local or s3").default("local"),
  /** The S3-compatible service (MinIO, 华为云 OBS, 阿里云 OSS, Ceph RGW…); unset = AWS's own endpoint for S3_REGION. */
  S3_ENDPOINT: unsetWhenEmpty(z.string().url("S3_ENDPOINT: a URL such as https://obs.cn-north-4.myhuaweicloud.com")),
  S3_BUCKET: unsetWhenEmpty(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "S3_BUCKET: 3–63 lower-case letters, digits, '.' or '-'")),
  S3_REGION: z.string().trim().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: unsetWhenEmpty(z.string()),
  S3_SECRET_ACCESS_KEY: unsetWhenEmpty(z.string()),
  /** Bucket in the path (endpoint/bucket/key), as MinIO and most private services need; default: on when S3_ENDPOINT is set. */
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"], "S3_FORCE_PATH_STYLE: true or false")
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
  /** Prefix of every object key, so several bureaus (or environments) can share one bucket. */
  S3_KEY_PREFIX: z.string().regex(/^((?!\.{1,2}\/)[0-9A-Za-z_.-]+\/)*$/, "S3_KEY_PREFIX: path segments ending in '/', e.g. jilin-kjj/").default(""),
  /** Uploads never attached to a revision (nor held by an autosaved draft) are removed after this many hours. */
  ORPHAN_UPLOAD_GRACE_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24),
  /** Longest one attachment's text extraction may take (the extract-text job), in seconds. */
  TEXT_EXTRACT_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /**
   * Seals applicants' personal data (AES-256-GCM, lib/server/platform/crypto.ts): 32 random bytes in
   * base64. The launcher generates one into .data/ for the demo; losing it loses that data.
   */
  PII_ENCRYPTION_KEY: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === "" || Buffer.from(v, "base64").length === 32, "PII_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)")
    .transform((v) => v || undefined),
  /**
   * Keys the audit log's chain and its checkpoint (HMAC-SHA256, lib/server/platform/audit-chain.ts):
   * 32 random bytes in base64, never stored in the database. Required in production.
   */
  AUDIT_HMAC_KEY: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === "" || Buffer.from(v, "base64").length === 32, "AUDIT_HMAC_KEY must be 32 bytes in base64 (openssl rand -base64 32)")
    .transform((v) => v || undefined),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  BUREAU_NAME: z.string().min(1).default("吉林市科学技术局"),
  /** 机构代码: the first part of every 索引号. */
  ORG_CODE: z
    .string()
    .regex(/^[0-9A-Z-]{4,24}$/, "ORG_CODE: 4–24 digits, capital letters or '-'")
    .default("11220200013544447F"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(8),
  /** Cookies get the Secure flag; on by default in production (serve over HTTPS). */
  SECURE_COOKIES: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true")),
  /**
   * How many reverse proxies of our own stand in front of the app (each appends to X-Forwarded-For).
   * 0: the header is ignored and the connection's address is the client (lib/server/platform/client-address.ts).
   */
  TRUSTED_PROXY_COUNT: z.coerce.number().int("TRUSTED_PROXY_COUNT: a whole number").min(0).max(10).default(0),
  /** Megabytes of rendered public pages and answers each instance keeps in memory (lib/server/platform/public-cache.ts); 0 turns the cache off. */
  PUBLIC_CACHE_MB: z.coerce.number().int("PUBLIC_CACHE_MB: a whole number of megabytes").min(0).max(4096).default(64),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.superRefine(requireS3Settings).safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm run demo / npm run dev start an embedded PostgreSQL and set it)");
  return url;
}

/** Where migrations, the job queue's schema install, backup and restore connect: the owner role. */
export function migrationDatabaseUrl(): string {
  return env().MIGRATION_DATABASE_URL ?? databaseUrl();
}

export function authSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (secret) return secret;
  if (env().NODE_ENV === "production") throw new Error("NEXTAUTH_SECRET is required in production");
  return "gongkai-development-secret-not-for-production-use";
}

/**
 * The site's own URL, the only source of absolute links (feeds, sitemap, robots, OpenAPI) and of the
 * origin a form may be posted from. Required in production; in development a fixed localhost URL —
 * never the request's Host or X-Forwarded-Host, which anyone can forge.
 */
export function siteUrl(): URL {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured);
  if (env().NODE_ENV === "production") throw new Error("NEXTAUTH_URL is required in production (the site's public URL, e.g. https://gongkai.example.gov.cn)");
  return new URL(`http://localhost:${env().PORT}`);
}

/** The key that seals personal data; there is no fallback, since data sealed with one would be readable by anyone. */
export function piiEncryptionKey(): Buffer {
  const key = env().PII_ENCRYPTION_KEY;
  if (!key) throw new Error("PII_ENCRYPTION_KEY is not set (npm run demo generates one into .data/; elsewhere: openssl rand -base64 32)");
  return Buffer.from(key, "base64");
}

/**
 * The audit chain's key. Production refuses to start without it (instrumentation.ts calls this):
 * a chain keyed with a published fallback is no better than a plain hash.
 */
export function auditHmacKey(): Buffer {
  const key = env().AUDIT_HMAC_KEY;
  if (key) return Buffer.from(key, "base64");
  if (env().NODE_ENV === "production") {
    throw new Error("AUDIT_HMAC_KEY is required in production (32 random bytes in base64: openssl rand -base64 32) / 生产环境必须设置审计日志密钥 AUDIT_HMAC_KEY");
  }
  return Buffer.from("gongkai-development-audit-key-not-for-production!!".slice(0, 32));
}

export function secureCookies(): boolean {
  return env().SECURE_COOKIES ?? (env().NODE_ENV === "production" && (env().NEXTAUTH_URL ?? "").startsWith("https:"));
}

/** An IPv4 or IPv6 literal, or localhost: what HOSTNAME may name for the app to listen on. */
function isListenAddress(value: string): boolean {
  return value === "localhost" || /^\d{1,3}(\.\d{1,3}){3}$/.test(value) || /^\[?[0-9a-f]*:[0-9a-f:]*\]?$/i.test(value);
}

/** BLOB_STORE=s3 without a bucket would fail at the first upload instead of at start-up. */
function requireS3Settings(e: { BLOB_STORE: string; S3_BUCKET?: string; S3_ACCESS_KEY_ID?: string; S3_SECRET_ACCESS_KEY?: string }, ctx: z.RefinementCtx) {
  if (e.BLOB_STORE === "s3" && !e.S3_BUCKET) ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "S3_BUCKET is required when BLOB_STORE=s3" });
  // One key without the other would let the AWS SDK fall back to its own chain (~/.aws, the
  // machine's cloud role) without a word: both or neither.
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY) {
    ctx.addIssue({ code: "custom", path: [e.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"], message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither" });
  }
}
