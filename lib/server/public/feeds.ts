import "server-only";
import { renderAtom, renderSitemapIndex, renderUrlset, type SitemapUrl } from "@/lib/domain/feeds";
import { env } from "@/lib/env";
import { countPublicItems, listPublicColumns, SITEMAP_CHUNK, sitemapItems } from "./site";
import { listLatest } from "./listing";

/** Atom feeds and the sitemap: what machines read to follow the site. */

export const FEED_SIZE = 50;

/** Atom of the newest public items, of one column (with its sub-columns) or of all; null for an unknown column. */
export async function atomFeed(origin: string, columnCode?: string): Promise<string | null> {
  const latest = await listLatest({ columnCode, limit: FEED_SIZE });
  if (!latest) return null;
  const bureau = env().BUREAU_NAME;
  const column = columnCode ? (await listPublicColumns()).find((c) => c.code === columnCode) : undefined;
  const self = column ? `${origin}/columns/${encodeURIComponent(column.code)}/feed.xml` : `${origin}/feed.xml`;
  return renderAtom({
    id: self,
    title: column ? `${bureau} · ${column.name}` : `${bureau}政府信息公开`,
    subtitle: column ? `${bureau}“${column.name}”栏目主动公开的政府信息` : `${bureau}主动公开的政府信息`,
    selfUrl: self,
    siteUrl: column ? `${origin}/columns/${encodeURIComponent(column.code)}` : `${origin}/`,
    author: bureau,
    entries: latest.items.map((i) => ({
      id: `${origin}/items/${i.id}`,
      url: `${origin}/items/${i.id}`,
      title: i.title,
      updated: i.publishedAt,
      author: i.publisher,
      column: i.column,
      summary: `索引号：${i.indexNumber}　发布机构：${i.publisher}${i.documentNumber ? `　文号：${i.documentNumber}` : ""}`,
    })),
  });
}

const STATIC_PATHS = ["/", "/guide", "/system", "/browse", "/annual-reports", "/apply", "/search"];

async function fixedUrls(origin: string): Promise<SitemapUrl[]> {
  const columns = await listPublicColumns();
  return [...STATIC_PATHS.map((p) => ({ loc: `${origin}${p}` })), ...columns.map((c) => ({ loc: `${origin}/columns/${encodeURIComponent(c.code)}` }))];
}

const itemUrls = async (origin: string, chunk: number) =>
  (await sitemapItems(chunk)).map((i) => ({ loc: `${origin}/items/${i.id}`, lastmod: i.publishedAt }));

/**
 * /sitemap.xml: one list while the items fit in a chunk; beyond, an index of /sitemaps/0.xml
 * (pages and columns) and /sitemaps/1.xml… (items, oldest first, SITEMAP_CHUNK each).
 */
export async function sitemapRoot(origin: string): Promise<string> {
  const total = await countPublicItems();
  if (total <= SITEMAP_CHUNK) return renderUrlset([...(await fixedUrls(origin)), ...(await itemUrls(origin, 0))]);
  const chunks = Math.ceil(total / SITEMAP_CHUNK);
  return renderSitemapIndex(Array.from({ length: chunks + 1 }, (_, i) => `${origin}/sitemaps/${i}.xml`));
}

/** One file of the sitemap index; null when there is no such file. */
export async function sitemapFile(origin: string, n: number): Promise<string | null> {
  if (n === 0) return renderUrlset(await fixedUrls(origin));
  const urls = await itemUrls(origin, n - 1);
  return urls.length ? renderUrlset(urls) : null;
}
