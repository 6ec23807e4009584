/**
 * Writes every XSS vector (xss-vectors.txt) into the text fields staff can write, through the
 * use cases the console's forms call, into the running e2e database; xss.spec.ts then renders
 * the pages that show them. Fields hold as many whole vectors as their length limit allows, so
 * every vector reaches every field whose limit it fits. Prints (as JSON to `out`) the records to
 * open and how many vectors went into each field.
 *
 * Run by xss.spec.ts: `node --conditions=react-server --import tsx tests/security/seed-xss.ts <state> <out>`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pack, xssVectors } from "./vectors";

const [stateFile, outFile] = process.argv.slice(2);
const state = JSON.parse(readFileSync(stateFile, "utf8")) as { databaseUrl: string; piiKey: string; auditKey?: string };
process.env.DATABASE_URL = state.databaseUrl;
process.env.PII_ENCRYPTION_KEY = state.piiKey;
// Audit rows written here chain under the app's key, or the log would no longer verify.
if (state.auditKey) process.env.AUDIT_HMAC_KEY = state.auditKey;

const { db } = await import("@/lib/server/platform/db");
const { createDraft, submitItem } = await import("@/lib/server/items/drafts");
const { reviewItem } = await import("@/lib/server/items/reviews");
const { publishItem } = await import("@/lib/server/items/publication");
const { allClearApproval } = await import("@/lib/server/items/secrecy");
const { createDepartment } = await import("@/lib/server/admin/departments");
const { createColumn } = await import("@/lib/server/admin/columns");
const { getSiteSettings, updateSiteSettings } = await import("@/lib/server/admin/site-settings");
const { chinaDate } = await import("@/lib/domain/dates");
type Actor = import("@/lib/server/platform/actor").Actor;

const prisma = db();
const vectors = xssVectors();
const actors = new Map<string, Actor>(
  (await prisma.user.findMany()).map((u) => [u.username, { id: u.id, username: u.username, displayName: u.displayName, roles: [...u.roles], departmentId: u.departmentId, departmentName: null, sessionId: "xss-seed" }]),
);
const actor = (u: string) => actors.get(u)!;
const must = <T,>(r: { ok: true; value: T } | { ok: false; message: string; fieldErrors?: unknown }, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${r.message} ${JSON.stringify((r as { fieldErrors?: unknown }).fieldErrors ?? "")}`);
  return r.value;
};
const counts: Record<string, number> = {};
const count = (field: string, chunks: string[][]) => (counts[field] = chunks.flat().length);

// ── items: title, summary, 文号, 发布机构, keywords, body — published (科技动态: no 分管领导 stage) ──
const isKeyword = (v: string) => v.length <= 20 && !/[,，、;；\s]/.test(v);
const fields = {
  title: pack(vectors, 200),
  summary: pack(vectors, 1500),
  documentNumber: pack(vectors, 100),
  publisher: pack(vectors, 100),
  body: pack(vectors, 20_000),
};
const keywordChunks: string[][] = [];
for (const v of vectors.filter(isKeyword)) {
  if (!keywordChunks.length || keywordChunks.at(-1)!.length === 10) keywordChunks.push([]);
  keywordChunks.at(-1)!.push(v);
}
// As many items as the titles need (every vector in a title): the 100-character 文号 and 发布机构
// take what fits on those items, so each page load carries as much as it can.
const n = fields.title.length;
fields.documentNumber = fields.documentNumber.slice(0, n);
fields.publisher = fields.publisher.slice(0, n);
for (const [f, chunks] of Object.entries(fields)) count(`item.${f}`, chunks.slice(0, n));
count("item.keywords", keywordChunks.slice(0, n));
const column = (await prisma.column.findFirstOrThrow({ where: { code: "kjdt" } })).id;
const items: string[] = [];
const liaison = actor("liaison.bgs");
for (let i = 0; i < n; i++) {
  const pick = (chunks: string[][], sep = " ") => chunks[i]?.join(sep) ?? "";
  const created = must(
    await createDraft(liaison, {
      title: pick(fields.title) || `XSS 测试 ${i}`,
      columnId: column,
      summary: pick(fields.summary),
      documentNumber: pick(fields.documentNumber),
      publisher: pick(fields.publisher),
      keywords: pick(keywordChunks, "、"),
      body: fields.body[i]?.map((v) => `<p>${v}</p>\n${v}`).join("\n") ?? "XSS 测试正文",
      formedOn: chinaDate(new Date(Date.now() - 2 * 86_400_000)),
      topic: "科技、教育",
      channels: ["website"],
      article20Item: "",
    }),
    `item ${i}`,
  );
  const revisionId = (await prisma.disclosureItem.findUniqueOrThrow({ where: { id: created.id } })).currentRevisionId!;
  must(await submitItem(liaison, created.id, revisionId), "submit");
  for (const reviewer of ["head.bgs", "secrecy"]) {
    must(await reviewItem(actor(reviewer), created.id, { decision: "APPROVE", revisionId, ...(await allClearApproval(revisionId)) }), `review by ${reviewer}`);
  }
  must(await publishItem(actor("office"), created.id, revisionId, {}), "publish");
  items.push(created.id);
}

// ── 处室 and 栏目 names (50), 栏目说明 (500) ─────────────────────────────────────────────────
const office = actor("office");
const nameChunks = pack(vectors, 50);
const descriptions = pack(vectors, 500);
for (const [i, chunk] of nameChunks.entries()) {
  must(await createDepartment(office, { code: `XSS${i}`, name: chunk.join(" ") }), `department ${i}`);
  must(await createColumn(office, { code: `xss-${i}`, name: chunk.join(" "), description: descriptions[i]?.join(" ") ?? "", requiresDeptHead: "on" }), `column ${i}`);
}
count("department.name", nameChunks);
count("column.name", nameChunks);
count("column.description", descriptions.slice(0, nameChunks.length));

// ── 政府信息公开指南 (site settings): one value per field, as many vectors as fit ────────────────
const { settings, version } = await getSiteSettings();
const guide = { officeName: pack(vectors, 100)[0], address: pack(vectors, 200)[1], officeHours: pack(vectors, 200)[2], note: pack(vectors, 2000)[0] };
must(
  await updateSiteSettings(office, { ...settings, version, officeName: guide.officeName.join(" "), address: guide.address.join(" "), officeHours: guide.officeHours.join(" "), note: guide.note.join(" ") }),
  "site settings",
);
for (const [f, vs] of Object.entries(guide)) counts[`guide.${f}`] = vs.length;

writeFileSync(outFile, JSON.stringify({ items, vectors: vectors.length, counts }));
console.log(`xss seed: ${vectors.length} vectors into ${Object.keys(counts).length} fields (${Object.values(counts).reduce((a, b) => a + b, 0)} vector×field placements), ${items.length} published items`);
await prisma.$disconnect();
