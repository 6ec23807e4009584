import { createChallenge } from "@/lib/server/platform/challenge";

/** GET /apply/challenge: a fresh signed proof-of-work challenge for the 人机验证 widget. */
export async function GET() {
  return Response.json(await createChallenge(), { headers: { "Cache-Control": "no-store" } });
}
