import "server-only";
import { db } from "./db";
import { publicItemWhere } from "./publication";

/** Read models of the public site: plain objects of published fields only. */

export const PAGE_SIZE = 20;

export async function listPublishedItems(options: { page?: number; categoryCode?: string } = {}, now = new Date()) {
  const page = Math.max(1, Math.min(10_000, Math.trunc(options.page ?? 1) || 1));
  const where = {
    AND: [publicItemWhere(now), options.categoryCode ? { category: { code: options.categoryCode } } : {}],
  };
  const [total, rows] = await Promise.all([
    db().disclosureItem.count({ where }),
    db().disclosureItem.findMany({
      where,
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        indexNumber: true,
        publishedAt: true,
        department: { select: { name: true } },
        category: { select: { name: true, code: true } },
        publishedRevision: { select: { title: true } },
      },
    }),
  ]);
  return {
    page,
    total,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    items: rows.map((r) => ({
      id: r.id,
      title: r.publishedRevision!.title,
      indexNumber: r.indexNumber!,
      publishedAt: r.publishedAt!,
      department: r.department.name,
      category: r.category.name,
      categoryCode: r.category.code,
    })),
  };
}

export async function getPublishedItem(id: string, now = new Date()) {
  if (typeof id !== "string" || id.length > 64) return null;
  const row = await db().disclosureItem.findFirst({
    where: { AND: [{ id }, publicItemWhere(now)] },
    select: {
      id: true,
      indexNumber: true,
      publishedAt: true,
      department: { select: { name: true } },
      category: { select: { name: true, code: true } },
      publishedRevision: { select: { title: true, documentNumber: true, bodyHtml: true, formedOn: true } },
    },
  });
  if (!row) return null;
  const r = row.publishedRevision!;
  return {
    id: row.id,
    indexNumber: row.indexNumber!,
    publishedAt: row.publishedAt!,
    department: row.department.name,
    category: row.category.name,
    categoryCode: row.category.code,
    title: r.title,
    documentNumber: r.documentNumber,
    bodyHtml: r.bodyHtml,
    formedOn: r.formedOn.toISOString().slice(0, 10),
  };
}

export async function listPublicCategories() {
  return db().category.findMany({
    orderBy: [{ sortOrder: "asc" }],
    select: { id: true, code: true, name: true, parentId: true },
  });
}

/**
 * A withdrawn item (撤回) keeps its public URL, which says so with the date and the reason; no
 * title of an item that was never public, no body, no attachments.
 */
export async function getWithdrawnItem(id: string) {
  if (typeof id !== "string" || id.length > 64) return null;
  const row = await db().disclosureItem.findFirst({
    where: { id, indexNumber: { not: null }, withdrawnAt: { not: null }, publishedRevisionId: { not: null } },
    select: { indexNumber: true, withdrawnAt: true, withdrawReason: true, publishedRevision: { select: { title: true } } },
  });
  if (!row) return null;
  return { indexNumber: row.indexNumber!, withdrawnAt: row.withdrawnAt!, withdrawReason: row.withdrawReason ?? "", title: row.publishedRevision!.title };
}
