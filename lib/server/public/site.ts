import "server-only";
import { cache } from "react";
import { chinaYear } from "@/lib/domain/dates";
import { siteUrl } from "@/lib/env";
import { publicDb } from "@/lib/server/platform/read-replica";
import { publicItemWhere } from "@/lib/server/items/publication";

/**
 * Read models of the public site: plain objects of published fields only, every item through
 * publicItemWhere(). Lists, search and facets are in ./public-listing.ts.
 */

// ——— Columns and departments ———

export interface PublicColumn {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  description: string | null;
}

/** Once per request however many components ask (React cache; outside a request, every call). */
export const listPublicColumns = cache(async (): Promise<PublicColumn[]> =>
  publicDb().column.findMany({
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, code: true, name: true, parentId: true, description: true },
  }),
);

export async function listPublicDepartments() {
  return publicDb().department.findMany({ orderBy: [{ sortOrder: "asc" }, { code: "asc" }], select: { id: true, code: true, name: true } });
}

/** A column and every column below it. */
export function descendantIds(columns: PublicColumn[], rootId: string): string[] {
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) for (const c of columns) if (c.parentId === ids[i] && !ids.includes(c.id)) ids.push(c.id);
  return ids;
}

/** From the top column down to this one. */
export function columnPath(columns: PublicColumn[], id: string): PublicColumn[] {
  const path: PublicColumn[] = [];
  for (let c = columns.find((x) => x.id === id); c && path.length < 10; c = columns.find((x) => x.id === c!.parentId)) path.unshift(c);
  return path;
}

// ——— One item ———

/** Ids are cuids (or the bench's hex): anything else is no item, asked nowhere. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The page and its metadata both ask: cached per request by id (and `now`, when given). */
export const getPublishedItem = cache(async (id: string, now?: Date) => findPublishedItem(id, now ?? new Date()));

async function findPublishedItem(id: string, now: Date) {
  if (typeof id !== "string" || !ID.test(id)) return null;
  const row = await publicDb().disclosureItem.findFirst({
    where: { AND: [{ id }, publicItemWhere(now)] },
    select: {
      id: true,
      indexNumber: true,
      publishAt: true,
      columnId: true,
      department: { select: { code: true, name: true } },
      column: { select: { code: true, name: true } },
      publishedRevision: {
        select: {
          title: true,
          documentNumber: true,
          summary: true,
          bodyHtml: true,
          formedOn: true,
          publisher: true,
          topic: true,
          keywords: true,
          article20Item: true,
          documentType: true,
          signedOn: true,
          effectiveOn: true,
          repealedOn: true,
          validity: true,
          attachments: {
            orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
            select: { id: true, file: { select: { fileName: true, mimeType: true, size: true } } },
          },
        },
      },
    },
  });
  if (!row) return null;
  const r = row.publishedRevision!;
  const date = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
  return {
    id: row.id,
    indexNumber: row.indexNumber!,
    publishedAt: row.publishAt!,
    columnId: row.columnId,
    department: row.department.name,
    departmentCode: row.department.code,
    column: row.column.name,
    columnCode: row.column.code,
    title: r.title,
    documentNumber: r.documentNumber,
    summary: r.summary,
    bodyHtml: r.bodyHtml,
    formedOn: r.formedOn.toISOString().slice(0, 10),
    publisher: r.publisher || row.department.name,
    // 主题分类 is a controlled vocabulary (lib/domain/topics.ts); a column name is not one of them.
    topic: r.topic || null,
    keywords: r.keywords,
    article20Item: r.article20Item,
    documentType: r.documentType,
    signedOn: date(r.signedOn),
    effectiveOn: date(r.effectiveOn),
    repealedOn: date(r.repealedOn),
    validity: r.validity,
    attachments: r.attachments.map((a) => ({ id: a.id, fileName: a.file.fileName, mimeType: a.file.mimeType, size: a.file.size })),
  };
}

export type PublishedItem = NonNullable<Awaited<ReturnType<typeof findPublishedItem>>>;

/**
 * 撤回: a withdrawn item keeps its public URL, which says when and why it was withdrawn, with its
 * title and 索引号 — no body, no attachments. Only an item the public really saw: the one rule
 * with the withdrawal waived, published before it was withdrawn (a scheduled item withdrawn before
 * its time was never public and stays 404, like any other id).
 */
export const getWithdrawnItem = cache(async (id: string, now?: Date) => findWithdrawnItem(id, now ?? new Date()));

async function findWithdrawnItem(id: string, now: Date) {
  if (typeof id !== "string" || !ID.test(id)) return null;
  const row = await publicDb().disclosureItem.findFirst({
    where: { AND: [{ id }, { ...publicItemWhere(now), withdrawnAt: { not: null } }] },
    select: { indexNumber: true, withdrawnAt: true, withdrawReason: true, publishAt: true, publishedRevision: { select: { title: true } } },
  });
  if (!row || row.publishAt! > row.withdrawnAt!) return null;
  return { indexNumber: row.indexNumber!, withdrawnAt: row.withdrawnAt!, withdrawReason: row.withdrawReason ?? "", title: row.publishedRevision!.title };
}

/** The neighbours of an item in its column's list (newest first): 上一篇 is newer, 下一篇 older. */
export async function columnNeighbours(item: { id: string; columnId: string; publishedAt: Date }, now = new Date()) {
  const select = { id: true, publishedRevision: { select: { title: true } } } as const;
  const base = [publicItemWhere(now), { columnId: item.columnId }];
  const at = item.publishedAt;
  const [newer, older] = await Promise.all([
    publicDb().disclosureItem.findFirst({
      where: { AND: [...base, { OR: [{ publishAt: { gt: at } }, { publishAt: at, id: { gt: item.id } }] }] },
      orderBy: [{ publishAt: "asc" }, { id: "asc" }],
      select,
    }),
    publicDb().disclosureItem.findFirst({
      where: { AND: [...base, { OR: [{ publishAt: { lt: at } }, { publishAt: at, id: { lt: item.id } }] }] },
      orderBy: [{ publishAt: "desc" }, { id: "desc" }],
      select,
    }),
  ]);
  const plain = (r: typeof newer) => (r ? { id: r.id, title: r.publishedRevision!.title } : null);
  return { newer: plain(newer), older: plain(older) };
}

// ——— Sitemap ———

export const SITEMAP_CHUNK = 10_000;

export async function countPublicItems(now = new Date()): Promise<number> {
  return publicDb().disclosureItem.count({ where: publicItemWhere(now) });
}

/** Oldest first, so that earlier sitemap chunks keep their content as items are added. */
export async function sitemapItems(chunk: number, now = new Date()) {
  const rows = await publicDb().disclosureItem.findMany({
    where: publicItemWhere(now),
    orderBy: [{ publishAt: "asc" }, { id: "asc" }],
    skip: chunk * SITEMAP_CHUNK,
    take: SITEMAP_CHUNK,
    select: { id: true, publishAt: true },
  });
  return rows.map((r) => ({ id: r.id, publishedAt: r.publishAt! }));
}

// ——— Misc ———

/**
 * The site's own origin for absolute links (feeds, sitemap, robots, OpenAPI): NEXTAUTH_URL, never
 * the request's Host or X-Forwarded-Host, which a client can forge into a shared cache (issue 10 §5).
 */
export async function siteOrigin(): Promise<string> {
  return siteUrl().origin;
}

export function currentYear(now = new Date()): number {
  return chinaYear(now);
}

