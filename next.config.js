// Security headers that do not depend on the request. The Content-Security-Policy carries a
// per-request nonce, so it is set in proxy.ts.
const isProd = process.env.NODE_ENV === "production";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Types are checked once for the whole project by `npm run typecheck` (part of `npm test` and CI),
  // not again inside every build.
  typescript: { ignoreBuildErrors: true },
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
      // A shared brief: its token is in the URL, so no Referer leaves with it; not for search engines; not cached.
      {
        source: "/share/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Cache-Control", value: "private, no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
