import { xmlResponse } from "@/lib/server/platform/http";
import { sitemapRoot } from "@/lib/server/public/feeds";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

export async function GET() {
  return xmlResponse(await sitemapRoot(await siteOrigin()));
}
