import { bodyHtmlForDisplay } from "@/lib/domain/html";

/**
 * An item body as readers see it (public page, console item and review pages). The HTML was
 * sanitised with the allowlist when it was saved (DESIGN §8); only the table scroll boxes are added.
 */
export function BodyHtml({ html, className = "" }: { html: string; className?: string }) {
  return <div className={`prose-gov ${className}`} dangerouslySetInnerHTML={{ __html: bodyHtmlForDisplay(html) }} />;
}
