import { jsonResponse } from "@/lib/server/platform/http";
import { limitApiRequest } from "@/lib/server/platform/rate-limit";
import { apiColumns } from "@/lib/server/public/api";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

export async function GET() {
  const limited = await limitApiRequest();
  if (limited) return limited;
  return jsonResponse(await apiColumns(await siteOrigin()));
}
