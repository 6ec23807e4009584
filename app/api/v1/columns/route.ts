import { jsonResponse } from "@/lib/server/platform/http";
import { apiColumns } from "@/lib/server/public/api";
import { siteOrigin } from "@/lib/server/public/site";

export const dynamic = "force-dynamic";

export async function GET() {
  return jsonResponse(await apiColumns(await siteOrigin()));
}
