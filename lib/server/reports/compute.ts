import "server-only";
/*
 * Table 二 (item rows), 三 and 四 and the section-一 statistics of a year, computed from records by
 * SQL aggregation (issue 9 §2). Entered rows of table 二 come back as zeros; the store merges the
 * office's figures.
 * CONTRACT (issue 9, lead): signature fixed; the report-compute helper implements it.
 */
import { formatFor } from "@/lib/domain/reports/formats";
import { emptyTables, type PublishingStatistics, type ReportData } from "@/lib/domain/reports/shape";
import { db, type DbOrTx } from "@/lib/server/platform/db";

export type ComputedYear = Pick<ReportData, "table2" | "table3" | "table4" | "statistics">;

export async function computeYear(year: number, client: DbOrTx = db()): Promise<ComputedYear> {
  void client;
  const statistics: PublishingStatistics = { items_published: 0, by_column: [], by_channel: [], fees_collected_yuan: 0 };
  return { ...emptyTables(formatFor(year)), statistics };
}
