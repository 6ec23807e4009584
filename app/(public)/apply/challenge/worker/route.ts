import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * GET /apply/challenge/worker: the ALTCHA proof-of-work worker (PBKDF2), served from our origin.
 * The widget's default build would start its workers from blob: URLs, which our CSP refuses
 * (script-src 'self'); this file is the package's own prebuilt worker, read from node_modules.
 */
let source: Buffer | undefined;

export async function GET() {
  try {
    source ??= await readFile(path.join(process.cwd(), "node_modules", "altcha", "dist", "workers", "pbkdf2.js"));
  } catch {
    return new Response("人机验证组件缺失，请联系网站管理员。", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(new Uint8Array(source), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
