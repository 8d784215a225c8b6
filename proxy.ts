import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent } from "next/server";
import { contentSecurityPolicy, LOCKED_DOWN_CSP } from "@/lib/http/csp";
import {
  crossSiteReason,
  declaredLength,
  exceedsLimit,
  isStateChanging,
  PROXY_BODY_LIMIT_BYTES,
  SERVER_ACTION_BODY_LIMIT_BYTES,
  tooLargeMessage,
} from "@/lib/http/request-guard";

// Paths anyone may open; everything else needs a session (pages check again on the server).
const PUBLIC = [/^\/$/, /^\/signin/, /^\/signup/, /^\/forgot$/, /^\/reset\//, /^\/verify\//, /^\/invite\//, /^\/share\//, /^\/calendar\//, /^\/unsubscribe\//, /^\/api\/unsubscribe\//, /^\/api\/auth\//, /^\/api\/health$/];

const requireSession = withAuth({
  pages: { signIn: "/signin" },
  callbacks: {
    authorized: ({ req, token }) => Boolean(token) || PUBLIC.some((p) => p.test(req.nextUrl.pathname)),
  },
});

// Plain text, exactly `text/plain`: Next's client shows such a body as the failed action's message.
function refuse(status: 403 | 413, message: string): NextResponse {
  return new NextResponse(message, {
    status,
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store", "Content-Security-Policy": LOCKED_DOWN_CSP },
  });
}

/** What Next's action handler takes for a server action (next/dist/server/lib/server-action-request-meta). */
function isServerAction(req: NextRequestWithAuth): boolean {
  if (req.method !== "POST" || req.nextUrl.pathname.startsWith("/api/")) return false;
  const type = req.headers.get("content-type") ?? "";
  return req.headers.has("next-action") || type.startsWith("multipart/form-data") || type === "application/x-www-form-urlencoded";
}

/** 403 for a cross-site state-changing request, 413 for a body over its limit, else null. */
async function refusal(req: NextRequestWithAuth): Promise<NextResponse | null> {
  if (!isStateChanging(req.method)) return null;
  // An identity provider may post its answer back (response_mode=form_post) from its own site;
  // next-auth checks that answer's state and PKCE itself.
  if (req.nextUrl.pathname.startsWith("/api/auth/callback/")) return null;
  const reason = crossSiteReason(req.headers);
  if (reason) {
    console.warn(`refused a cross-site ${req.method} ${req.nextUrl.pathname}: ${reason}`);
    return refuse(403, "This request did not come from the workbench's own pages, so it was refused.");
  }
  const limit = isServerAction(req) ? SERVER_ACTION_BODY_LIMIT_BYTES : PROXY_BODY_LIMIT_BYTES;
  const declared = declaredLength(req.headers);
  if (declared !== null) return declared > limit ? refuse(413, tooLargeMessage(limit)) : null;
  // A chunked body declares no length: count it. The proxy reads its own copy (Next buffers the
  // body for it), so the handler still receives every byte. Beyond the proxy's buffer a body can
  // only be told apart from a truncated one for server actions, whose limit is lower.
  if (req.body && limit === SERVER_ACTION_BODY_LIMIT_BYTES && (await exceedsLimit(req.body, limit))) return refuse(413, tooLargeMessage(limit));
  return null;
}

export default async function proxy(req: NextRequestWithAuth, event: NextFetchEvent) {
  const refused = await refusal(req);
  if (refused) return refused;
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
  // the membership, the Origin and the body's size themselves (app/api/w/_lib/route-kit.ts). The REST
  // API under /api/v1/ authenticates by bearer token and limits its bodies itself (lib/api/v1/router.ts). Static
  // files need no nonce. next.config.js gives every path left out here its security headers, the
  // CSP included: keep the two lists the same.
  matcher: ["/((?!_next/static/|_next/image$|favicon\\.ico$|api/w/|api/v1/).*)"],
};
