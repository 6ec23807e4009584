/**
 * Tidies HTML pasted from Word or WPS before the editor parses it. The editor's schema already
 * drops unknown tags; what survives a schema are Word's conditional comments, <o:p> fillers,
 * mso-* styles and Mso classes, which would otherwise turn into stray empty paragraphs and
 * odd alignment. Pure string work so it runs in the browser and in unit tests alike. The server
 * sanitises again on save; this is about tidiness, not safety.
 */
export function cleanPastedWordHtml(html: string): string {
  return html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(xml|style|title|script)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<\/?(html|head|body|meta|link)\b[^>]*>/gi, "")
    .replace(/<\/?o:p\b[^>]*>/gi, "")
    .replace(/<\/?(w|m|v|o|st1):[^>]*>/gi, "")
    .replace(/\sclass\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "")
    .replace(/\sstyle\s*=\s*("([^"]*)"|'([^']*)')/gi, (_, __, dq: string | undefined, sq: string | undefined) => keepAlignment(dq ?? sq ?? ""))
    .replace(/\slang\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "");
}

/** Of a Word style attribute only the alignment is worth keeping. */
function keepAlignment(style: string): string {
  const align = /(?:^|;)\s*text-align\s*:\s*(left|right|center|justify)\b/i.exec(style);
  return align ? ` style="text-align: ${align[1].toLowerCase()}"` : "";
}
