import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent } from "next/server";

// Paths anyone may open; everything else needs a session (pages check again on the server).
const PUBLIC = [/^\/$/, /^\/signin/, /^\/signup/, /^\/invite\//, /^\/share\//, /^\/api\/auth\//, /^\/api\/health$/];

const requireSession = withAuth({
  pages: { signIn: "/signin" },
  callbacks: {
    authorized: ({ req, token }) => Boolean(token) || PUBLIC.some((p) => p.test(req.nextUrl.pathname)),
  },
});

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

export default async function proxy(req: NextRequestWithAuth, event: NextFetchEvent) {
  // withAuth answers with a redirect to sign-in when a session is needed and missing; otherwise nothing.
  const denied = await requireSession(req, event);
  if (denied) return denied;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

export const config = {
  // /api/w/… (workspace route handlers, e.g. usage-file uploads) is left out: a proxy makes Next
  // clone and buffer the request body, truncating it beyond 10 MB. Those handlers check the session,
  // the membership and the Origin themselves (app/api/w/_lib/route-kit.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/w/).*)"],
};
