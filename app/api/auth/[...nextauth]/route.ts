import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authRequestProblem } from "@/lib/domain/edge";
import { siteUrl } from "@/lib/env";
import { authOptions } from "@/lib/server/platform/auth";

type Context = { params: Promise<{ nextauth: string[] }> };

/** next-auth's callback-URL cookie, under both of its names (secure cookies on https). */
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

async function handler(req: NextRequest, context: Context) {
  // Zero 500s on bad input (issue 10 §7): what next-auth cannot read is a 400 here, not its 500.
  const json = req.method === "POST" && (req.headers.get("content-type") ?? "").includes("application/json");
  const problem = authRequestProblem(
    {
      callbackUrls: [req.nextUrl.searchParams.get("callbackUrl"), ...CALLBACK_COOKIES.map((name) => req.cookies.get(name)?.value)],
      jsonBody: json ? await req.clone().text() : undefined,
    },
    siteUrl(),
  );
  if (problem) return Response.json({ error: problem }, { status: 400, headers: { "Cache-Control": "no-store" } });
  return NextAuth(req as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
