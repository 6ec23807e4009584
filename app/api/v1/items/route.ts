import { cachedResponse } from "@/lib/server/platform/public-cache";
import type { NextRequest } from "next/server";
import { jsonResponse } from "@/lib/server/platform/http";
import { limitApiRequest } from "@/lib/server/platform/rate-limit";
import { apiListItems } from "@/lib/server/public/api";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const limited = await limitApiRequest(request.nextUrl.searchParams);
  if (limited) return limited;
  return cachedResponse(request, async () => {
    const result = await apiListItems(request.nextUrl.searchParams, await siteOrigin());
    return jsonResponse(result.body, result.status);
  }, "all");
}
