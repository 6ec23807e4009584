import { jsonResponse } from "@/lib/server/platform/http";
import { apiDepartments } from "@/lib/server/public/api";

export const dynamic = "force-dynamic";

export async function GET() {
  return jsonResponse(await apiDepartments());
}
