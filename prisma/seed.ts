import path from "node:path";
import type { Role } from "../lib/generated/prisma/client";
import { env } from "@/lib/env";
import { db } from "@/lib/server/platform/db";
import { hashPassword } from "@/lib/server/platform/sessions";
import { createDraft, submitItem } from "@/lib/server/items/drafts";
import { reviewItem } from "@/lib/server/items/reviews";
import { publishItem } from "@/lib/server/items/publication";
import type { Actor } from "@/lib/server/platform/actor";
import { chinaDate } from "../lib/domain/dates";
import { allClearApproval } from "@/lib/server/items/secrecy";
import { seedDemoRequests } from "./seed-requests";
import { relaxDemoLogin } from "./seed-security";
import { seedReportHistory } from "./seed-report-history";
import { seedDemoReports } from "./seed-reports";
import { COLUMNS, CHANNELS, DEMO_PASSWORD, DEPARTMENTS, MONTHLY_TARGETS, PUBLISHED_ITEMS, RETURNED_ITEM, SITE_SETTINGS, USERS } from "./demo-bureau";

/**
 * Seeds the demo bureau into an empty database. Published items travel the real workflow
 * (draft → 处室负责人 → 分管领导 → 保密审查 → 发布) through the same use cases the console calls, so
 * demo data obeys every rule the app enforces. Run: `node --conditions=react-server --import tsx prisma/seed.ts`.
 */
const prisma = db();

/** Channels are seeded into a database that has none, also one seeded before channels existed. */
async function seedChannels() {
  if ((await prisma.channel.count()) > 0) return;
  await prisma.channel.createMany({ data: CHANNELS.map((c, sortOrder) => ({ ...c, sortOrder })) });
}

