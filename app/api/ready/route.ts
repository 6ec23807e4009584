import { readinessResponse, sharedReadiness } from "@/lib/server/platform/health";

/** Readiness: the database answers and every shipped migration is applied; 503 otherwise. */
export const dynamic = "force-dynamic";

export async function GET() {
  return readinessResponse(await sharedReadiness());
}
