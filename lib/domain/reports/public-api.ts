/*
 * The annual-report part of the public JSON API (/api/v1/reports): the list of years. A year's
 * report itself is the ReportData shape (shape.ts), served as it was frozen.
 */
import { z } from "zod";
import { REPORT_FORMATS } from "./formats";

export const apiReportYearSchema = z.object({
  year: z.number().int(),
  format: z.enum(REPORT_FORMATS),
  status: z.enum(["published", "imported"]).meta({ description: "published：本系统发布；imported：往年已公布数据的导入" }),
  publishedAt: z.iso.datetime().nullable(),
  url: z.string().meta({ description: "该年度报告 JSON 的地址" }),
  page: z.string().meta({ description: "该年度报告网页的地址" }),
});
export const apiReportYearListSchema = z.object({ reports: z.array(apiReportYearSchema) });
export type ApiReportYearList = z.infer<typeof apiReportYearListSchema>;

/** One year of the year-over-year comparison (issue 9 §10). */
export interface YearFigures {
  year: number;
  /** 表三 一、本年新收 总计 */
  received: number;
  /** 表三 （七）总计 总计 */
  processed: number;
  /** 表四 the three 总计 together */
  appeals: number;
  /** Items published in the year; null when the year's report does not say (an imported one). */
  itemsPublished: number | null;
}
