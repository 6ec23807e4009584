import { openApiDocument } from "@/lib/domain/openapi";
import { env } from "@/lib/env";
import { jsonResponse } from "@/lib/server/platform/http";
import { limitApiRequest } from "@/lib/server/platform/rate-limit";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

export async function GET() {
  const limited = await limitApiRequest();
  if (limited) return limited;
  return jsonResponse(openApiDocument({ origin: await siteOrigin(), bureau: env().BUREAU_NAME }));
}
