// Content-Security-Policy of the app. Pages get a per-request nonce from proxy.ts; answers the proxy
// does not see (workspace route handlers, downloads, static files and their 404s) get
// LOCKED_DOWN_CSP from next.config.js, which cannot import TypeScript and so repeats the string
// (tests/unit/request-guard.test.ts checks that the two agree).

export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Style elements need the nonce (the build emits none: its CSS comes as files). Style
    // attributes cannot carry a nonce, and the charts (recharts) render inline style attributes on
    // the server (`style="width:100%;height:100%"`), so they stay allowed, on attributes only. In
    // development Next injects <style> elements for hot reloading without a nonce, and a nonce in
    // the list would make browsers ignore 'unsafe-inline'.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    ...(dev ? [] : ["style-src-attr 'unsafe-inline'"]),
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** The policy of every answer that is not a page: nothing may load, nothing may frame it. */
export const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
