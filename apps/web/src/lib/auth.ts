import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { ZSignInInput } from "@homeport/core/identity/schemas";
import { SESSION_ABSOLUTE_MS } from "@homeport/core/identity/session-policy";
import { signIn } from "@homeport/core/identity/sign-in";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { readWebEnv } from "@/env";
import { contextFromHeaders } from "./request-context.ts";

declare module "next-auth" {
  interface User {
    sessionId: string;
  }
}

const secureCookies = (readWebEnv().NEXTAUTH_URL ?? "").startsWith("https://");
const cookiePrefix = secureCookies ? "__Secure-" : "";

/**
 * next-auth keeps only a device-session id in its JWT; every request checks that row (lib/session.ts),
 * so signing a device out takes effect on its next request. The same credentials provider serves a
 * step-up (password, and code with 2FA, again), which issues a new session id and ends the old one.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
  pages: { signIn: "/login", error: "/login" },
  useSecureCookies: secureCookies,
  cookies: {
    sessionToken: {
      name: `${cookiePrefix}homeport.session`,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies },
    },
    csrfToken: {
      name: `${secureCookies ? "__Host-" : ""}homeport.csrf`,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies },
    },
    callbackUrl: {
      name: `${cookiePrefix}homeport.callback`,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies },
    },
  },
  providers: [
    CredentialsProvider({
      name: "password",
      credentials: {
        email: { type: "email" },
        password: { type: "password" },
        code: { type: "text" },
        replacesSessionId: { type: "text" },
      },
      async authorize(credentials, req) {
        const parsed = ZSignInInput.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "generic");
        try {
          const result = await signIn(coreContext(), parsed.data, contextFromHeaders(req.headers ?? {}));
          return { id: result.userId, sessionId: result.sessionId };
        } catch (error) {
          if (error instanceof IdentityError) {
            // The sign-in page says why a locked account is locked: the reason key travels with the code.
            const reason = error.code === "ACCOUNT_LOCKED" ? error.detail?.reason : undefined;
            throw new Error(reason ? `${error.code}:${reason}` : error.code, { cause: error });
          }
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // next-auth's own redirect throws (a 500) on a callbackUrl that is not a URL; anything that does
    // not resolve to this site goes home. `href` percent-encodes what a Location header cannot carry.
    redirect({ url, baseUrl }) {
      if (typeof url !== "string" || !URL.canParse(url, baseUrl)) return baseUrl;
      const target = new URL(url, baseUrl);
      return target.origin === new URL(baseUrl).origin ? target.href : baseUrl;
    },
    jwt({ token, user }) {
      if (user) token.sid = user.sessionId;
      return token;
    },
    session({ session, token }) {
      return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
    },
  },
};

/** What next-auth accepts as a callbackUrl (it answers a 500 for anything else): a path or an http(s) URL. */
export function isCallbackUrl(value: string, origin: string): boolean {
  const base = value.startsWith("/") ? origin : undefined;
  return URL.canParse(value, base) && /^https?:$/.test(new URL(value, base).protocol);
}

export const SESSION_COOKIES = [authOptions.cookies!.sessionToken!.name, authOptions.cookies!.callbackUrl!.name];