export async function seedDemoBureau(): Promise<boolean> {
  await seedChannels();
  if ((await prisma.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const departments = new Map<string, string>();
  for (const [i, d] of DEPARTMENTS.entries()) {
    const row = await prisma.department.create({ data: { code: d.code, name: d.name, sortOrder: i } });
    departments.set(d.code, row.id);
  }
  const users = new Map<string, Actor>();
  for (const u of USERS) {
    const row = await prisma.user.create({
      data: { username: u.username, displayName: u.displayName, passwordHash, roles: [...u.roles] as Role[], departmentId: departments.get(u.dept) },
    });
    users.set(u.username, { id: row.id, username: u.username, displayName: u.displayName, roles: [...u.roles], departmentId: row.departmentId, departmentName: null, sessionId: "seed" });
  }
  for (const d of DEPARTMENTS) {
    await prisma.department.update({ where: { code: d.code }, data: { leaderId: users.get(d.leader)!.id } });
  }
  await relaxDemoLogin();
  const columns = new Map<string, string>();
  for (const [i, c] of COLUMNS.entries()) {
    const parent = "parent" in c ? columns.get(c.parent) : undefined;
    const row = await prisma.column.create({
      data: { code: c.code, name: c.name, sortOrder: i, requiresLeader: c.requiresLeader, parentId: parent },
    });
    columns.set(c.code, row.id);
  }
  for (const [key, value] of Object.entries(SITE_SETTINGS)) await prisma.siteSetting.create({ data: { key, value } });
  const items = [...PUBLISHED_ITEMS].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const spec of items) await publishThroughWorkflow(spec, users, columns);
  const historyStarted = performance.now();
  const history = await seedReportHistory(users, columns);
  console.log(`seeded ${history} items of 2019 (the annual report's records) in ${((performance.now() - historyStarted) / 1000).toFixed(1)} s`);
  await seedTimeliness(departments, users, columns, items[0].daysAgo);
  const handling = (code: string, liaison: string, head: string) => ({ id: departments.get(code)!, liaison: users.get(liaison)!, head: users.get(head)! });
  // Applicants' personal data is sealed like real intake's: without the key there are no requests.
  const reportPeople = { office: users.get("office")!, head: users.get("head.bgs")!, leader: users.get("leader.wang")!, secrecy: users.get("secrecy")! };
  if (!env().PII_ENCRYPTION_KEY) {
    console.warn("PII_ENCRYPTION_KEY is not set: the demo's 依申请公开 requests were not seeded");
    await seedDemoReports(reportPeople, { requests: false });
    return true;
  }
  const started = performance.now();
  const requests = await seedDemoRequests({
    office: users.get("office")!,
    departments: { GXJS: handling("GXJS", "liaison.gx", "head.gx"), BGS: handling("BGS", "liaison.bgs", "head.bgs"), CGZH: handling("CGZH", "liaison.cg", "head.cg") },
  });
  console.log(`seeded ${requests.length} demo requests in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await seedDemoReports(reportPeople, { requests: true });
  return true;
}

async function publishThroughWorkflow(
  spec: (typeof PUBLISHED_ITEMS)[number],
  users: Map<string, Actor>,
  columns: Map<string, string>,
) {
  const when = new Date(Date.now() - spec.daysAgo * 86_400_000);
  const liaison = users.get(spec.liaison)!;
  const created = await createDraft(
    liaison,
    {
      title: spec.title,
      columnId: columns.get(spec.column)!,
      body: spec.body,
      documentNumber: spec.documentNumber,
      formedOn: chinaDate(new Date(when.getTime() - (spec.formedDaysBefore ?? 2) * 86_400_000)),
      topic: "科技、教育",
      channels: ["website", "portal"],
      article20Item: spec.article20Item ?? "",
    },
  );
  if (!created.ok) throw new Error(`seed draft failed: ${created.message}`);
  const id = created.value.id;
  const revisionId = (await prisma.disclosureItem.findUniqueOrThrow({ where: { id } })).currentRevisionId!;
  must(await submitItem(liaison, id, revisionId));
  const dept = await prisma.department.findFirstOrThrow({ where: { id: liaison.departmentId! } });
  const head = [...users.values()].find((u) => u.roles.includes("DEPT_HEAD") && u.departmentId === dept.id)!;
  const leader = [...users.values()].find((u) => u.id === dept.leaderId)!;
  const reviewerAt: Record<string, Actor> = { PENDING_DEPT: head, PENDING_LEADER: leader, PENDING_SECRECY: users.get("secrecy")! };
  for (let status = "PENDING_DEPT"; status !== "APPROVED"; ) {
    const result = await reviewItem(reviewerAt[status], id, { decision: "APPROVE", revisionId, ...(await allClearApproval(revisionId)) });
    must(result);
    if (result.ok) status = result.value.status;
  }
  must(await publishItem(users.get("office")!, id, revisionId, {}, when));
}

/**
 * What the timeliness dashboard needs to show something: monthly targets from the month of the
 * oldest demo item to December, submission times in step with the back-dated publications, and
 * one returned item left unfixed past its due date. Runs only inside the first seeding; the
 * targets skip existing rows anyway.
 */
async function seedTimeliness(
  departments: Map<string, string>,
  users: Map<string, Actor>,
  columns: Map<string, string>,
  oldestDaysAgo: number,
) {
  const months: { year: number; month: number }[] = [];
  const endYear = Number(chinaDate(new Date()).slice(0, 4));
  for (let [year, month] = chinaDate(new Date(Date.now() - oldestDaysAgo * 86_400_000)).split("-").map(Number); year <= endYear; ) {
    months.push({ year, month });
    if (++month > 12) [year, month] = [year + 1, 1];
  }
  await prisma.monthlyTarget.createMany({
    skipDuplicates: true,
    data: [...departments].flatMap(([code, departmentId]) => months.map((m) => ({ departmentId, ...m, target: MONTHLY_TARGETS[code] ?? 1 }))),
  });
  // submitItem stamps the real time; the demo items were published "days ago", so were submitted then.
  await prisma.$executeRaw`UPDATE "DisclosureItem" SET "firstSubmittedAt" = "publishedAt" - interval '1 day'
    WHERE "publishedAt" IS NOT NULL AND "firstSubmittedAt" > "publishedAt"`;
  const r = RETURNED_ITEM;
  const liaison = users.get(r.liaison)!;
  const formedOn = chinaDate(new Date(Date.now() - r.formedDaysAgo * 86_400_000));
  const created = await createDraft(liaison, { title: r.title, columnId: columns.get(r.column)!, body: r.body, formedOn, channels: ["website"] });
  if (!created.ok) throw new Error(`seed draft failed: ${created.message}`);
  const revisionId = (await prisma.disclosureItem.findUniqueOrThrow({ where: { id: created.value.id } })).currentRevisionId!;
  must(await submitItem(liaison, created.value.id, revisionId));
  must(await reviewItem(users.get(r.head)!, created.value.id, { decision: "RETURN", revisionId, comment: r.comment }));
}

function must(result: { ok: boolean; message?: string }) {
  if (!result.ok) throw new Error(`seed step refused: ${result.message}`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  seedDemoBureau()
    .then((seeded) => console.log(seeded ? "seeded the demo bureau" : "database already has users; seed skipped"))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
