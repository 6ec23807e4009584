import { cachedResponse } from "@/lib/server/platform/public-cache";
import { jsonResponse } from "@/lib/server/platform/http";
import { limitApiRequest } from "@/lib/server/platform/rate-limit";
import { apiColumns } from "@/lib/server/public/api";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const limited = await limitApiRequest();
  if (limited) return limited;
  return cachedResponse(request, async () => jsonResponse(await apiColumns(await siteOrigin())));
}
