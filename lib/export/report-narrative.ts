/*
 * The narrative sections (一、五、六) from their sanitised HTML to the export model's blocks, for
 * DOCX and PDF: paragraphs with bold runs, list items numbered as text, headings, and tables with
 * their merges. Anything else is read for its text only — the HTML was sanitised on save, and a
 * document only ever prints text, so nothing in it can run.
 */
import { Parser } from "htmlparser2";
import type { Block, TableCell, TextRun } from "./document";

const PARAGRAPHS = new Set(["p", "li", "blockquote", "pre", "h2", "h3", "h4", "div"]);

export function narrativeBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let runs: TextRun[] = [];
  let kind: "p" | "h2" | "h3" = "p";
  let bold = 0;
  const lists: { ordered: boolean; next: number }[] = [];
  let table: TableCell[][] | null = null;
  let cell: TableCell | null = null;

  const flush = () => {
    const text = runs.map((r) => r.text).join("").trim();
    if (text) {
      if (kind === "p") blocks.push({ kind: "paragraph", runs: tidy(runs) });
      else blocks.push({ kind: "heading", level: kind === "h2" ? 2 : 3, text });
    }
    runs = [];
    kind = "p";
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (table) {
          if (name === "tr") table.push([]);
          else if (name === "td" || name === "th") {
            cell = { text: "", colSpan: span(attribs.colspan), rowSpan: span(attribs.rowspan), bold: name === "th" };
            (table.at(-1) ?? table[table.push([]) - 1]).push(cell);
          }
          return;
        }
        if (name === "table") {
          flush();
          table = [];
        } else if (name === "ul" || name === "ol") {
          flush();
          lists.push({ ordered: name === "ol", next: Number(attribs.start) || 1 });
        } else if (PARAGRAPHS.has(name) || name === "br") {
          flush();
          if (name === "h2") kind = "h2";
          else if (name === "h3" || name === "h4") kind = "h3";
          if (name === "li") {
            const list = lists.at(-1);
            runs.push({ text: list?.ordered ? `${list.next++}. ` : "• " });
          }
        } else if (name === "strong" || name === "b") bold++;
      },
      ontext(text) {
        if (table) {
          if (cell) cell.text += text;
          return;
        }
        runs.push(bold > 0 ? { text, bold: true } : { text });
      },
      onclosetag(name) {
        if (table) {
          if (name === "td" || name === "th") {
            if (cell) cell.text = cell.text.replace(/\s+/g, " ").trim();
            cell = null;
          } else if (name === "table") {
            const rows = table.filter((r) => r.length > 0);
            if (rows.length) blocks.push({ kind: "table", table: { rows } });
            table = null;
          }
          return;
        }
        if (name === "ul" || name === "ol") lists.pop();
        if (PARAGRAPHS.has(name)) flush();
        if (name === "strong" || name === "b") bold = Math.max(0, bold - 1);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}

/** Line breaks in the source are layout, not text; adjacent runs of one weight become one. */
function tidy(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const r of runs) {
    const text = r.text.replace(/\s+/g, " ");
    const last = out.at(-1);
    if (last && Boolean(last.bold) === Boolean(r.bold)) last.text += text;
    else out.push(r.bold ? { text, bold: true } : { text });
  }
  if (out.length) {
    out[0].text = out[0].text.trimStart();
    out[out.length - 1].text = out[out.length - 1].text.trimEnd();
  }
  return out.filter((r) => r.text);
}

function span(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 1 && n <= 100 ? n : undefined;
}
