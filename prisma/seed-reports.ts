/**
 * The demo's annual reports, made the way the office makes them (issue 9 §9): the narrative and
 * the yearly figures typed in the console, the tables computed from the records, sent through the
 * item review (处室负责人 → 分管领导 → 保密审查) and published by the office.
 * - 2019 (GB2019): the seed report of 吉林市科学技术局, its text as published except that the
 *   count it got wrong (162, where its own columns add to 165) is a live field bound to the
 *   records; published on the seed's date, 2020-01-14.
 * - 2025 (GB2021): the year the demo's requests carry over from, published in January 2026.
 * - 2026 (GB2021): this year's draft, narrative written, every check passing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Actor } from "@/lib/server/platform/actor";
import { publishItem } from "@/lib/server/items/publication";
import { reviewItem } from "@/lib/server/items/reviews";
import { allClearApproval } from "@/lib/server/items/secrecy";
import { db } from "@/lib/server/platform/db";
import { saveFigures, saveSections, sendForReview } from "@/lib/server/reports/store";

export interface ReportPeople {
  office: Actor;
  head: Actor;
  leader: Actor;
  secrecy: Actor;
}

/** The seed's sections 一 and 五, cut from the published text (seed-annual-report-2019.html). */
function seedSections2019() {
  const html = readFileSync(path.join(import.meta.dirname, "seed-annual-report-2019.html"), "utf8");
  const between = (from: string, to: string) => html.slice(html.indexOf(from) + from.length, to ? html.indexOf(to) : undefined).trim();
  const overview = between("<h2>一、总体情况</h2>", "<h2>二、").replace(
    /<p>2019年,我局在市政府科技局网站公开信息共162条[^<]*<\/p>\s*<p>在市政府政务信息公开专栏发布信息16条/,
    "<p>2019年,我局在市政府科技局网站公开信息共" +
      live("statistics.channel.website") +
      "条,其中,图片新闻" +
      live("statistics.column.tpxw") +
      "条,科技动态" +
      live("statistics.column.kjdt") +
      "条,年度报告" +
      live("statistics.column.ndbg") +
      "条,通知公告" +
      live("statistics.column.tzgg") +
      "条,政策法规" +
      live("statistics.column.zcfg") +
      "条(包括规章制度" +
      live("statistics.column.gzzd") +
      "条,政策解读" +
      live("statistics.column.zcjd") +
      "条),科技党建" +
      live("statistics.column.kjdj") +
      "条等。</p><p>在市政府政务信息公开专栏发布信息" +
      live("statistics.channel.portal"),
  );
  const problems = between("<h2>五、存在的主要问题及改进情况</h2>", "");
  return { overview, problems, other: "<p>本年度无其他需要报告的事项。</p>" };
}

const live = (metric: string) => `<span data-metric="${metric}">0</span>`;

/** The seed's table 二 figures the records cannot know: 行政许可 0/1/79, 其他对外管理服务事项 8/0/365, zeros. */
const FIGURES_2019 = {
  "licensing.previous_year_items": "0",
  "licensing.change": "1",
  "licensing.decisions": "79",
  "other_services.previous_year_items": "8",
  "other_services.change": "0",
  "other_services.decisions": "365",
};

function gb2021Sections(year: number, closing: string) {
  return {
    overview:
      `<p>${year}年，我局坚持以公开为常态、不公开为例外，依照《中华人民共和国政府信息公开条例》做好主动公开和依申请公开工作。` +
      `全年在本机关网站公开政府信息${live("statistics.channel.website")}条，新收政府信息公开申请${live("table3.new_received.total")}件，` +
      `办结${live("table3.total_processed.total")}件，结转下年度继续办理${live("table3.carried_forward.total")}件。</p>` +
      `<p>依申请公开由局政务公开工作领导小组办公室统一受理、登记，承办处室拟办，处室负责人审核后答复，答复期限按工作日计算并全程留痕。</p>`,
    problems:
      "<p>一是部分处室报送信息不够及时；二是依申请公开答复文书的说理还需加强。下一步，我局将按月通报各处室报送情况，" +
      "并组织答复文书专题培训，提高答复质量。</p>",
    other: `<p>${closing}本年度依照《政府信息公开信息处理费管理办法》收取信息处理费${live("statistics.fees_collected_yuan")}元。</p>`,
  };
}

async function publishReport(people: ReportPeople, year: number, publishedOn: Date) {
  const { office } = people;
  const read = async () => (await db().annualReport.findUniqueOrThrow({ where: { year } })).revision;
  // Sent a few days before publication, as the office would (成文日期 then precedes 发布日期).
  const sentOn = new Date(publishedOn.getTime() - 4 * 86_400_000);
  const sent = must(await sendForReview(office, year, { revision: await read() }, sentOn), `send ${year}`);
  const itemId = sent.itemId;
  for (const reviewer of [people.head, people.leader, people.secrecy]) {
    const item = await db().disclosureItem.findUniqueOrThrow({ where: { id: itemId } });
    must(await reviewItem(reviewer, itemId, { decision: "APPROVE", revisionId: item.currentRevisionId!, ...(await allClearApproval(item.currentRevisionId!)) }), `review ${year}`);
  }
  const item = await db().disclosureItem.findUniqueOrThrow({ where: { id: itemId } });
  must(await publishItem(office, itemId, item.currentRevisionId!, {}, publishedOn), `publish ${year}`);
}

async function write(people: ReportPeople, year: number, sections: Record<string, string>, figures: Record<string, string> = {}) {
  const revision = async () => (await db().annualReport.findUnique({ where: { year } }))?.revision ?? 0;
  must(await saveSections(people.office, year, { revision: await revision(), sections }), `sections ${year}`);
  if (Object.keys(figures).length) must(await saveFigures(people.office, year, { revision: await revision(), figures }), `figures ${year}`);
}

export async function seedDemoReports(people: ReportPeople, options: { requests: boolean }) {
  await write(people, 2019, seedSections2019(), FIGURES_2019);
  await publishReport(people, 2019, new Date("2020-01-14T09:00:00+08:00"));
  if (!options.requests) return;
  await write(people, 2025, gb2021Sections(2025, "本年度未收到人大代表建议、政协提案涉及政务公开的办理事项。"), { "licensing.decisions": "64" });
  await publishReport(people, 2025, new Date("2026-01-20T09:00:00+08:00"));
  await write(people, 2026, gb2021Sections(2026, "本年度办理人大代表建议2件，办理结果均已公开。"), { "licensing.decisions": "71", "penalty.decisions": "2" });
}

function must<T>(result: { ok: true; value: T } | { ok: false; message: string }, step: string): T {
  if (!result.ok) throw new Error(`report seed step ${step} refused: ${result.message}`);
  return result.value;
}
