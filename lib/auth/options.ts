import type { AuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/services/errors";
import { recordSecurityEvent } from "@/lib/services/security/log";
import { findOrCreateOidcUser } from "@/lib/services/users/oidc-user";
import { confirmEmail, VERIFY_LINK_DEAD } from "@/lib/services/users/sign-up";
import { verifyCredentials } from "@/lib/services/users/verify-credentials";
import { safeCallbackPath } from "./redirect";
import { createSession, endSession, sessionLimits } from "./sessions";
import { clientAddress } from "./client-address";

interface OidcClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/** Single sign-on through any OpenID Connect provider, when OIDC_ISSUER and its client are configured. */
export function oidcConfig() {
  const issuer = process.env.OIDC_ISSUER?.replace(/\/$/, "");
  const clientId = process.env.OIDC_CLIENT_ID;
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: process.env.OIDC_NAME ?? "Single sign-on" };
}

function oidcProvider(): OAuthConfig<OidcClaims> | null {
  const cfg = oidcConfig();
  if (!cfg) return null;
  return {
    id: "oidc",
    name: cfg.name,
    type: "oauth",
    wellKnown: `${cfg.issuer}/.well-known/openid-configuration`,
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    // The e-mail, e-mail-verified and name claims are read from the ID token, as Entra ID, Okta,
    // Google and Keycloak issue them for the "email profile" scopes.
    idToken: true,
    checks: ["pkce", "state"],
    profile: (claims) => ({ id: claims.sub, email: claims.email ?? null, name: claims.name ?? claims.email ?? null }),
  };
}

export const authOptions: AuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: sessionLimits().maxAgeSeconds },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) throw new Error("Enter your e-mail and password.");
        try {
          const user = await verifyCredentials(await getDb(), {
            email: credentials.email,
            password: credentials.password,
            ip: clientAddress(req?.headers as Record<string, unknown> | undefined),
          });
          return { id: user.id, email: user.email, name: user.name };
        } catch (e) {
          // next-auth hands the message of a thrown Error to the sign-in form; only ours are safe to show.
          if (e instanceof DomainError) throw new Error(e.message);
          console.error("sign-in failed unexpectedly", e);
          throw new Error("Sign-in is unavailable right now. Try again in a moment.");
        }
      },
    }),
    // The link mailed at sign-up: opening it confirms the address and signs in (lib/services/users/sign-up.ts).
    CredentialsProvider({
      id: "email-link",
      name: "E-mail link",
      credentials: { token: { label: "Token", type: "text" } },
      async authorize(credentials) {
        if (!credentials?.token) throw new Error(VERIFY_LINK_DEAD);
        try {
          return await confirmEmail(await getDb(), credentials.token);
        } catch (e) {
          if (e instanceof DomainError) throw new Error(e.message);
          console.error("e-mail confirmation failed unexpectedly", e);
          throw new Error("Sign-in is unavailable right now. Try again in a moment.");
        }
      },
    }),
    ...(oidcProvider() ? [oidcProvider()!] : []),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      const claims = profile as OidcClaims | undefined;
      if (!claims?.sub) return false;
      try {
        const user = await findOrCreateOidcUser(await getDb(), {
          issuer: oidcConfig()!.issuer,
          subject: claims.sub,
          email: claims.email,
          emailVerified: claims.email_verified,
          name: claims.name,
        });
        // Carried to the jwt callback through the account object of this sign-in.
        account.userId = user.id;
        await recordSecurityEvent(await getDb(), { kind: "sign_in", userId: user.id, email: user.email, detail: "through single sign-on" });
        return true;
      } catch (e) {
        if (!(e instanceof DomainError)) console.error("single sign-on failed unexpectedly", e);
        return false;
      }
    },
    async jwt({ token, user, account }) {
      const signedIn = account?.provider === "oidc" && account.userId ? account.userId : user ? user.id : null;
      if (signedIn) {
        token.uid = signedIn;
        // A fresh sign-in opens a session row; the cookie is only good while that row lives.
        token.sid = await createSession(await getDb(), signedIn);
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sid === "string") session.sid = token.sid;
      return session;
    },
    async redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
    },
  },
  events: {
    async signOut({ token }) {
      await endSession(await getDb(), typeof token?.sid === "string" ? token.sid : undefined);
    },
  },
};
