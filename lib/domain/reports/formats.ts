/*
 * 政府信息公开工作年度报告格式 as data (issue 9 §1, reference/domain.md §2): GB2021 (国办公开办函
 * 〔2021〕30号, years ≥ 2020) and GB2019 (国办公开办函〔2019〕60号, the seed's format, years ≤ 2019).
 * Labels are the rows and columns as the formats print them. Renderers (HTML, DOCX, PDF, CSV)
 * and the computation walk these structures; none of them names a row.
 */
import { OUTCOME_KEYS, OUTCOMES, type Outcome } from "../requests/outcomes";
import { APPLICANT_TYPES, APPLICANT_TYPE_LABELS } from "../requests/vocabulary";
import { APPEAL_KINDS, APPEAL_RESULTS } from "../requests/ledger-records";

export const REPORT_FORMATS = ["GB2019", "GB2021"] as const;
export type ReportFormatKey = (typeof REPORT_FORMATS)[number];

/** A year picks its format: the 2019 trial format up to 2019, the 2021 format from 2020 (DESIGN §5). */
export function formatOfYear(year: number): ReportFormatKey {
  return year <= 2019 ? "GB2019" : "GB2021";
}

/**
 * What a table-二 cell holds: `count` a non-negative whole number, `change` a whole number that may
 * be negative (本年增/减), `decimal` a non-negative exact decimal kept as a string ("12.5", 万元).
 */
export type CellKind = "count" | "change" | "decimal";

export interface Table2Column {
  key: string;
  label: string;
  kind: CellKind;
}

export interface Table2Row {
  key: string;
  label: string;
  /**
   * Where the row's figures come from: `items` are counted from published items of that
   * 文件类型 (规章 / 行政规范性文件), each column key naming its metric; `entered` are the yearly
   * figures the office types in (行政许可 decisions, 收费 …).
   */
  source: { kind: "items"; documentType: "REGULATION" | "NORMATIVE" } | { kind: "entered" };
}

/** One block of table 二: 第二十条第（一）项 … with its own column heads. */
export interface Table2Block {
  title: string;
  columns: Table2Column[];
  rows: Table2Row[];
}

/**
 * A table-三 row. `labels` is the row's label path as the format prints it, outermost first
 * ("三、本年度办理结果" › "（三）不予公开" › "1.属于国家秘密"); renderers merge equal leading labels of
 * consecutive rows into one cell and widen the last label to the label area.
 * `role` is what the cross-checks and the computation read: `received` 一, `carried_over` 二, `leaf`
 * an outcome row counting `outcomes`, `total` （七）总计, `carried_forward` 四.
 */
export interface Table3Row {
  key: string;
  labels: string[];
  role: "received" | "carried_over" | "leaf" | "total" | "carried_forward";
  outcomes?: Outcome[];
}

export interface ReportSection {
  /** 一、总体情况 … as printed */
  title: string;
  content: { kind: "text"; key: SectionKey } | { kind: "table2" } | { kind: "table3" } | { kind: "table4" };
}

export const SECTION_KEYS = ["overview", "problems", "other"] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface ReportFormat {
  key: ReportFormatKey;
  /** The notice that set the format. */
  source: string;
  sections: ReportSection[];
  table2: { blocks: Table2Block[] };
  table3: {
    /** The format's own note on the 勾稽关系, printed in the table's corner. */
    note: string;
    /** Depth of the label area (三 › （三） › 1.). */
    labelDepth: number;
    rows: Table3Row[];
  };
  table4: typeof TABLE4;
}

/** The seven columns of table 三: 自然人, the five kinds of 法人或其他组织, 总计. */
export const TABLE3_COLUMNS = [...APPLICANT_TYPES, "total"] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];

export const TABLE3_HEADER = {
  applicant: "申请人情况",
  naturalPerson: APPLICANT_TYPE_LABELS.natural_person,
  organisations: "法人或其他组织",
  organisationTypes: APPLICANT_TYPES.filter((t) => t !== "natural_person").map((t) => ({ key: t, label: APPLICANT_TYPE_LABELS[t] })),
  total: "总计",
};

/** Table 四 is the same in both formats: three blocks of five cells. */
export const TABLE4 = {
  blocks: [
    { key: "review", group: "行政复议", label: "行政复议" },
    { key: "litigation_direct", group: "行政诉讼", label: "未经复议直接起诉" },
    { key: "litigation_after_review", group: "行政诉讼", label: "复议后起诉" },
  ] as const satisfies readonly { key: (typeof APPEAL_KINDS)[number]; group: string; label: string }[],
  columns: [
    { key: "upheld", label: "结果维持" },
    { key: "corrected", label: "结果纠正" },
    { key: "other", label: "其他结果" },
    { key: "pending", label: "尚未审结" },
    { key: "total", label: "总计" },
  ] as const satisfies readonly { key: (typeof APPEAL_RESULTS)[number] | "total"; label: string }[],
};
export type Table4Block = (typeof TABLE4.blocks)[number]["key"];
export type Table4Column = (typeof TABLE4.columns)[number]["key"];

const SECTIONS: ReportSection[] = [
  { title: "一、总体情况", content: { kind: "text", key: "overview" } },
  { title: "二、主动公开政府信息情况", content: { kind: "table2" } },
  { title: "三、收到和处理政府信息公开申请情况", content: { kind: "table3" } },
  { title: "四、政府信息公开行政复议、行政诉讼情况", content: { kind: "table4" } },
  { title: "五、存在的主要问题及改进情况", content: { kind: "text", key: "problems" } },
  { title: "六、其他需要报告的事项", content: { kind: "text", key: "other" } },
];

