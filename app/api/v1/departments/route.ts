import { jsonResponse } from "@/lib/server/platform/http";
import { limitApiRequest } from "@/lib/server/platform/rate-limit";
import { apiDepartments } from "@/lib/server/public/api";

export const dynamic = "force-dynamic";

export async function GET() {
  const limited = await limitApiRequest();
  if (limited) return limited;
  return jsonResponse(await apiDepartments());
}
