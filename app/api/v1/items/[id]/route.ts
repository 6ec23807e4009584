import { cachedResponse } from "@/lib/server/platform/public-cache";
import { jsonResponse } from "@/lib/server/platform/http";
import { limitApiRequest } from "@/lib/server/platform/rate-limit";
import { apiGetItem } from "@/lib/server/public/api";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const limited = await limitApiRequest();
  if (limited) return limited;
  const id = (await params).id;
  return cachedResponse(request, async () => {
    const result = await apiGetItem(id, await siteOrigin());
    return jsonResponse(result.body, result.status);
  });
}
