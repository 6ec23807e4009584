import "server-only";
import { isIP } from "node:net";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The client's address, worked out in this one place (issue 10 §5; ASVS 5.0 V4.1: never trust a
 * header the client controls).
 *
 * Next.js hands route handlers and server components no socket address. What it does: when a request
 * arrives without X-Forwarded-For, its server fills the header with the connection's address
 * (`x-forwarded-for ??= socket.remoteAddress`, next/dist/server/base-server.js). proxy.ts therefore
 * deletes an incoming X-Forwarded-For when no proxy is trusted (TRUSTED_PROXY_COUNT=0), and what
 * Next puts back is the socket address. With N trusted proxies of our own in front, each appends the
 * address it saw, so the client is the N-th entry from the right; anything left of it was written by
 * whoever sent the request and is ignored. X-Real-IP is never read: a client can send it too.
 */
export function clientAddressFromForwarded(forwardedFor: string | null | undefined, trustedProxies: number): string | null {
  const entries = (forwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  if (!entries.length) return null;
  // 0 proxies: the one entry Next wrote from the socket (the right-most should anything precede it).
  const index = trustedProxies === 0 ? entries.length - 1 : Math.max(0, entries.length - trustedProxies);
  return normalizeAddress(entries[index]);
}

/** An IP literal without port or brackets, IPv4-mapped IPv6 as IPv4; null for anything else. */
export function normalizeAddress(raw: string): string | null {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1];
  return isIP(a) ? a.toLowerCase() : null;
}

/** The client address of the current request (see clientAddressFromForwarded). */
export function clientAddressOf(h: { get(name: string): string | null | undefined }): string | null {
  return clientAddressFromForwarded(h.get("x-forwarded-for"), env().TRUSTED_PROXY_COUNT);
}

/** Client address and agent for the audit log and rate limits; empty outside a request (scripts, tests). */
export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  try {
    const h = await headers();
    return { ip: clientAddressOf(h), userAgent: h.get("user-agent")?.slice(0, 300) ?? null };
  } catch {
    return { ip: null, userAgent: null };
  }
}
