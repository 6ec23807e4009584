import "server-only";
import { OUTCOMES, isOutcome } from "@/lib/domain/requests/outcomes";
import {
  CLUSTER_MIN_APPLICANTS,
  countsTowardsSuggestion,
  itemTitleFromDescription,
  SIMILARITY_THRESHOLD,
  SUGGEST_MIN_APPLICANTS,
} from "@/lib/domain/requests/similarity";
import { REQUEST_STATUS_LABELS, type RequestStatus } from "@/lib/domain/requests/status";
import { createDraft } from "@/lib/server/items/drafts";
import type { Actor } from "@/lib/server/platform/actor";
import { audit } from "@/lib/server/platform/audit";
import { can, requestScope } from "@/lib/server/platform/authz";
import { db } from "@/lib/server/platform/db";
import { forbidden, invalid, ok, type Result } from "@/lib/server/platform/result";
import { expectOne, refuse, refuseNotFound, type Target } from "@/lib/server/platform/use-case";
import { isoDate, todayOf } from "./shared";

/**
 * 第四十四条: requests that ask for the same information (similar 申请内容, compared in SQL by
 * gongkai_request_similarity — migration 20261202000400_request_ops), the office's groups of
 * them, and a 主动公开 draft made from one in a click. Every list is cut to the actor's request
 * scope: a 处室 sees its own requests' likenesses, never another's.
 */

export interface SimilarRequest {
  id: string;
  number: string | null;
  receivedOn: string | null;
  status: RequestStatus;
  statusLabel: string;
  outcome: string | null;
  outcomeLabel: string | null;
  department: string | null;
  /** Dice similarity of the two 申请内容, 0–1. */
  score: number;
  /** Answered so that it counts towards 第四十四条 (open, 予以公开, 部分公开, 其他处理). */
  counts: boolean;
}

export interface SimilarView {
  requestId: string;
  number: string | null;
  matches: SimilarRequest[];
  /** Different applicants among this request and the matches that count. */
  applicants: number;
  /** 多个申请人: suggest moving the information to 主动公开. */
  suggest: boolean;
  /** The draft this request already prompted, if any. */
  proactiveItem: { id: string; title: string; status: string } | null;
  /** This actor may make the draft (the assigned 处室's 联络员). */
  mayDraft: boolean;
}

const MATCHES_MAX = 50;

/** Other requests whose 申请内容 is at least SIMILARITY_THRESHOLD alike, best first (ids and scores only). */
async function similarIds(requestId: string): Promise<Map<string, number>> {
  // The score once per candidate: computed in the inner query, filtered and ordered outside it.
  const rows = await db().$queryRaw<{ id: string; score: number }[]>`
    SELECT s."id", s."score" FROM (
      SELECT o."id", gongkai_request_similarity(o."descriptionGrams", t."descriptionGrams") AS score
        FROM "DisclosureRequest" t
        JOIN "DisclosureRequest" o ON o."descriptionGrams" && t."descriptionGrams" AND o."id" <> t."id"
       WHERE t."id" = ${requestId}
    ) s
     WHERE s."score" >= ${SIMILARITY_THRESHOLD}
     ORDER BY s."score" DESC, s."id"
     LIMIT ${MATCHES_MAX * 4}`;
  return new Map(rows.map((r) => [r.id, Number(r.score)]));
}

const matchSelect = {
  id: true,
  number: true,
  receivedOn: true,
  status: true,
  outcome: true,
  applicantKey: true,
  assignedDepartment: { select: { name: true } },
} as const;

const outcomeLabel = (outcome: string | null) => (outcome && isOutcome(outcome) ? OUTCOMES[outcome].label : null);

/** Who asked: the HMAC of the ID number, or for history imported without one, the request itself. */
const applicantOf = (r: { id: string; applicantKey: string | null }) => r.applicantKey ?? `request:${r.id}`;

