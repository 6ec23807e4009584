import { cachedResponse } from "@/lib/server/platform/public-cache";
import { xmlResponse } from "@/lib/server/platform/http";
import { atomFeed } from "@/lib/server/public/feeds";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

/** Atom: the newest public items of one column and its sub-columns. */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const code = (await params).code;
  return cachedResponse(request, async () => {
    const xml = /^[A-Za-z0-9_-]{1,64}$/.test(code) ? await atomFeed(await siteOrigin(), code) : null;
    if (!xml) return new Response("未找到该栏目。", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    return xmlResponse(xml, "application/atom+xml; charset=utf-8");
  });
}
