import "server-only";
import { article20Item } from "@/lib/domain/article20";
import type { ApiError, ApiItem, ApiItemSummary } from "@/lib/domain/public-api";
import { apiItemsQuerySchema, decodeCursor, encodeCursor } from "@/lib/domain/public-query";
import { publicDb } from "@/lib/server/platform/read-replica";
import { publicItemWhere } from "@/lib/server/items/publication";
import { getPublishedItem, getWithdrawnItem } from "./site";
import { loadCatalog, resolveFilters } from "./listing";
import { browseIndex, searchIndex, type Hit } from "./search";

/**
 * The JSON API's use cases (/api/v1). Input is parsed strictly (a 400 with a Chinese message for
 * anything malformed); output has the shapes of lib/domain/public-api.ts.
 */

export type ApiResult<T> = { ok: true; status: 200; body: T } | { ok: false; status: 400 | 404 | 410; body: ApiError };

const badRequest = (issues: { param: string; message: string }[]): ApiResult<never> => ({
  ok: false,
  status: 400,
  body: { error: { code: "invalid_query", message: issues.map((i) => i.message).join("；"), issues } },
});

const article20 = (n: number | null) => article20Item(n);

/** GET /api/v1/items */
export async function apiListItems(params: URLSearchParams, origin: string, now = new Date()) {
  const raw = Object.fromEntries([...new Set(params.keys())].map((k) => [k, params.get(k) ?? undefined]));
  const parsed = apiItemsQuerySchema.safeParse(raw);
  if (!parsed.success) {
    return badRequest(parsed.error.issues.map((i) => ({ param: String(i.path[0] ?? ""), message: i.message })));
  }
  const query = parsed.data;
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (cursor === null) return badRequest([{ param: "cursor", message: "cursor 无效：请使用上一页响应中的 nextCursor" }]);
  if (cursor && (query.q === undefined) !== (cursor.rank === undefined)) {
    return badRequest([{ param: "cursor", message: "cursor 与检索条件不符：翻页时请保持其他参数不变" }]);
  }

  const catalog = await loadCatalog();
  const resolved = resolveFilters(query, catalog);
  if (resolved.notices.length) {
    const issues = [];
    if (query.column && !resolved.applied.column) issues.push({ param: "column", message: `未找到栏目“${query.column}”` });
    if (query.department && !resolved.applied.department) issues.push({ param: "department", message: `未找到发布机构“${query.department}”` });
    return badRequest(issues);
  }
  const found = query.q
    ? await searchIndex({ q: query.q, filters: resolved.index, sort: "relevance", limit: query.limit + 1, cursor }, now)
    : await browseIndex({ filters: resolved.index, limit: query.limit + 1, cursor }, now);
  const hits = found.hits.slice(0, query.limit);
  const last: Hit | undefined = hits.at(-1);
  const more = found.hits.length > query.limit && last;
  const items = await loadSummaries(hits, origin, now);
  return {
    ok: true as const,
    status: 200 as const,
    body: {
      items,
      total: found.total,
      totalIsLowerBound: found.capped,
      nextCursor: more ? encodeCursor({ rank: query.q ? last.rank : undefined, at: last.at.toISOString(), id: last.id }) : null,
    },
  };
}

async function loadSummaries(hits: Pick<Hit, "id">[], origin: string, now: Date): Promise<ApiItemSummary[]> {
  if (!hits.length) return [];
  const rows = await publicDb().disclosureItem.findMany({
    where: { AND: [publicItemWhere(now), { id: { in: hits.map((h) => h.id) } }] },
    select: {
      id: true,
      indexNumber: true,
      publishAt: true,
      department: { select: { code: true, name: true } },
      column: { select: { code: true, name: true } },
      publishedRevision: { select: { title: true, documentNumber: true, publisher: true, article20Item: true, formedOn: true } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const r = byId.get(h.id);
    if (!r) return [];
    const rev = r.publishedRevision!;
    return [
      {
        id: r.id,
        url: `${origin}/items/${r.id}`,
        indexNumber: r.indexNumber!,
        title: rev.title,
        documentNumber: rev.documentNumber,
        publisher: rev.publisher || r.department.name,
        department: r.department,
        column: r.column,
        article20: article20(rev.article20Item),
        publishedAt: r.publishAt!.toISOString(),
        formedOn: rev.formedOn.toISOString().slice(0, 10),
      },
    ];
  });
}

/** GET /api/v1/items/{id}: 404 if it never was public, 410 once withdrawn. */
export async function apiGetItem(id: string, origin: string, now = new Date()): Promise<ApiResult<ApiItem>> {
  const item = await getPublishedItem(id, now);
  if (!item) {
    const withdrawn = await getWithdrawnItem(id, now);
    if (withdrawn) {
      return {
        ok: false,
        status: 410,
        body: {
          error: {
            code: "withdrawn",
            message: `该信息已撤回。${withdrawn.withdrawReason ? `撤回原因：${withdrawn.withdrawReason}` : ""}`,
            withdrawnAt: withdrawn.withdrawnAt.toISOString(),
          },
        },
      };
    }
    return { ok: false, status: 404, body: { error: { code: "not_found", message: "未找到该公开信息。" } } };
  }
  return {
    ok: true,
    status: 200,
    body: {
      id: item.id,
      url: `${origin}/items/${item.id}`,
      indexNumber: item.indexNumber,
      title: item.title,
      documentNumber: item.documentNumber,
      publisher: item.publisher,
      department: { code: item.departmentCode, name: item.department },
      column: { code: item.columnCode, name: item.column },
      article20: article20(item.article20Item),
      publishedAt: item.publishedAt.toISOString(),
      formedOn: item.formedOn,
      topic: item.topic,
      summary: item.summary,
      documentType: item.documentType,
      validity: item.validity,
      signedOn: item.signedOn,
      effectiveOn: item.effectiveOn,
      repealedOn: item.repealedOn,
      keywords: item.keywords,
      bodyHtml: item.bodyHtml,
      attachments: item.attachments.map((a) => ({ ...a, url: `${origin}/attachments/${a.id}` })),
    },
  };
}

/** GET /api/v1/columns */
export async function apiColumns(origin: string) {
  const { columns } = await loadCatalog();
  const codeOf = new Map(columns.map((c) => [c.id, c.code]));
  return {
    columns: columns.map((c) => ({
      code: c.code,
      name: c.name,
      parent: c.parentId ? (codeOf.get(c.parentId) ?? null) : null,
      description: c.description,
      url: `${origin}/columns/${encodeURIComponent(c.code)}`,
      feed: `${origin}/columns/${encodeURIComponent(c.code)}/feed.xml`,
    })),
  };
}

/** GET /api/v1/departments */
export async function apiDepartments() {
  const { departments } = await loadCatalog();
  return { departments: departments.map((d) => ({ code: d.code, name: d.name })) };
}