const RESULTS = "三、本年度办理结果";
const GROUP_LABEL = { denied: "（三）不予公开", unable: "（四）无法提供", not_processed: "（五）不予处理", other: "（六）其他处理" } as const;

/** The outcome rows of table 三; GB2019 folds the three （六） rows into one. */
function outcomeRows(foldOther: boolean): Table3Row[] {
  const rows: Table3Row[] = [];
  for (const key of OUTCOME_KEYS) {
    const { group, label } = OUTCOMES[key];
    if (group === "other" && foldOther) {
      if (!rows.some((r) => r.key === "other")) {
        rows.push({ key: "other", labels: [RESULTS, GROUP_LABEL.other], role: "leaf", outcomes: OUTCOME_KEYS.filter((k) => OUTCOMES[k].group === "other") });
      }
      continue;
    }
    const labels = group === "granted" || group === "partial" ? [RESULTS, label] : [RESULTS, GROUP_LABEL[group], label];
    rows.push({ key, labels, role: "leaf", outcomes: [key] });
  }
  return rows;
}

function table3Rows(foldOther: boolean): Table3Row[] {
  return [
    { key: "new_received", labels: ["一、本年新收政府信息公开申请数量"], role: "received" },
    { key: "carried_over", labels: ["二、上年结转政府信息公开申请数量"], role: "carried_over" },
    ...outcomeRows(foldOther),
    { key: "total_processed", labels: [RESULTS, "（七）总计"], role: "total" },
    { key: "carried_forward", labels: ["四、结转下年度继续办理"], role: "carried_forward" },
  ];
}

const TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

const count = (key: string, label: string): Table2Column => ({ key, label, kind: "count" });
const items = (documentType: "REGULATION" | "NORMATIVE") => ({ kind: "items" as const, documentType });
const entered = { kind: "entered" as const };

export const GB2021: ReportFormat = {
  key: "GB2021",
  source: "国办公开办函〔2021〕30号",
  sections: SECTIONS,
  table2: {
    blocks: [
      {
        title: "第二十条第（一）项",
        columns: [count("issued", "本年制发件数"), count("repealed", "本年废止件数"), count("in_force", "现行有效件数")],
        rows: [
          { key: "regulations", label: "规章", source: items("REGULATION") },
          { key: "normative_documents", label: "行政规范性文件", source: items("NORMATIVE") },
        ],
      },
      {
        title: "第二十条第（五）项",
        columns: [count("decisions", "本年处理决定数量")],
        rows: [{ key: "licensing", label: "行政许可", source: entered }],
      },
      {
        title: "第二十条第（六）项",
        columns: [count("decisions", "本年处理决定数量")],
        rows: [
          { key: "penalty", label: "行政处罚", source: entered },
          { key: "enforcement", label: "行政强制", source: entered },
        ],
      },
      {
        title: "第二十条第（八）项",
        columns: [{ key: "amount_wan_yuan", label: "本年收费金额（单位：万元）", kind: "decimal" }],
        rows: [{ key: "fees", label: "行政事业性收费", source: entered }],
      },
    ],
  },
  table3: { note: TABLE3_NOTE, labelDepth: 3, rows: table3Rows(false) },
  table4: TABLE4,
};

const inventory: Table2Column[] = [
  count("previous_year_items", "上一年项目数量"),
  { key: "change", label: "本年增/减", kind: "change" },
  count("decisions", "处理决定数量"),
];

export const GB2019: ReportFormat = {
  key: "GB2019",
  source: "国办公开办函〔2019〕60号",
  sections: SECTIONS,
  table2: {
    blocks: [
      {
        title: "第二十条第（一）项",
        columns: [count("new_made", "本年新制作数量"), count("new_published", "本年新公开数量"), count("total_published", "对外公开总数量")],
        rows: [
          { key: "regulations", label: "规章", source: items("REGULATION") },
          { key: "normative_documents", label: "规范性文件", source: items("NORMATIVE") },
        ],
      },
      {
        title: "第二十条第（五）项",
        columns: inventory,
        rows: [
          { key: "licensing", label: "行政许可", source: entered },
          { key: "other_services", label: "其他对外管理服务事项", source: entered },
        ],
      },
      {
        title: "第二十条第（六）项",
        columns: inventory,
        rows: [
          { key: "penalty", label: "行政处罚", source: entered },
          { key: "enforcement", label: "行政强制", source: entered },
        ],
      },
      {
        title: "第二十条第（八）项",
        columns: [count("previous_year_items", "上一年项目数量"), { key: "change", label: "本年增/减", kind: "change" }],
        rows: [{ key: "fees", label: "行政事业性收费", source: entered }],
      },
      {
        title: "第二十条第（九）项",
        columns: [count("projects", "采购项目数量"), { key: "amount", label: "采购总金额", kind: "decimal" }],
        rows: [{ key: "procurement", label: "政府集中采购", source: entered }],
      },
    ],
  },
  table3: { note: TABLE3_NOTE, labelDepth: 3, rows: table3Rows(true) },
  table4: TABLE4,
};

export const FORMATS: Record<ReportFormatKey, ReportFormat> = { GB2019, GB2021 };

export function formatFor(year: number): ReportFormat {
  return FORMATS[formatOfYear(year)];
}

/** The row-and-column pairs of table 二 in the format, for forms, checks and validation. */
export function table2Cells(format: ReportFormat): { block: Table2Block; row: Table2Row; column: Table2Column }[] {
  return format.table2.blocks.flatMap((block) => block.rows.flatMap((row) => block.columns.map((column) => ({ block, row, column }))));
}

/** The label head of the first column of every table-二 block. */
export const TABLE2_LABEL_HEAD = "信息内容";
