import { cachedResponse } from "@/lib/server/platform/public-cache";
import { jsonResponse } from "@/lib/server/platform/http";
import { limitApiRequest } from "@/lib/server/platform/rate-limit";
import { apiReport } from "@/lib/server/reports/api";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ year: string }> }) {
  const limited = await limitApiRequest();
  if (limited) return limited;
  const year = (await params).year;
  return cachedResponse(request, async () => {
    const result = await apiReport(year, new URL(request.url).searchParams.get("version"));
    return jsonResponse(result.body, result.status);
  }, ["version"]);
}