/** 相似申请 of one request in the actor's scope, with whether 第四十四条 should be suggested. */
export async function similarRequests(actor: Actor, requestId: string): Promise<Result<SimilarView>> {
  const target: Target = { action: "request.view", entity: "DisclosureRequest", entityId: requestId };
  if (!can(actor, "request.queue")) return refuse(actor, target, "wrong_role");
  const request =
    typeof requestId === "string" && requestId.length <= 64
      ? await db().disclosureRequest.findFirst({
          where: { AND: [{ id: requestId }, requestScope(actor)] },
          select: { ...matchSelect, assignedDepartmentId: true, proactiveItem: { select: { id: true, status: true, currentRevision: { select: { title: true } } } } },
        })
      : null;
  if (!request) return refuseNotFound(actor, target);
  const scores = await similarIds(requestId);
  // The ids come from SQL; the rows themselves only through the scope, like public search does.
  const rows = scores.size
    ? await db().disclosureRequest.findMany({ where: { AND: [{ id: { in: [...scores.keys()] } }, requestScope(actor)] }, select: matchSelect })
    : [];
  const matches = rows
    .map((r): SimilarRequest => ({
      id: r.id,
      number: r.number,
      receivedOn: r.receivedOn ? isoDate(r.receivedOn) : null,
      status: r.status,
      statusLabel: REQUEST_STATUS_LABELS[r.status],
      outcome: r.outcome,
      outcomeLabel: outcomeLabel(r.outcome),
      department: r.assignedDepartment?.name ?? null,
      score: scores.get(r.id)!,
      counts: countsTowardsSuggestion(r.outcome),
    }))
    .sort((a, b) => b.score - a.score || (a.number ?? "").localeCompare(b.number ?? ""))
    .slice(0, MATCHES_MAX);
  const counting = rows.filter((r) => countsTowardsSuggestion(r.outcome));
  const applicants = new Set([request, ...counting].map(applicantOf)).size;
  const item = request.proactiveItem;
  return ok({
    requestId,
    number: request.number,
    matches,
    applicants,
    suggest: countsTowardsSuggestion(request.outcome) && applicants >= SUGGEST_MIN_APPLICANTS,
    proactiveItem: item ? { id: item.id, title: item.currentRevision?.title ?? "", status: item.status } : null,
    mayDraft: mayDraftFrom(actor, request.assignedDepartmentId),
  });
}

/** Whoever may create items in the request's 承办处室: its 联络员 (items belong to their department). */
function mayDraftFrom(actor: Actor, assignedDepartmentId: string | null): boolean {
  return can(actor, "item.create") && actor.departmentId !== null && actor.departmentId === assignedDepartmentId;
}

export interface SimilarCluster {
  /** A title for the information asked for, from the earliest request. */
  title: string;
  applicants: number;
  requests: { id: string; number: string | null; receivedOn: string | null; outcomeLabel: string | null; statusLabel: string; department: string | null }[];
  /** A draft one of them already prompted. */
  proactiveItemId: string | null;
}

/** The office's dashboard looks back this many months by default. */
const CLUSTER_WINDOW_MONTHS = 12;

/**
 * 相似申请组: requests received since `since` (default the last 12 months; in the actor's scope,
 * counting towards 第四十四条, not imported history) joined whenever two are alike, kept when at
 * least `minApplicants` different applicants asked. Largest first.
 *
 * Bounded for the console home, which runs it on every load: candidate pairs come from an inverted
 * index of the window's rare grams (those in at most max(20, 20 %) of its descriptions); a pair
 * is scored only if its rare grams shared plus the common grams it might share can reach the
 * threshold, and then its exact Dice score (as gongkai_request_similarity) is computed once. A pair
 * alike only through common grams is missed, by design. 2,000 requests: 43.7 s → 0.2 s
 * (tests/integration/requests-similar-scale.test.ts, docs/decisions.md).
 */
