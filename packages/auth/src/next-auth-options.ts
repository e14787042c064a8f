// The console's next-auth setup: credentials sign-in, JWT sessions carrying only the user id and session version.
import "./next-auth-types.ts";
import { getDb } from "@helpdesk/db";
import type { AuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { loadSessionUser } from "./authenticate.ts";
import { getAuthSecret } from "./secret.ts";
import { signIn } from "./sign-in.ts";
import { SESSION_MAX_AGE_SECONDS, toJwtClaims } from "./tokens.ts";

export interface AuthOptionsInput {
  /** Where a request came from, as the front door decided it: sign-in failures are counted per email and address. */
  clientAddress: (headers: Headers) => string;
}

export function createAuthOptions({ clientAddress }: AuthOptionsInput): AuthOptions {
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin" },
    providers: [
      Credentials({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          if (!credentials?.email || !credentials.password) return null;
          // next-auth hands over the request's headers as a plain object.
          const headers = new Headers(request?.headers as Record<string, string> | undefined);
          const result = await signIn(getDb(), credentials.email, credentials.password, clientAddress(headers));
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name, sv: result.user.sessionVersion };
          // next-auth turns a thrown error's message into the `error` query parameter of the sign-in page.
          throw new Error(result.reason === "rate_limited" ? "RateLimited" : "CredentialsSignin");
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (!user) return token;
        return { ...token, ...toJwtClaims({ userId: user.id, sessionVersion: user.sv ?? -1 }) };
      },
      // The session shown to the console is re-read from the database, never taken from the token.
      async session({ session, token }) {
        const claims = typeof token.sub === "string" && typeof token.sv === "number" ? { userId: token.sub, sessionVersion: token.sv } : null;
        const user = claims && (await loadSessionUser(getDb(), claims));
        return { ...session, user: user ? { id: user.id, email: user.email, name: user.name, role: user.role } : undefined };
      },
    },
  };
}
