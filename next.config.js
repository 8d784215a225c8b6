// Security headers that do not depend on the request. A page's Content-Security-Policy carries a
// per-request nonce, so it is set in proxy.ts; the paths the proxy leaves out (its matcher) get the
// locked-down policy below instead. Both strings live in lib/http/csp.ts too, which this file cannot
// import; tests/unit/request-guard.test.ts checks that they agree.
const isProd = process.env.NODE_ENV === "production";

/** lib/http/csp.ts LOCKED_DOWN_CSP */
export const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** lib/http/request-guard.ts SERVER_ACTION_BODY_LIMIT_BYTES: proxy.ts answers 413 above it, before Next would answer 500. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/** The paths proxy.ts does not see (its matcher), each with the policy of an answer that is not a page. */
export const UNPROXIED_SOURCES = ["/api/w/:path*", "/api/v1/:path*", "/_next/static/:path*", "/_next/image", "/favicon.ico"];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Types are checked once for the whole project by `npm run typecheck` (part of `npm test` and CI),
  // not again inside every build.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES },
  },
  // PGlite ships WebAssembly and data files it loads from its own package folder at run time; pdfkit
  // reads its font metrics the same way. Document writers stay plain Node modules.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pdfkit", "pptxgenjs", "exceljs", "pg-boss"],
  async headers() {
    const headers = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ];
    if (isProd && process.env.NEXTAUTH_URL?.startsWith("https://")) {
      headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
    }
    return [
      { source: "/:path*", headers },
      ...UNPROXIED_SOURCES.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: LOCKED_DOWN_CSP }] })),
      // A shared brief: its token is in the URL, so no Referer leaves with it; not for search engines; not cached.
      {
        source: "/share/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Cache-Control", value: "private, no-store" },
        ],
      },
      // An alert e-mail's unsubscribe link: the same, its token being in the URL, except that its
      // page's form posts to its own origin ("no-referrer" would make the browser send Origin: null,
      // which the cross-site check refuses), so the Referer goes to the app itself only.
      ...["/unsubscribe/:path*", "/api/unsubscribe/:path*"].map((source) => ({
        source,
        headers: [
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Cache-Control", value: "private, no-store" },
        ],
      })),
    ];
  },
};

export default nextConfig;