export async function similarClusters(
  actor: Actor,
  options: { since?: string; minApplicants?: number } = {},
  now = new Date(),
): Promise<Result<SimilarCluster[]>> {
  if (!can(actor, "request.queue")) return refuse(actor, { action: "request.view", entity: "DisclosureRequest" }, "wrong_role");
  const since = options.since ?? monthsBefore(todayOf(now), CLUSTER_WINDOW_MONTHS);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(`${since}T00:00:00Z`))) return invalid({ since: ["起始日期请按 年-月-日 填写"] });
  const minApplicants = options.minApplicants ?? CLUSTER_MIN_APPLICANTS;
  const from = new Date(`${since}T00:00:00Z`);
  const rows = (
    await db().disclosureRequest.findMany({
      where: { AND: [requestScope(actor), { imported: false }, { OR: [{ receivedOn: { gte: from } }, { receivedOn: null, submittedAt: { gte: from } }] }] },
      select: { ...matchSelect, description: true, descriptionGrams: true, proactiveItemId: true },
      orderBy: [{ receivedOn: "asc" }, { id: "asc" }],
    })
  ).filter((r) => countsTowardsSuggestion(r.outcome));
  if (rows.length < 2) return ok([]);
  const ids = rows.map((r) => r.id);
  const groups = components(ids, alikePairs(rows));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ok(
    groups
      .map((members) => members.map((id) => byId.get(id)!))
      .map((members): SimilarCluster => ({
        title: itemTitleFromDescription(members[0].description),
        applicants: new Set(members.map(applicantOf)).size,
        requests: members.map((r) => ({
          id: r.id,
          number: r.number,
          receivedOn: r.receivedOn ? isoDate(r.receivedOn) : null,
          outcomeLabel: outcomeLabel(r.outcome),
          statusLabel: REQUEST_STATUS_LABELS[r.status],
          department: r.assignedDepartment?.name ?? null,
        })),
        proactiveItemId: members.find((r) => r.proactiveItemId)?.proactiveItemId ?? null,
      }))
      .filter((c) => c.applicants >= minApplicants)
      .sort((a, b) => b.applicants - a.applicants || b.requests.length - a.requests.length),
  );
}

/** `date` (YYYY-MM-DD) minus `months` calendar months, clamped to the month's end. */
function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * The pairs of `rows` whose grams are at least SIMILARITY_THRESHOLD alike (Dice), without comparing
 * every pair and without losing one: prefix filtering. Dice ≥ t is Jaccard ≥ j = t / (2 − t); with
 * every set's grams in one global order (rarest first), two sets that alike share a gram among the
 * first |A| − ⌈j·|A|⌉ + 1 of each. Only pairs sharing a prefix gram are scored, once. A rare text
 * is reached through its rare grams; many applicants sending one text (the case 第四十四条 is
 * about) share even their rarest grams, and every such pair is found.
 */
export function alikePairs(rows: readonly { id: string; descriptionGrams: readonly string[] }[]): { a: string; b: string }[] {
  const grams = rows.map((r) => new Set(r.descriptionGrams));
  const frequency = new Map<string, number>();
  for (const set of grams) for (const g of set) frequency.set(g, (frequency.get(g) ?? 0) + 1);
  const order = (x: string, y: string) => frequency.get(x)! - frequency.get(y)! || (x < y ? -1 : x > y ? 1 : 0);
  const jaccard = SIMILARITY_THRESHOLD / (2 - SIMILARITY_THRESHOLD);
  const prefixes = grams.map((set) => {
    const sorted = [...set].sort(order);
    return sorted.slice(0, Math.max(0, sorted.length - Math.ceil(jaccard * sorted.length - 1e-9) + 1));
  });
  const postings = new Map<string, number[]>();
  const pairs: { a: string; b: string }[] = [];
  const seen = new Int32Array(rows.length).fill(-1);
  rows.forEach((row, i) => {
    const A = grams[i];
    for (const g of prefixes[i]) {
      for (const j of postings.get(g) ?? []) {
        if (seen[j] === i) continue;
        seen[j] = i;
        const B = grams[j];
        let both = 0;
        for (const x of A) if (B.has(x)) both++;
        if ((2 * both) / (A.size + B.size) >= SIMILARITY_THRESHOLD) pairs.push({ a: rows[j].id, b: row.id });
      }
    }
    for (const g of prefixes[i]) {
      const list = postings.get(g);
      if (list) list.push(i);
      else postings.set(g, [i]);
    }
  });
  return pairs;
}

