import type { MetadataRoute } from "next";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

export default async function robots(): Promise<MetadataRoute.Robots> {
  const origin = await siteOrigin();
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/console", "/api/auth"] }],
    sitemap: `${origin}/sitemap.xml`,
  };
}
