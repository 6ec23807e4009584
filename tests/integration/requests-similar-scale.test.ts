import { beforeAll, describe, expect, test } from "vitest";
import { SIMILARITY_THRESHOLD } from "@/lib/domain/requests/similarity";
import { alikePairs, similarClusters } from "@/lib/server/requests/similar";
import { db } from "@/lib/server/platform/db";
import { seedBureau, type Bureau } from "../support/bureau";
import { at, must } from "../support/requests";

/**
 * 第四十四条 groups at the size of a busy year: 2,000 requests with varied 申请内容 (openings,
 * years, places, subjects, tails, some with a company's own words). The console home runs
 * similarClusters on every load; this proves it still finds a planted group and reports how long
 * it took (a figure for docs/decisions.md, not an assertion: the machine is shared).
 */

const N = 2000;
const NOW = at("2026-11-20");

const OPENINGS = ["申请公开", "请提供", "本人申请获取", "我单位申请查阅", "申请获取", "请求公开", "", "依法申请公开"];
const PLACES = ["吉林市", "船营区", "昌邑区", "丰满区", "龙潭区", "蛟河市", "桦甸市", "舒兰市", "磐石市", "永吉县", "高新区", "经开区"];
const SUBJECTS = [
  "科技型中小企业评价入库名单", "高新技术企业认定结果", "科技计划项目立项清单", "研发费用加计扣除备案情况",
  "科技成果转化专项资金分配明细", "省级重点实验室年度考核结果", "科技特派员选派名单", "技术合同登记统计数据",
  "孵化器绩效评价报告", "创新券发放记录", "专利资助资金拨付情况", "科学技术奖评审专家名单", "部门预算执行情况",
  "行政处罚决定书", "政府采购合同", "建设项目环评批复", "征地补偿安置方案", "国有土地使用权出让合同",
  "道路改造工程招标文件", "老旧小区改造资金使用情况", "农业科技园区建设规划", "人才引进补贴发放名单",
];
const TAILS = ["", "及相关审批文件", "（含附件）", "的具体金额和依据", "中涉及我公司的部分", "的会议纪要", "以及评审标准", "，包括评分细则", "的原始记录"];
const WORDS = "恒信机械华源光电东北制药长白山松花江北方重工星辰软件金桥建材宏达物流瑞丰农业".match(/.{4}/g)!;

/** A small seeded PRNG (mulberry32): the same 2,000 texts on every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let b: Bureau;
const PLANTED = ["申请公开2026年度吉林市量子信息产业扶持资金拨付明细", "请提供吉林市2026年量子信息产业扶持资金拨付明细", "本人申请获取2026年度量子信息产业扶持资金拨付明细（吉林市）"];

beforeAll(async () => {
  b = await seedBureau();
  const rnd = prng(8);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const descriptions = Array.from({ length: N - PLANTED.length }, () => {
    const company = rnd() < 0.3 ? `我公司（吉林${pick(WORDS)}有限公司）` : "";
    return `${company}${pick(OPENINGS)}${2019 + Math.floor(rnd() * 8)}年${pick(PLACES)}${pick(SUBJECTS)}${pick(TAILS)}`;
  });
  const all = [...descriptions, ...PLANTED];
  for (let i = 0; i < all.length; i += 500) {
    await db().disclosureRequest.createMany({
      data: all.slice(i, i + 500).map((description, j) => {
        const day = new Date(NOW.getTime() - ((i + j) % 330) * 86_400_000);
        return { channel: "in_person", applicantType: "natural_person", description, submittedAt: day, receivedOn: day, status: "IN_PROGRESS" as const, assignedDepartmentId: b.dept.id };
      }),
    });
  }
  // The same words, but imported history and a request from before the 12 months: neither joins the group.
  const old = new Date(NOW.getTime() - 400 * 86_400_000);
  await db().disclosureRequest.createMany({
    data: [
      { channel: "in_person", applicantType: "natural_person", description: PLANTED[0], submittedAt: NOW, receivedOn: NOW, status: "IN_PROGRESS", imported: true, assignedDepartmentId: b.dept.id },
      { channel: "in_person", applicantType: "natural_person", description: PLANTED[1], submittedAt: old, receivedOn: old, status: "IN_PROGRESS", assignedDepartmentId: b.dept.id },
    ],
  });
}, 120_000);

describe("第四十四条 groups over 2,000 requests", () => {
  test("the planted group is found, without imported history or requests older than 12 months; the time is reported", async () => {
    await similarClusters(b.people.office, {}, NOW); // warm: the first call pays for module loading
    const started = performance.now();
    const clusters = must(await similarClusters(b.people.office, {}, NOW));
    const ms = performance.now() - started;
    console.log(`similarClusters over ${N} requests: ${ms.toFixed(0)} ms, ${clusters.length} groups`);
    const planted = clusters.find((c) => c.title.includes("量子信息"));
    expect(planted?.requests).toHaveLength(3);
  }, 300_000);

  test("thirty applicants sending one text are one group, however common its grams (the case 第四十四条 is about)", async () => {
    const text = "请公开2026年度本市全部科技型中小企业研发费用补助资金的拨付名单及金额";
    // The database's own grams (the trigger's function), as the stored rows have them.
    const gramsOf = async (description: string) =>
      (await db().$queryRaw<{ grams: string[] }[]>`SELECT gongkai_request_grams(${description}) AS grams`)[0].grams;
    const rows = [
      ...(await Promise.all(Array.from({ length: 30 }, async (_, i) => ({ id: `same-${i}`, descriptionGrams: await gramsOf(i % 2 ? text : `${text}。`) })))),
      ...(await Promise.all(
        Array.from({ length: 70 }, async (_, i) => ({ id: `other-${i}`, descriptionGrams: await gramsOf(`关于第${i}号科技项目${"验收结果立项清单资金安排人员名单"[i % 16]}的情况说明`) })),
      )),
    ];
    const inGroup = alikePairs(rows).filter((p) => p.a.startsWith("same-") && p.b.startsWith("same-"));
    expect(inGroup).toHaveLength((30 * 29) / 2);
  });

  test("the prefix filter finds the same pairs as comparing every pair (600 of them)", async () => {
    const rows = await db().disclosureRequest.findMany({ where: { assignedDepartmentId: b.dept.id }, select: { id: true, descriptionGrams: true }, orderBy: { id: "asc" }, take: 600 });
    const key = (p: { a: string; b: string }) => [p.a, p.b].sort().join("|");
    const brute: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const [A, B] = [new Set(rows[i].descriptionGrams), new Set(rows[j].descriptionGrams)];
        const both = [...A].filter((g) => B.has(g)).length;
        if (A.size + B.size > 0 && (2 * both) / (A.size + B.size) >= SIMILARITY_THRESHOLD) brute.push(key({ a: rows[i].id, b: rows[j].id }));
      }
    }
    expect(brute.length).toBeGreaterThan(100);
    expect(alikePairs(rows).map(key).sort()).toEqual(brute.sort());
  }, 120_000);
});
