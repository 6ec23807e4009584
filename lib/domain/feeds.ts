/** Atom (RFC 4287) and sitemap XML, rendered from plain data. */

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Escapes text for XML and drops characters XML 1.0 cannot hold at all. */
export function xmlEscape(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

export interface AtomEntry {
  id: string;
  url: string;
  title: string;
  updated: Date;
  summary: string;
  author: string;
  column?: string;
}

export interface AtomFeed {
  /** A stable IRI for the feed: its own URL. */
  id: string;
  title: string;
  subtitle?: string;
  selfUrl: string;
  siteUrl: string;
  author: string;
  /** The newest entry's time, or the epoch for an empty feed (a feed must have one). */
  updated?: Date;
  entries: AtomEntry[];
}

export function renderAtom(feed: AtomFeed): string {
  const updated = (feed.updated ?? feed.entries[0]?.updated ?? new Date(0)).toISOString();
  const entries = feed.entries.map(
    (e) => `  <entry>
    <id>${xmlEscape(e.id)}</id>
    <title>${xmlEscape(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlEscape(e.url)}"/>
    <updated>${e.updated.toISOString()}</updated>
    <published>${e.updated.toISOString()}</published>
    <author><name>${xmlEscape(e.author)}</name></author>
${e.column ? `    <category term="${xmlEscape(e.column)}"/>\n` : ""}    <summary type="text">${xmlEscape(e.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xmlEscape(feed.id)}</id>
  <title>${xmlEscape(feed.title)}</title>
${feed.subtitle ? `  <subtitle>${xmlEscape(feed.subtitle)}</subtitle>\n` : ""}  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xmlEscape(feed.siteUrl)}"/>
  <updated>${updated}</updated>
  <author><name>${xmlEscape(feed.author)}</name></author>
  <generator>Gongkai</generator>
${entries.join("\n")}
</feed>
`;
}

export interface SitemapUrl {
  loc: string;
  lastmod?: Date;
}

export function renderUrlset(urls: SitemapUrl[]): string {
  const body = urls
    .map((u) => `  <url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString()}</lastmod>` : ""}</url>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${body}
</urlset>
`;
}

export function renderSitemapIndex(locs: string[]): string {
  const body = locs.map((loc) => `  <sitemap><loc>${xmlEscape(loc)}</loc></sitemap>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${body}
</sitemapindex>
`;
}
