/**
 * The Content-Security-Policy both halves of the site send, written once: next.config.js (plain
 * JavaScript, loaded without TypeScript) builds the public site's from it, lib/domain/edge.ts the
 * console's. They differ only in where scripts and images may come from.
 *
 * @param {{ scriptSrc: string, imgSrc?: string }} sources
 * @returns {string}
 */
export function contentSecurityPolicy({ scriptSrc, imgSrc = "'self' data:" }) {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    // Inline event-handler attributes (`onerror=`, the usual injection) are refused everywhere:
    // React never renders them.
    "script-src-attr 'none'",
    // Inline styles stay: React `style` props and the editor's (Tiptap) text alignment are style
    // attributes, which a nonce cannot cover; CSS cannot run script.
    "style-src 'self' 'unsafe-inline'",
    `img-src ${imgSrc}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}
