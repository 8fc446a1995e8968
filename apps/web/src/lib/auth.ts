import { IdentityError } from "@homeport/core/identity/errors";
import { ZSignInInput } from "@homeport/core/identity/schemas";
import { SESSION_ABSOLUTE_MS } from "@homeport/core/identity/session-policy";
import { signInWithPassword } from "@homeport/core/identity/sign-in-with-password";
import { getDb } from "@homeport/core/runtime/db";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { contextFromHeaders } from "./request-context.ts";

declare module "next-auth" {
  interface User {
    sessionId: string;
  }
}

/**
 * next-auth keeps only a device-session id in its JWT; every request checks that row (lib/session.ts),
 * so signing a device out takes effect on its next request.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = ZSignInInput.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "generic");
        try {
          const result = await signInWithPassword(getDb(), parsed.data, contextFromHeaders(req.headers ?? {}));
          return { id: result.userId, sessionId: result.sessionId };
        } catch (error) {
          if (error instanceof IdentityError) throw new Error(error.code, { cause: error });
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sid = user.sessionId;
      return token;
    },
    session({ session, token }) {
      return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
    },
  },
};
