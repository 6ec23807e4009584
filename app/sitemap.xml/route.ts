import { cachedResponse } from "@/lib/server/platform/public-cache";
import { xmlResponse } from "@/lib/server/platform/http";
import { sitemapRoot } from "@/lib/server/public/feeds";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return cachedResponse(request, async () => xmlResponse(await sitemapRoot(await siteOrigin())));
}
