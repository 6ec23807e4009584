import { reportJsonSchema } from "@/lib/domain/reports/shape";
import { jsonResponse } from "@/lib/server/platform/http";

export const dynamic = "force-static";

export function GET() {
  return jsonResponse(reportJsonSchema());
}
