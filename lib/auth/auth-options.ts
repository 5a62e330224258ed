import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";
import { messages } from "@/lib/i18n";
import { AuthError } from "./auth-error";
import { authorizeCredentials } from "./authorize-credentials";
import { oauthProviders } from "./oauth-providers";
import { resolveOAuthUser } from "./oauth-users";
import { isSessionRevoked, revokeSession, SESSION_MAX_AGE_S } from "./revoked-sessions";

/** Cookies get the `Secure` flag and `__Secure-` prefix when served over https. */
export const secureCookies = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");

/**
 * What the credentials provider's authorize() throws reaches the browser as
 * `signIn(...).error`. We send an error key, plus the retry time for rate
 * limits, and the sign-in form turns it into Korean (see sign-in-error.ts).
 */
function signInErrorCode(error: AuthError): string {
  return error.code === "rateLimited" && error.retryAt
    ? `rateLimited:${error.retryAt.getTime()}`
    : error.code;
}

export const authOptions: NextAuthOptions = {
  // NEXTAUTH_SECRET comes from the environment (npm start generates one into .data/secret).
  secret: process.env.NEXTAUTH_SECRET,
  useSecureCookies: secureCookies,
  // JWT sessions in an HTTP-only cookie: works across instances; the only table is that of
  // signed-out session ids (revoked-sessions.ts).
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  events: {
    // The token of the session being signed out: its id is recorded (revoked-sessions.ts).
    async signOut({ token }) {
      if (typeof token?.sid === "string") await revokeSession(token.sid);
    },
  },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: messages().auth.email,
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        try {
          return await authorizeCredentials(db(), credentials ?? {}, clientIp(req.headers ?? {}));
        } catch (error) {
          if (error instanceof AuthError) throw new Error(signInErrorCode(error));
          throw error;
        }
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ account, profile, user }) {
      if (!account || account.type === "credentials") return true;
      // Refuse (AccessDenied) when the email belongs to an unlinked local account.
      const local = await resolveOAuthUser(db(), {
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        email: user.email ?? (profile as { email?: string } | undefined)?.email,
        name: user.name,
      });
      return local !== null;
    },
    async jwt({ token, user, account }) {
      if (account && account.type !== "credentials") {
        const local = await resolveOAuthUser(db(), {
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: user?.email,
          name: user?.name,
        });
        token.sub = local?.id;
      } else if (user) {
        token.sub = user.id;
      }
      // A new sign-in starts a new session id; later calls carry the token's own.
      if (user) token.sid = randomUUID();
      if (typeof token.sid !== "string" || (await isSessionRevoked(token.sid))) {
        return { sub: undefined };
      }
      // Re-read the user so role changes and deletions apply on the next request.
      const current = token.sub
        ? await db().user.findUnique({
            where: { id: token.sub },
            select: { email: true, name: true, role: true },
          })
        : null;
      if (!current) return { sub: undefined };
      return { ...token, email: current.email, name: current.name, role: current.role };
    },
    async session({ session, token }) {
      if (token.sub && token.role && token.email) {
        session.user = {
          id: token.sub,
          email: token.email,
          name: token.name ?? "",
          role: token.role,
        };
      } else {
        delete session.user;
      }
      return session;
    },
  },
};
