import { describe, expect, it } from "vitest";
import type { NextConfig } from "next";
// @ts-expect-error next.config.js is plain JavaScript (Next reads it without TypeScript), so it has no types
import * as configModule from "@/next.config.js";
import { config as proxyConfig } from "@/proxy";
import { contentSecurityPolicy, LOCKED_DOWN_CSP } from "@/lib/http/csp";
import { crossSiteReason, declaredLength, exceedsLimit, formatBytes, isStateChanging, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/http/request-guard";

const { default: nextConfig, LOCKED_DOWN_CSP: CONFIG_CSP, SERVER_ACTION_BODY_LIMIT_BYTES: CONFIG_LIMIT, UNPROXIED_SOURCES } = configModule as {
  default: NextConfig;
  LOCKED_DOWN_CSP: string;
  SERVER_ACTION_BODY_LIMIT_BYTES: number;
  UNPROXIED_SOURCES: string[];
};

const h = (init: Record<string, string>) => new Headers(init);

describe("crossSiteReason", () => {
  it.each([
    ["same origin", { host: "app.test", origin: "http://app.test" }],
    ["same origin with a port", { host: "localhost:3300", origin: "http://localhost:3300", "sec-fetch-site": "same-origin" }],
    ["typed in the address bar", { host: "app.test", "sec-fetch-site": "none" }],
    ["no browser headers at all (a script with its own cookie)", { host: "app.test" }],
    ["behind a proxy: x-forwarded-host first", { host: "10.0.0.5:3000", "x-forwarded-host": "app.test", origin: "https://app.test" }],
    ["host names compare ignoring case", { host: "App.Test", origin: "http://app.test" }],
  ])("lets %s through", (_what, headers) => {
    expect(crossSiteReason(h(headers))).toBeNull();
  });

  it.each([
    ["another origin", { host: "app.test", origin: "http://evil.test" }, "the Origin evil.test is not app.test"],
    ["another port", { host: "localhost:3300", origin: "http://localhost:3999" }, "the Origin localhost:3999 is not localhost:3300"],
    ["no Origin but Sec-Fetch-Site: cross-site", { host: "app.test", "sec-fetch-site": "cross-site" }, "Sec-Fetch-Site is cross-site"],
    ["a sibling subdomain (same-site)", { host: "app.test", origin: "http://app.test", "sec-fetch-site": "same-site" }, "Sec-Fetch-Site is same-site"],
    ["an opaque Origin (sandboxed frame, data: URL)", { host: "app.test", origin: "null" }, "the Origin is opaque (null)"],
    ["an Origin that is not a URL", { host: "app.test", origin: "::::" }, "the Origin is not a URL"],
    ["an Origin and no host to compare", { origin: "http://app.test" }, "the request names no host to compare the Origin with"],
  ])("refuses %s", (_what, headers, reason) => {
    expect(crossSiteReason(h(headers))).toBe(reason);
  });

  it("checks only methods that can change state", () => {
    expect(["GET", "HEAD", "OPTIONS"].map(isStateChanging)).toEqual([false, false, false]);
    expect(["POST", "PUT", "PATCH", "DELETE"].map(isStateChanging)).toEqual([true, true, true, true]);
  });
});

describe("body sizes", () => {
  it("reads a declared length, and none for a chunked body or a malformed header", () => {
    expect(declaredLength(h({ "content-length": "1048577" }))).toBe(1048577);
    expect(declaredLength(h({ "content-length": "0" }))).toBe(0);
    expect(declaredLength(h({ "transfer-encoding": "chunked" }))).toBeNull();
    expect(declaredLength(h({ "content-length": "-1" }))).toBeNull();
    expect(declaredLength(h({ "content-length": "12abc" }))).toBeNull();
  });

  it("names limits as people read them", () => {
    expect([1024 * 1024, 64 * 1024 * 1024, 2048 * 1024 * 1024, 1500, 10 * 1024].map(formatBytes)).toEqual(["1 MB", "64 MB", "2 GB", "1500 bytes", "10 KB"]);
  });

  function chunks(sizes: number[]): ReadableStream<Uint8Array> {
    return new ReadableStream({
      start(c) {
        for (const n of sizes) c.enqueue(new Uint8Array(n));
        c.close();
      },
    });
  }

  it("counts a chunked body up to its limit", async () => {
    // 400 + 400 + 224 = 1,024 bytes: at the limit, not over it
    expect(await exceedsLimit(chunks([400, 400, 224]), 1024)).toBe(false);
    // one byte more is over
    expect(await exceedsLimit(chunks([400, 400, 225]), 1024)).toBe(true);
    expect(await exceedsLimit(chunks([]), 1024)).toBe(false);
  });
});

describe("the proxy and next.config.js agree", () => {
  it("on the server action body limit Next enforces after the proxy", () => {
    expect(CONFIG_LIMIT).toBe(SERVER_ACTION_BODY_LIMIT_BYTES);
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(SERVER_ACTION_BODY_LIMIT_BYTES);
  });

  it("on the policy of answers that are not pages", () => {
    expect(CONFIG_CSP).toBe(LOCKED_DOWN_CSP);
  });

  it("on which paths the proxy skips: each gets its CSP from next.config.js", async () => {
    const rules = await nextConfig.headers!();
    const withCsp = rules.filter((r) => r.headers.some((x) => x.key === "Content-Security-Policy")).map((r) => r.source);
    expect(withCsp).toEqual(UNPROXIED_SOURCES);
    const [matcher] = proxyConfig.matcher;
    const proxied = (path: string) => new RegExp(`^${matcher}$`).test(path);
    // The skipped paths are exactly those next.config.js covers.
    for (const path of ["/api/w/7cafce3f/export", "/api/v1/openapi.json", "/api/v1/workspaces/x/contracts", "/api/w/x/contracts/y/imports", "/_next/static/chunks/a.js", "/_next/image", "/favicon.ico"]) expect(proxied(path), path).toBe(false);
    for (const path of ["/", "/w", "/w/abc/contracts", "/api/auth/session", "/api/health", "/api/nope", "/favicon.ico.bak", "/share/t/export", "/nope"]) expect(proxied(path), path).toBe(true);
  });
});

describe("page CSP", () => {
  it("in production: scripts and style elements need the nonce; style attributes stay allowed", () => {
    const csp = contentSecurityPolicy("bm9uY2U=", false);
    expect(csp).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(csp).toContain("style-src 'self' 'nonce-bm9uY2U='");
    expect(csp).toContain("style-src-attr 'unsafe-inline'");
    expect(csp).not.toMatch(/style-src [^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
  });

  it("in development: Next's hot-reload styles have no nonce", () => {
    const csp = contentSecurityPolicy("bm9uY2U=", true);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain("style-src-attr");
  });
});
