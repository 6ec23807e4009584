import { cachedResponse } from "@/lib/server/platform/public-cache";
import { xmlResponse } from "@/lib/server/platform/http";
import { atomFeed } from "@/lib/server/public/feeds";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

/** Atom: the newest public items of every column. */
export async function GET(request: Request) {
  return cachedResponse(request, async () => xmlResponse((await atomFeed(await siteOrigin()))!, "application/atom+xml; charset=utf-8"));
}