/** Connected groups of `ids` under `pairs` (union–find), each in the order of `ids`; singles dropped. */
function components(ids: readonly string[], pairs: readonly { a: string; b: string }[]): string[][] {
  const parent = new Map(ids.map((id) => [id, id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  for (const { a, b } of pairs) parent.set(root(a), root(b));
  const groups = new Map<string, string[]>();
  for (const id of ids) groups.set(root(id), [...(groups.get(root(id)) ?? []), id]);
  return [...groups.values()].filter((g) => g.length > 1);
}

const DRAFT_CONFLICT = "该申请已据此起草过主动公开信息。";
const NOT_SUGGESTED = "该申请不符合条例第四十四条：须多个申请人申请相同的政府信息，且该申请未被答复为不予公开、无法提供或不予处理，才能据此起草主动公开信息。";

/**
 * 据此起草主动公开信息: a draft item in the request's 承办处室, made through the items' own
 * createDraft (its checks, its audit row), titled from the 申请内容, its body naming the requests
 * that prompted it. One per request (docs/decisions.md): the link is written in the draft's own
 * transaction under `proactiveItemId IS NULL`, so of two clicks at once one draft commits and the
 * other rolls back; both callers get that one draft.
 */
export async function draftItemFromRequest(actor: Actor, requestId: string, now = new Date()): Promise<Result<{ itemId: string; created: boolean }>> {
  const target: Target = { action: "request.draftItem", entity: "DisclosureRequest", entityId: requestId };
  const request =
    typeof requestId === "string" && requestId.length <= 64
      ? await db().disclosureRequest.findFirst({
          where: { AND: [{ id: requestId }, requestScope(actor)] },
          select: { id: true, number: true, description: true, assignedDepartmentId: true, proactiveItemId: true },
        })
      : null;
  if (!request) return refuseNotFound(actor, target);
  if (!mayDraftFrom(actor, request.assignedDepartmentId)) {
    return refuse(actor, target, "wrong_department", forbidden("只有承办处室的联络员可以据此起草主动公开信息。"));
  }
  if (request.proactiveItemId) return ok({ itemId: request.proactiveItemId, created: false });
  const similar = await similarRequests(actor, requestId);
  if (!similar.ok) return similar;
  // 第四十四条, as the page offers it: this request counts and several applicants asked for the same information.
  if (!similar.value.suggest) return refuse(actor, target, "not_suggested", invalid({}, NOT_SUGGESTED));
  const prompts = [request.number, ...similar.value.matches.filter((m) => m.counts).map((m) => m.number)].filter(
    (n): n is string => !!n,
  );
  const [column, channel] = await Promise.all([
    db().column.findFirst({ where: { name: "通知公告" }, select: { id: true } }).then(async (c) => c ?? db().column.findFirst({ orderBy: { sortOrder: "asc" }, select: { id: true } })),
    db().channel.findFirst({ where: { active: true }, orderBy: { sortOrder: "asc" }, select: { code: true } }),
  ]);
  if (!column || !channel) return refuse(actor, target, "no_column", invalid({}, "尚未设置栏目或发布渠道，请联系公开办。"));
  const input = {
    title: itemTitleFromDescription(request.description),
    columnId: column.id,
    formedOn: todayOf(now),
    channels: [channel.code],
    body: draftBody(prompts),
  };
  const created = await createDraft(actor, input, now, {
    notFromForm: true,
    within: async (tx, itemId) => {
      const { count } = await tx.disclosureRequest.updateMany({ where: { id: requestId, proactiveItemId: null }, data: { proactiveItemId: itemId } });
      expectOne(count, DRAFT_CONFLICT);
      await audit(tx, { actor, ...target, detail: { itemId, prompts } });
    },
  });
  if (created.ok) return ok({ itemId: created.value.id, created: true });
  if (created.error === "conflict") {
    const winner = await db().disclosureRequest.findUnique({ where: { id: requestId }, select: { proactiveItemId: true } });
    if (winner?.proactiveItemId) return ok({ itemId: winner.proactiveItemId, created: false });
  }
  return created;
}

function draftBody(prompts: readonly string[]): string {
  return [
    `本信息依《中华人民共和国政府信息公开条例》第四十四条起草：多个申请人就相同政府信息提出公开申请（申请编号：${prompts.join("、") || "—"}），该信息经审查属于可以公开的，纳入主动公开范围。`,
    "（请在此补充拟公开的信息内容，核对标题、栏目、公开属性和发布渠道后提交审核。）",
  ].join("\n\n");
}
