import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getServerSession, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret, env, secureCookies } from "@/lib/env";
import { LOCKED_ERROR_PREFIX } from "@/lib/domain/lockout";
import type { Actor } from "./actor";
import { authenticate, endSession, resolveSession } from "./sessions";

/**
 * The only module that talks to next-auth. The signed JWT carries nothing but a random session
 * id; who the user is and whether the session still stands is read from the database on every
 * request (resolveSession), because a bare JWT cannot be revoked.
 */
declare module "next-auth" {
  interface User {
    sid?: string;
  }
  interface Session {
    sid?: string;
  }
}

export function authOptions(): NextAuthOptions {
  const maxAge = env().SESSION_ABSOLUTE_HOURS * 3600;
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    useSecureCookies: secureCookies(),
    pages: { signIn: "/console/login", error: "/console/login" },
    providers: [
      CredentialsProvider({
        name: "密码登录",
        credentials: { username: { type: "text" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const username = String(credentials?.username ?? "").trim().slice(0, 64);
          const password = String(credentials?.password ?? "").slice(0, 256);
          if (!username || !password) return null;
          const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
          const ip = headers["x-forwarded-for"]?.split(",")[0]?.trim() || null;
          const result = await authenticate(username, password, { ip, userAgent: headers["user-agent"]?.slice(0, 300) ?? null });
          // next-auth hands a thrown message to the form as its error code; null is a plain failure.
          if (!result.ok && result.lockedUntil) throw new Error(`${LOCKED_ERROR_PREFIX}${result.lockedUntil.getTime()}`);
          return result.ok ? { id: result.userId, name: result.displayName, sid: result.sessionId } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.sid) token.sid = user.sid;
        return token;
      },
      session({ session, token }) {
        return { expires: session.expires, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
  };
}

/** The signed-in staff member for this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  return session?.sid ? resolveSession(session.sid) : null;
});

/** For console pages and actions: the actor, or a redirect to the login page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/console/login");
  return actor;
}
