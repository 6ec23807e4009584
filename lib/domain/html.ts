import { Parser } from "htmlparser2";
import sanitizeHtml from "sanitize-html";

/**
 * The body of an item is HTML from the rich-text editor, a Word import or a paste, and is shown
 * on the public site as it is. Whatever arrives, only this allowlist is ever stored (DESIGN §8):
 * no scripts, no event handlers, no javascript: or data: URLs, no classes, and no style but
 * text-align. Run on every save and every autosave, never trusted from the browser.
 */
const BLOCK_ALIGN = { "text-align": [/^(left|right|center|justify)$/] };
const CELL = ["colspan", "rowspan"];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "h2", "h3", "h4", "strong", "em", "u", "s", "sub", "sup", "blockquote", "ul", "ol", "li", "a",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td", "hr", "pre", "code", "span",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], ol: ["start"], th: [...CELL, "style"], td: [...CELL, "style"], p: ["style"], h2: ["style"], h3: ["style"], h4: ["style"], span: ["data-metric"] },
  allowedStyles: { p: BLOCK_ALIGN, h2: BLOCK_ALIGN, h3: BLOCK_ALIGN, h4: BLOCK_ALIGN, th: BLOCK_ALIGN, td: BLOCK_ALIGN },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // <col> is a void element: "<col></col>" is a parse error in every browser.
  selfClosing: [...sanitizeHtml.defaults.selfClosing, "col"],
  // Their text is code or chrome, never body text: dropped with the tag.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "xml", "template", "iframe", "object", "svg", "math"],
  transformTags: {
    h1: "h2",
    h5: "h4",
    h6: "h4",
    b: "strong",
    i: "em",
    strike: "s",
    del: "s",
    ins: "u",
    div: "p",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), ...(attribs.title ? { title: attribs.title } : {}), rel: "noopener noreferrer nofollow" },
    }),
    td: cell,
    th: cell,
    ol: (tagName, attribs): sanitizeHtml.Tag => ({ tagName, attribs: /^\d{1,4}$/.test(attribs.start ?? "") ? { start: attribs.start } : {} }),
    span: liveField,
  },
};

/**
 * A live field of the annual report's narrative (<span data-metric="…">, issue 9 §4) is the only
 * span kept: any other span — Word and paste leave hundreds — loses its tag and keeps its text,
 * as before spans were allowed (a name outside allowedTags is discarded by "discard" mode).
 */
const METRIC_KEY = /^[A-Za-z0-9_.:-]{1,100}$/;
function liveField(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const key = attribs["data-metric"];
  return key && METRIC_KEY.test(key) ? { tagName, attribs: { "data-metric": key } } : { tagName: "unwrapped-span", attribs: {} };
}

function cell(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const kept: sanitizeHtml.Attributes = {};
  for (const name of CELL) {
    const n = Number(attribs[name]);
    if (Number.isInteger(n) && n > 1 && n <= 100) kept[name] = String(n);
  }
  if (attribs.style) kept.style = attribs.style;
  return { tagName, attribs: kept };
}

export function sanitizeBodyHtml(dirty: string): string {
  const clean = sanitizeHtml(dirty, OPTIONS).trim();
  // An editor left empty sends "<p></p>": store an empty body, not an empty paragraph.
  return htmlToText(clean) === "" && !/<(table|hr)\b/.test(clean) ? "" : clean;
}

const BLOCKS = new Set(["p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr", "table", "hr", "pre", "div", "caption"]);

/**
 * The plain text of (sanitised) body HTML: one line per block, cells separated by a space. Search
 * and the secrecy scan read this, so text must never run across a paragraph break unseen.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let skip = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "script" || name === "style") skip++;
        if (BLOCKS.has(name)) out.push("\n");
        if (name === "td" || name === "th") out.push(" ");
      },
      onclosetag(name) {
        if (name === "script" || name === "style") skip--;
        if (BLOCKS.has(name)) out.push("\n");
      },
      ontext(text) {
        if (skip === 0) out.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out
    .join("")
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

/**
 * Sanitised body HTML ready to show: each table sits in a scroll box of its own, so a wide table
 * scrolls sideways on a phone instead of widening the page. The box is a named, focusable region
 * because a keyboard user must be able to scroll it too (WCAG 2.1.1; axe scrollable-region-focusable).
 * The input comes from sanitizeBodyHtml, whose `<table>` tags carry no attributes.
 */
export function bodyHtmlForDisplay(html: string): string {
  return html
    .replace(/<table>/g, '<div class="table-scroll" role="region" tabindex="0" aria-label="表格（可左右滚动）"><table>')
    .replace(/<\/table>/g, "</table></div>");
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Plain text → paragraphs of escaped HTML (blank lines separate paragraphs). */
export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/[&<>"']/g, (c) => ESCAPES[c]).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

/**
 * The body a save sends: HTML from the editor, or plain text from a script or the seed (no tag at
 * all). Plain text becomes escaped paragraphs; HTML goes through the allowlist. Either way the
 * result is safe to show.
 */
export function normalizeBody(input: string): string {
  return /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>|<!--/i.test(input) ? sanitizeBodyHtml(input) : plainTextToHtml(input);
}
