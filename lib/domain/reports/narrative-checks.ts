/*
 * The narrative against the tables (issue 9 §4): N-* compare what the free text of sections 一, 五
 * and 六 states (narrative-numbers.ts) with the final figures; S5 and S6 look at what a section
 * must say. Live fields are bound to the figures and are never read as free text.
 */
import type { CheckFinding, CheckInput } from "./checks";
import { SECTION_KEYS, TABLE4, type SectionKey } from "./formats";
import { LIVE_FIELD_MARK, sectionText } from "./live-fields";
import { statedFigures, type Quantity, type Statement } from "./narrative-numbers";
import type { PublishingStatistics } from "./shape";

const PART: Record<SectionKey, string> = { overview: "第一部分", problems: "第五部分", other: "第六部分" };

interface Figure {
  value: number;
  /** How the message names the figure: "表三本年新收申请". */
  name: string;
  unit: string;
  cells: string[];
}

/** N-*: every number (or negation) the free text states for a known quantity that the figures contradict. */
export function narrativeChecks(input: CheckInput): CheckFinding[] {
  const statistics = input.data.statistics as PublishingStatistics | undefined;
  const columns = statistics ? statistics.by_column.flatMap((c) => [c, ...c.children]) : [];
  const findings: CheckFinding[] = [];
  const ids = new Set<string>();
  for (const section of SECTION_KEYS) {
    for (const s of statedFigures(sectionText(input.data.sections[section] ?? ""), columns)) {
      const figure = figureOf(input, statistics, s);
      if (!figure || agrees(s, figure, statistics)) continue;
      let id = `N-${s.quantity}:${section}:${s.code ? `${s.code}:` : ""}${s.value}`;
      for (let n = 2; ids.has(id); n++) id = `${id.replace(/#\d+$/, "")}#${n}`;
      ids.add(id);
      findings.push({
        id,
        severity: "error",
        cells: [`sections.${section}`, ...figure.cells],
        message: `${PART[section]}写“${s.quote}”，而${figure.name}为${formatAmount(figure.value)}${figure.unit}`,
      });
    }
  }
  return findings;
}

const formatAmount = (n: number) => String(Math.round(n * 100) / 100);

function agrees(s: Statement, figure: Figure, statistics: PublishingStatistics | undefined): boolean {
  if (Math.abs(s.value - figure.value) < 0.005) return true;
  // A place the text names that is no channel we know ("市政府科技局网站"): the number may be any of
  // the year's publishing counts; only a number that is none of them is surely wrong.
  if (s.quantity === "published" && s.place && statistics && !channelOf(statistics, s.place)) {
    return statistics.by_channel.some((c) => c.count === s.value);
  }
  return false;
}

function figureOf(input: CheckInput, statistics: PublishingStatistics | undefined, s: Statement): Figure | null {
  const t4 = (keys: readonly string[], name: string): Figure => ({
    value: keys.reduce((sum, k) => sum + Number(input.data.table4[k as (typeof TABLE4.blocks)[number]["key"]]?.total ?? 0), 0),
    name,
    unit: "件",
    cells: keys.map((k) => `table4.${k}.total`),
  });
  const byQuantity: Partial<Record<Quantity, () => Figure | null>> = {
    requests: () => {
      const row = input.format.table3.rows.find((r) => r.role === "received")!.key;
      return { value: Number(input.data.table3[row]?.total ?? 0), name: "表三本年新收申请", unit: "件", cells: [`table3.${row}.total`] };
    },
    review: () => t4(["review"], "表四行政复议总计"),
    litigation: () => t4(["litigation_direct", "litigation_after_review"], "表四行政诉讼总计"),
    appeals: () => t4(TABLE4.blocks.map((b) => b.key), "表四行政复议和行政诉讼合计"),
  };
  if (byQuantity[s.quantity]) return byQuantity[s.quantity]!();
  if (!statistics) return null;
  if (s.quantity === "fees") {
    return { value: statistics.fees_collected_yuan, name: "统计收取的信息处理费", unit: "元", cells: ["statistics.fees_collected_yuan"] };
  }
  if (s.quantity === "column") {
    const column = statistics.by_column.flatMap((c) => [c, ...c.children]).find((c) => c.code === s.code);
    return column ? { value: column.count, name: `栏目“${column.name}”统计`, unit: "条", cells: [`statistics.column.${column.code}`] } : null;
  }
  const channel = s.place ? channelOf(statistics, s.place) : null;
  if (channel) return { value: channel.count, name: `统计在“${channel.name}”发布`, unit: "条", cells: [`statistics.channel.${channel.code}`] };
  return { value: statistics.items_published, name: "统计", unit: "条", cells: ["statistics.items_published"] };
}

/**
 * The channel a place names: its name within the place, or failing that its name's characters in
 * order within it ("市政务公开专栏" in "市政府政务信息公开专栏"), for names of four characters or more
 * (a shorter one, "网站", would match any site). The longest name wins.
 */
export function channelOf(statistics: PublishingStatistics, place: string): PublishingStatistics["by_channel"][number] | null {
  const byLength = [...statistics.by_channel].sort((a, b) => b.name.length - a.name.length);
  return byLength.find((c) => place.includes(c.name)) ?? byLength.find((c) => c.name.length >= 4 && isSubsequence(c.name, place)) ?? null;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const ch of haystack) if (ch === needle[i]) i++;
  return i === needle.length;
}

const FEES_MENTIONED = /收费|信息处理费|收取[^。；]{0,8}费/;

/** S5: 五 is mandatory (条例 第五十条); S6: fees were collected and 六 does not say so. */
export function sectionChecks(input: CheckInput): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const text = (key: SectionKey) => sectionText(input.data.sections[key] ?? "");
  if (text("problems").replaceAll(LIVE_FIELD_MARK, "").trim() === "") {
    findings.push({
      id: "S5:problems",
      severity: "error",
      cells: ["sections.problems"],
      message: "第五部分“存在的主要问题及改进情况”为空：条例第五十条要求年度报告载明存在的主要问题及改进情况",
    });
  }
  const fees = (input.data.statistics as PublishingStatistics | undefined)?.fees_collected_yuan ?? 0;
  if (fees > 0 && !FEES_MENTIONED.test(text("other"))) {
    findings.push({
      id: "S6:other",
      severity: "warning",
      cells: ["sections.other", "statistics.fees_collected_yuan"],
      message: `本年收取信息处理费 ${fees} 元，而第六部分“其他需要报告的事项”未提及收费情况`,
    });
  }
  return findings;
}
