import { cachedResponse } from "@/lib/server/platform/public-cache";
import { xmlResponse } from "@/lib/server/platform/http";
import { sitemapFile } from "@/lib/server/public/feeds";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

/** /sitemaps/{n}.xml, the files /sitemap.xml lists once the site outgrows one file. */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const m = /^(\d{1,4})\.xml$/.exec((await params).file);
  return cachedResponse(request, async () => {
    const xml = m ? await sitemapFile(await siteOrigin(), Number(m[1])) : null;
    if (!xml) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    return xmlResponse(xml);
  });
}
