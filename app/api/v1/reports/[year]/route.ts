import { jsonResponse } from "@/lib/server/platform/http";
import { limitApiRequest } from "@/lib/server/platform/rate-limit";
import { apiReport } from "@/lib/server/reports/api";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ year: string }> }) {
  const limited = await limitApiRequest();
  if (limited) return limited;
  const result = await apiReport((await params).year, new URL(request.url).searchParams.get("version"));
  return jsonResponse(result.body, result.status);
}
