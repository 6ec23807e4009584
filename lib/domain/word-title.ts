import { htmlToText } from "./html";

/**
 * 从 Word 导入: where the document's title is. A clerk's Word file starts with the title, which
 * belongs in 标题 (the public page prints it above the body, so left in the body it shows twice).
 * The title is the paragraph styled 标题/Title (the import maps it to h1), else a heading that
 * opens the document — unless it is numbered like a section (一、 （一） 1. 第一章), which is the
 * start of the body, not its name.
 */
const SECTION_NUMBER = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|第[一二三四五六七八九十百\d]+[章节条部分])/;
const TITLE_MAX = 200;

export function splitDocumentTitle(html: string): { title: string | null; body: string } {
  const styled = /<h1(?:\s[^>]*)?>([\s\S]*?)<\/h1>/i.exec(html);
  const leading = /^\s*<(h[1-4])(?:\s[^>]*)?>([\s\S]*?)<\/\1>/i.exec(html);
  const match = styled ?? (leading && !SECTION_NUMBER.test(htmlToText(leading[2])) ? leading : null);
  if (!match) return { title: null, body: html };
  const title = htmlToText(match[0]).replace(/\s*\n\s*/g, " ").trim();
  if (title === "" || title.length > TITLE_MAX) return { title: null, body: html };
  return { title, body: (html.slice(0, match.index) + html.slice(match.index + match[0].length)).trim() };
}
