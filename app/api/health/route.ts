import { livenessResponse } from "@/lib/server/platform/health";

/** Liveness: the process answers. Never touches the database (lib/server/platform/health.ts). */
export const dynamic = "force-dynamic";

export function GET() {
  return livenessResponse();
}
