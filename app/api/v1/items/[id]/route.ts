import { jsonResponse } from "@/lib/server/platform/http";
import { limitApiRequest } from "@/lib/server/platform/rate-limit";
import { apiGetItem } from "@/lib/server/public/api";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

export async function GET(_: Request, { params }: { params: Promise<{ id: string }> }) {
  const limited = await limitApiRequest();
  if (limited) return limited;
  const result = await apiGetItem((await params).id, await siteOrigin());
  return jsonResponse(result.body, result.status);
}
