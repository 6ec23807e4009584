import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { NextAuthOptions } from "next-auth";
import { getToken } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret, env, secureCookies } from "@/lib/env";
import { LOCKED_ERROR_PREFIX } from "@/lib/domain/lockout";
import { DUTY_PATHS, TOTP_REQUIRED_ERROR, type AccountDuty } from "@/lib/domain/second-factor";
import { pendingDuty } from "@/lib/server/account/standing";
import type { Actor } from "./actor";
import { audit } from "./audit";
import { enforceLoginRateLimit, refundLoginRateLimit } from "./rate-limit";
import { clientAddressOf } from "./request-context";
import { log } from "./log";
import { authenticate, endSession, resolveSession } from "./sessions";

/** The first `n` characters, never half of one: a cut UTF-16 surrogate cannot be stored (audit, jsonb). */
const clip = (text: string, n: number) => Array.from(text).slice(0, n).join("");

/**
 * The only module that talks to next-auth. The signed JWT carries nothing but a random session
 * id; who the user is and whether the session still stands is read from the database on every
 * request (resolveSession), because a bare JWT cannot be revoked.
 *
 * The session id is a bearer secret: it lives only inside the encrypted, HttpOnly cookie and is
 * read on the server from there (sessionIdFromCookies). The session object next-auth hands to page
 * scripts (/api/auth/session, useSession) carries nothing but its expiry — an XSS must not be able
 * to lift it (issue 10).
 */
declare module "next-auth" {
  interface User {
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
        credentials: { username: { type: "text" }, password: { type: "password" }, totp: { type: "text" } },
        async authorize(credentials, req) {
          await enforceLoginRateLimit(credentials, req);
          const username = clip(String(credentials?.username ?? "").trim(), 64);
          const password = clip(String(credentials?.password ?? ""), 256);
          const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
          const ip = clientAddressOf({ get: (name) => headers[name] });
          const meta = { ip, userAgent: clip(headers["user-agent"] ?? "", 300) || null };
          let result: Awaited<ReturnType<typeof authenticate>>;
          try {
            // An empty name or password is a failed login too, and on the record like any other.
            if (!username || !password) return await audit(null, { actorName: username || undefined, action: "auth.login", entity: "User", result: "FAILURE", detail: { why: "empty" }, meta }).then(() => null);
            result = await authenticate(username, password, meta, new Date(), clip(String(credentials?.totp ?? ""), 64));
          } catch (error) {
            // next-auth puts a thrown message into the login page's URL: a database error's text
            // (SQL state, query, host) must not reach the browser. Logged; the form says "failed".
            log.error({ err: error }, "login failed with an error");
            return null;
          }
          // next-auth hands a thrown message to the form as its error code; null is a plain failure.
          if (!result.ok && result.lockedUntil) throw new Error(`${LOCKED_ERROR_PREFIX}${result.lockedUntil.getTime()}`);
          if (!result.ok && result.secondFactorRequired) throw new Error(TOTP_REQUIRED_ERROR);
          return result.ok ? { id: result.userId, name: result.displayName, sid: result.sessionId } : null;
        },
      }),
    ],
    callbacks: {
      // A successful login gives back what the login rate limits counted (only failures build up).
      async signIn({ credentials }) {
        await refundLoginRateLimit(credentials);
        return true;
      },
      jwt({ token, user }) {
        if (user?.sid) token.sid = user.sid;
        return token;
      },
      // What /api/auth/session answers to page scripts: no session id, no name (the console has them).
      session({ session }) {
        return { expires: session.expires };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
  };
}

type CookieJar = { getAll(): { name: string; value: string }[] };

/**
 * The session id inside the request's next-auth cookie (decrypted and its expiry checked by
 * next-auth), or null. The cookie only: no `Authorization: Bearer` token is honoured.
 */
export async function sessionIdFromCookies(jar: CookieJar): Promise<string | null> {
  const token = await getToken({ req: { cookies: jar, headers: new Headers() } as never, secret: authSecret(), secureCookie: secureCookies() });
  return typeof token?.sid === "string" ? token.sid : null;
}

/**
 * The signed-in user and what they must do first (change a one-time or expired password, enrol
 * 动态口令), or null. Cached per request.
 */
export const getSignedIn = cache(async (): Promise<{ actor: Actor; duty: AccountDuty | null } | null> => {
  const sid = await sessionIdFromCookies(await cookies());
  const actor = sid ? await resolveSession(sid) : null;
  return actor ? { actor, duty: await pendingDuty(actor.id) } : null;
});

/**
 * The signed-in staff member for this request, or null — also null while they owe a password
 * change or an enrolment, so no route handler serves them either. Cached per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const signedIn = await getSignedIn();
  return signedIn && !signedIn.duty ? signedIn.actor : null;
});

/**
 * For console pages and actions: the actor, or a redirect to the login page — or, server-side, to
 * the page of the duty they owe, so no other page renders and no other action runs until it is done.
 */
export async function requireActor(): Promise<Actor> {
  const signedIn = await getSignedIn();
  if (!signedIn) redirect("/console/login");
  if (signedIn.duty) redirect(DUTY_PATHS[signedIn.duty]);
  return signedIn.actor;
}

/**
 * For the account pages themselves (/console/account/*): the actor, while they owe nothing or
 * owe exactly what this page does; another duty comes first (the password before enrolment).
 */
export async function requireAccountActor(page: AccountDuty): Promise<Actor> {
  const signedIn = await getSignedIn();
  if (!signedIn) redirect("/console/login");
  if (signedIn.duty && signedIn.duty !== page) redirect(DUTY_PATHS[signedIn.duty]);
  return signedIn.actor;
}
