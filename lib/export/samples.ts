import { GB2019 } from "@/lib/domain/reports/formats";
import { emptyTables, type ReportData } from "@/lib/domain/reports/shape";
import { heading, paragraph, type ExportDocument, type Table, type TableCell } from "./document";

/**
 * Sample documents of the demo bureau (吉林市科学技术局): what `npm run export:samples` writes
 * and what the golden-file tests read back. The figures are made up; the shapes are the real ones.
 */
export const SAMPLE_ORGAN = "吉林市科学技术局";
export const SAMPLE_DOC_NUMBER = "吉市科技公开〔2026〕第3号";
export const SAMPLE_DATE = "2026年11月30日";
export const REMEDY_SENTENCE =
  "如对本答复不服，可以自收到本答复之日起六十日内向吉林市人民政府申请行政复议，或者在六个月内向人民法院提起行政诉讼。";

/** 政府信息公开申请答复书 to an applicant, deciding under 条例 第三十六条. */
export function sampleReplyLetter(options: { draft?: boolean } = {}): ExportDocument {
  return {
    title: "政府信息公开申请答复书",
    titleBlock: { organ: SAMPLE_ORGAN, docNumber: SAMPLE_DOC_NUMBER },
    draft: options.draft,
    blocks: [
      paragraph("张某：", { indent: false }),
      paragraph(
        "本机关于2026年11月9日收到您通过信函方式提出的政府信息公开申请，您申请获取“2025年度吉林市科技发展计划项目立项清单及资金安排情况”。",
      ),
      {
        kind: "paragraph",
        runs: [
          { text: "经审查，根据《中华人民共和国政府信息公开条例》第三十六条第（三）项的规定，现答复如下：" },
          { text: "您申请获取的政府信息予以公开。", bold: true },
          { text: "现将《2025年度吉林市科技发展计划项目立项清单》提供给您，资金安排情况见清单第四列。" },
        ],
      },
      paragraph(REMEDY_SENTENCE),
      paragraph("附件：2025年度吉林市科技发展计划项目立项清单"),
      { kind: "signature", organ: SAMPLE_ORGAN, date: SAMPLE_DATE },
      paragraph("（此件依申请公开）"),
    ],
  };
}

const n = (value: number): TableCell => ({ text: String(value), numeric: true, align: "center" });
const figures = (values: number[]) => values.map(n);

/**
 * 年度报告 表三 (收到和处理政府信息公开申请情况), cut to its first rows: a two-row header in
 * which 法人或其他组织 spans five columns and 自然人 / 总计 span two rows. The label column is
 * two grid columns wide, so 三、本年度办理结果 can span the rows of its sub-items.
 */
export function sampleAnnualTable(): Table {
  const header: TableCell[][] = [
    [
      { text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colSpan: 2, rowSpan: 2, align: "center" },
      { text: "自然人", rowSpan: 2, align: "center" },
      { text: "法人或其他组织", colSpan: 5, align: "center" },
      { text: "总计", rowSpan: 2, align: "center" },
    ],
    ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map((text) => ({ text, align: "center" as const })),
  ];
  const body: TableCell[][] = [
    [{ text: "一、本年新收政府信息公开申请数量", colSpan: 2 }, ...figures([5, 1, 1, 0, 0, 0, 7])],
    [{ text: "二、上年结转政府信息公开申请数量", colSpan: 2 }, ...figures([1, 0, 0, 0, 0, 0, 1])],
    [{ text: "三、本年度办理结果", rowSpan: 4 }, { text: "（一）予以公开" }, ...figures([3, 1, 0, 0, 0, 0, 4])],
    [{ text: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" }, ...figures([1, 0, 1, 0, 0, 0, 2])],
    [{ text: "（三）不予公开" }, ...figures([0, 0, 0, 0, 0, 0, 0])],
    [{ text: "（四）本机关不掌握相关政府信息" }, ...figures([1, 0, 0, 0, 0, 0, 1])],
    [{ text: "四、结转下年度继续办理", colSpan: 2 }, ...figures([1, 0, 0, 0, 0, 0, 1])],
  ];
  return { headerRows: 2, rows: [...header, ...body], columnWidths: [2.2, 4.2, 1.2, 1.2, 1.2, 1.4, 1.4, 1.2, 1.2] };
}

/** The table as the 年度报告 prints it: section heading, table, notes. */
export function sampleTableDocument(options: { draft?: boolean } = {}): ExportDocument {
  return {
    title: "吉林市科学技术局2026年政府信息公开工作年度报告",
    draft: options.draft,
    blocks: [
      heading(1, "三、收到和处理政府信息公开申请情况"),
      { kind: "table", table: sampleAnnualTable() },
      { kind: "notes", items: ["本表数据统计期间为2026年1月1日至2026年12月31日。", "申请人情况按申请时的身份统计。"] },
    ],
  };
}

/**
 * A whole 年度报告 of the demo bureau in the 2019 format, with the seed report's table 二 and a few
 * requests and appeals: what the report sample files and the report export tests render.
 */
export function sampleReportData(options: { status?: ReportData["status"] } = {}): ReportData {
  const tables = emptyTables(GB2019);
  Object.assign(tables.table2.normative_documents, { new_made: 5, new_published: 5, total_published: 7 });
  Object.assign(tables.table2.licensing, { previous_year_items: 0, change: 1, decisions: 79 });
  Object.assign(tables.table2.other_services, { previous_year_items: 8, change: 0, decisions: 365 });
  Object.assign(tables.table2.procurement, { projects: 2, amount: "12.5" });
  const row = (natural: number, commercial: number) => ({ natural_person: natural, commercial, research: 0, public_welfare: 0, legal_service: 0, other: 0, total: natural + commercial });
  Object.assign(tables.table3, {
    new_received: row(5, 2),
    carried_over: row(1, 0),
    granted: row(3, 1),
    partial: row(1, 0),
    unable_1_not_held: row(1, 1),
    total_processed: row(5, 2),
    carried_forward: row(1, 0),
  });
  Object.assign(tables.table4.review, { upheld: 1, pending: 1, total: 2 });
  return {
    year: 2019,
    format: "GB2019",
    status: options.status ?? "published",
    bureau: SAMPLE_ORGAN,
    sections: {
      overview:
        "<h3>（一）加强领导，确保政务公开工作落到实处</h3><p>2019年，我局在本机关网站公开信息共<strong>165</strong>条，其中：</p><ol><li>图片新闻13条；</li><li>科技动态69条。</li></ol>",
      problems: "<p>一是公开内容还不够丰富；二是依申请公开答复的规范性有待提高。</p>",
      other: "<p>本年度未收取信息处理费。</p>",
    },
    ...tables,
    statistics: { items_published: 165, by_column: [], by_channel: [], fees_collected_yuan: 0 },
    checks: [{ id: "T2:normative_documents", severity: "warning", cells: ["table2.normative_documents.total_published"], message: "规范性文件对外公开总数量与上年不衔接", overridden: true, reason: "2018年底清理废止2件" }],
    overrides: [{ cell: "table2.licensing.decisions", value: 79, computed: 78, reason: "1件许可决定为纸质办理，系统未登记", by: "公开办", at: "2020-01-10T08:00:00.000Z" }],
  };
}
