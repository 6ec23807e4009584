/*
 * Live fields in the narrative: <span data-metric="key">value</span>. Both readers here go through
 * htmlparser2 (the parser lib/domain/html.ts already uses) rather than a regular expression, so a
 * field whose text holds markup (<strong>), attributes in another order or quoting, or entities
 * are read right; and the rewrite splices only the fields' text into the original string, so every
 * other byte of the (sanitised) HTML is kept as stored.
 */
import { Parser } from "htmlparser2";

/** Stands for a live field's text in sectionText: a number bound to a metric is never free text. */
export const LIVE_FIELD_MARK = "\uE000";

const BLOCKS = new Set(["p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr", "table", "hr", "pre", "div", "caption", "td", "th"]);

interface Field {
  metric: string;
  /** Offsets of the field's content in the HTML: [start, end). */
  start: number;
  end: number;
}

function scan(html: string, onText: (text: string) => void, onBreak: () => void): Field[] {
  const fields: Field[] = [];
  // One entry per open <span>: the field it opened, or null for an ordinary span.
  const spans: ({ metric: string; start: number } | null)[] = [];
  let inField = 0;
  let skip = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === "script" || name === "style") skip++;
        if (BLOCKS.has(name)) onBreak();
        if (name !== "span") return;
        if (inField === 0 && attribs["data-metric"] !== undefined) {
          spans.push({ metric: attribs["data-metric"], start: parser.endIndex + 1 });
          inField++;
          onText(LIVE_FIELD_MARK);
        } else {
          spans.push(null);
          if (inField > 0) inField++;
        }
      },
      onclosetag(name, isImplied) {
        if (name === "script" || name === "style") skip--;
        if (BLOCKS.has(name)) onBreak();
        if (name !== "span") return;
        const open = spans.pop();
        if (inField > 0) inField--;
        // An unclosed field (never in sanitised HTML) has no end to splice at: left as it is.
        if (open && !isImplied) fields.push({ metric: open.metric, start: open.start, end: parser.startIndex });
      },
      ontext(text) {
        if (skip === 0 && inField === 0) onText(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return fields;
}

/**
 * The free text of a section: tags stripped, entities decoded, each block on its own line, and
 * each live field reduced to LIVE_FIELD_MARK (what the narrative check reads).
 */
export function sectionText(html: string): string {
  const out: string[] = [];
  scan(html, (t) => out.push(t), () => out.push("\n"));
  return out
    .join("")
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((line) => line.replace(/[ \t\u3000]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

/** The metric keys of the live fields in the HTML, in order. */
export function liveFieldMetrics(html: string): string[] {
  return scan(html, () => {}, () => {}).sort((a, b) => a.start - b.start).map((f) => f.metric);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The HTML with each live field's content replaced by the (escaped) text valueOf gives. */
export function replaceLiveFields(html: string, valueOf: (metric: string) => string): string {
  const fields = scan(html, () => {}, () => {}).sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const f of fields) {
    out += html.slice(at, f.start) + escapeHtml(valueOf(f.metric));
    at = f.end;
  }
  return out + html.slice(at);
}
