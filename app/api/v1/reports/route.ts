import { jsonResponse } from "@/lib/server/platform/http";
import { apiReportYears } from "@/lib/server/reports/api";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

export async function GET() {
  return jsonResponse(await apiReportYears(await siteOrigin()));
}
