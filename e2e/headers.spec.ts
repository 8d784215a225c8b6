// Statuses and security headers on each kind of answer the built server gives: pages, server
// actions, workspace route handlers, downloads and static 404s. Requests go out raw (the `request`
// of a signed-in browser context, or node:http where a body must be declared but never sent), so
// that the headers a browser would add on its own are exactly the ones under test.
import { expect, test, type APIResponse, type BrowserContext, type Page, type Request } from "@playwright/test";
import http from "node:http";
import { signIn, signUp, uniqueEmail } from "./helpers";

const ZERO = "00000000-0000-4000-8000-000000000000";
const LOCKED_DOWN = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const MB = 1024 * 1024;

function expectPageCsp(res: APIResponse) {
  const csp = res.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy");
  // exactly one policy: a second one (e.g. from next.config.js) would be enforced as well
  expect(csp, res.url()).toHaveLength(1);
  expect(csp[0]!.value).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp[0]!.value).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
  expect(csp[0]!.value).toContain("frame-ancestors 'none'");
  expectCommonHeaders(res);
}

function expectLockedDown(res: APIResponse | RawResponse) {
  const headers = "headersArray" in res ? res.headers() : res.headers;
  expect(headers["content-security-policy"], "url" in res ? res.url() : "").toBe(LOCKED_DOWN);
  expect(headers["x-content-type-options"]).toBe("nosniff");
}

function expectCommonHeaders(res: APIResponse) {
  const h = res.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-frame-options"]).toBe("DENY");
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A POST over node:http: `declare` sends a Content-Length and no body at all (the server must
 * refuse on the header alone); `chunks` streams that many 1 MB chunks without a length, stopping
 * as soon as the server answers.
 */
function rawPost(url: string, headers: Record<string, string>, send: { declare: number } | { chunks: number }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: "declare" in send ? { ...headers, "content-length": String(send.declare) } : { ...headers, "transfer-encoding": "chunked" } });
    let answered = false;
    let wake: (() => void) | null = null;
    req.on("response", (res) => {
      answered = true;
      wake?.();
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        req.destroy();
      });
    });
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    if ("declare" in send) {
      req.flushHeaders();
      return;
    }
    const chunk = Buffer.alloc(MB, 0x61);
    void (async () => {
      for (let i = 0; i < send.chunks && !answered; i++) {
        if (!req.write(chunk)) {
          await new Promise<void>((r) => {
            wake = r;
            req.once("drain", r);
          });
          req.removeAllListeners("drain");
        }
      }
      if (!answered) req.end();
    })();
  });
}

async function cookieHeader(ctx: BrowserContext): Promise<string> {
  return (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/** The first link on `page` whose href matches, as a path. */
async function hrefMatching(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const found = hrefs.find((h) => pattern.test(h));
  expect(found, `a link matching ${pattern}`).toBeTruthy();
  return found!;
}

test("statuses and security headers on every kind of answer", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL!;

  // The demo user, owner of the seeded workspace with a contract, scenarios and rate cards.
  const demo = await browser.newContext();
  const demoPage = await demo.newPage();
  const violations: string[] = [];
  demoPage.on("console", (m) => {
    if (/Content Security Policy|Refused to (apply|load|execute)/i.test(m.text())) violations.push(m.text());
  });
  await signIn(demoPage, "demo@example.com", "demo-password");
  await expect(demoPage).toHaveURL(/\/w(\/|$)/);
  await demoPage.goto("/w");
  // the demo's own workspace by its name (earlier specs give the demo user workspaces of their own)
  const demoWs = (await demoPage.getByRole("link", { name: /Demo: Acme renewal/ }).first().getAttribute("href"))!;
  expect(demoWs).toMatch(/^\/w\/[0-9a-f-]{36}$/);
  await demoPage.goto(`${demoWs}/contracts`);
  const contract = await hrefMatching(demoPage, /^\/w\/[0-9a-f-]{36}\/contracts\/[0-9a-f-]{36}$/);
  await demoPage.goto(`${contract}/scenarios`);
  const scenario = await hrefMatching(demoPage, /\/scenarios\/[0-9a-f-]{36}$/);
  await demoPage.goto(`${demoWs}/ratecards`);
  const rateCard = await hrefMatching(demoPage, /\/ratecards\/[0-9a-f-]{36}$/);

  // A second user with a workspace of their own, where server actions may write.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage, "Hank Headers", uniqueEmail("headers"));
  const wsName = `Headers ${Date.now()}`;
  await otherPage.getByLabel("Workspace name").fill(wsName);
  await otherPage.getByRole("button", { name: "Create workspace" }).click();
  await expect(otherPage.getByRole("heading", { name: wsName })).toBeVisible();
  const otherWs = new URL(otherPage.url()).pathname.replace(/\/$/, "");

  await test.step("pages: 200 for what exists, 404 for malformed ids, unknown ids and other workspaces' ids", async () => {
    const get = (path: string) => demo.request.get(path, { maxRedirects: 0 });
    for (const path of [demoWs, `${demoWs}/contracts`, contract, `${contract}/terms`, `${contract}/burn`, `${contract}/scenarios`, scenario, `${contract}/scenarios/new`, `${demoWs}/ratecards`, rateCard, `${demoWs}/briefs`]) {
      const res = await get(path);
      expect(res.status(), path).toBe(200);
      expectPageCsp(res);
    }
    const contractId = contract.split("/").pop()!;
    const scenarioId = scenario.split("/").pop()!;
    const rateCardId = rateCard.split("/").pop()!;
    const missing = [
      "/w/not-a-uuid",
      `/w/${ZERO}`,
      otherWs, // another workspace
      `${demoWs}/contracts/not-a-uuid`,
      `${demoWs}/contracts/${ZERO}`,
      `${demoWs}/contracts/${ZERO}/terms`,
      `${demoWs}/contracts/${ZERO}/burn`,
      `${contract}/scenarios/not-a-uuid`,
      `${contract}/scenarios/${ZERO}`,
      `${demoWs}/ratecards/not-a-uuid`,
      `${demoWs}/ratecards/${ZERO}`,
      `${demoWs}/briefs/not-a-uuid`,
      `${demoWs}/briefs/${ZERO}`,
      `${demoWs}/no-such-page`,
      "/no-such-page",
    ];
    for (const path of missing) {
      const res = await get(path);
      expect(res.status(), path).toBe(404);
      expect(await res.text()).toContain("This page does not exist, or you do not have access to it.");
      expectPageCsp(res);
    }
    // the demo workspace's ids, asked for by someone who is not a member, or under another workspace
    for (const path of [demoWs, contract, scenario, rateCard, `${otherWs}/contracts/${contractId}`, `${otherWs}/contracts/${contractId}/scenarios/${scenarioId}`, `${otherWs}/ratecards/${rateCardId}`]) {
      const res = await other.request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
      expectPageCsp(res);
    }
  });

  await test.step("pages render without a CSP violation: charts keep their inline style attributes", async () => {
    for (const path of [contract, `${contract}/burn`, scenario, `${contract}/compare`]) {
      await demoPage.goto(path);
      await demoPage.waitForLoadState("networkidle");
    }
    await demoPage.goto(`${contract}/burn`);
    await expect(demoPage.locator(".recharts-responsive-container").first()).toHaveCSS("width", /^[1-9]\d*(\.\d+)?px$/);
    expect(violations).toEqual([]);
  });

  await test.step("server actions: 403 cross-site (with or without Origin), 413 over 1 MB, NUL refused with the field named", async () => {
    await otherPage.goto(`${otherWs}/vendors`);
    const sent = otherPage.waitForRequest((r: Request) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
    await otherPage.getByLabel("Vendor").fill("Acme Vendor");
    await otherPage.getByLabel("Product").fill("Agents");
    await otherPage.getByRole("button", { name: "Add vendor" }).click();
    const action = await sent;
    await expect(otherPage.getByRole("cell", { name: "Acme Vendor", exact: true })).toBeVisible();
    const body = action.postDataBuffer()!;
    const base = { "next-action": action.headers()["next-action"]!, "content-type": action.headers()["content-type"]!, accept: "text/x-component" };
    const post = (headers: Record<string, string>, data: Buffer = body) => other.request.post(action.url(), { headers: { ...base, ...headers }, data, maxRedirects: 0 });

    // replayed as sent: accepted
    const same = await post({ origin });
    expect(same.status()).toBe(200);
    expect(await same.text()).toContain('"ok":true');

    const crossSite: Record<string, string>[] = [{ origin: "http://evil.example" }, { "sec-fetch-site": "cross-site" }, { origin: "null" }, { origin, "sec-fetch-site": "same-site" }];
    for (const headers of crossSite) {
      const res = await post(headers);
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      expect(res.headers()["content-type"]).toBe("text/plain");
      expect(await res.text()).toBe("This request did not come from the workbench's own pages, so it was refused.");
      expectLockedDown(res);
    }

    // 1 MB and one byte: refused before Next reads it (Next itself would answer 500)
    const padded = Buffer.concat([body, Buffer.alloc(MB + 1 - body.length, 0x20)]);
    const big = await post({ origin }, padded);
    expect(big.status()).toBe(413);
    expect(await big.text()).toBe("The request is larger than 1 MB, the most this accepts; nothing was saved.");
    expectLockedDown(big);
    // the same, chunked, with no length declared
    const chunked = await rawPost(`${origin}${new URL(action.url()).pathname}`, { ...base, origin, cookie: await cookieHeader(other) }, { chunks: 3 });
    expect(chunked.status).toBe(413);

    // a NUL byte in the vendor's name: the action answers with the field named, nothing is stored
    const nul = Buffer.from(body.toString("latin1").replace("Acme Vendor", "Acme\u0000Vendor"), "latin1");
    const refused = await post({ origin }, nul);
    expect(refused.status()).toBe(200);
    const text = await refused.text();
    expect(text).toContain('"ok":false');
    expect(text).toContain("name: Contains an invisible control character (U+0000, NUL) at character 5; remove it.");
    await otherPage.reload();
    await expect(otherPage.getByRole("cell", { name: "Acme Vendor", exact: true })).toHaveCount(2); // the first one and the replay
  });

  await test.step("route handlers: 403 cross-site, 413 over the limit declared or streamed, CSP on the JSON", async () => {
    const preview = `${contract.replace(/^\/w\//, "/api/w/")}/imports/preview?format=csv`;
    const imports = `${contract.replace(/^\/w\//, "/api/w/")}/imports?importId=${crypto.randomUUID()}&name=usage.csv&format=csv`;
    const csvBody = "Usage Date,Flex Credits\n2026-01-05,10\n";
    const ok = await demo.request.post(preview, { headers: { origin, "content-type": "application/octet-stream" }, data: csvBody });
    expect(ok.status()).toBe(200);
    expectLockedDown(ok);

    const crossSite: Record<string, string>[] = [{ origin: "http://evil.example" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of crossSite) {
      for (const url of [preview, imports]) {
        const res = await demo.request.post(url, { headers: { ...headers, "content-type": "application/octet-stream" }, data: csvBody });
        expect(res.status(), `${url} ${JSON.stringify(headers)}`).toBe(403);
        expect(await res.json()).toEqual({ error: "Cross-site requests are refused.", code: "forbidden" });
        expectLockedDown(res);
      }
    }

    const cookie = await cookieHeader(demo);
    // declared lengths over each route's limit, and not a byte sent
    const previewDeclared = await rawPost(`${origin}${preview}`, { origin, cookie }, { declare: 64 * MB + 1 });
    expect(previewDeclared.status).toBe(413);
    expect(JSON.parse(previewDeclared.body)).toEqual({ error: "The request is larger than 64 MB, the most this accepts; nothing was saved.", code: "too_large" });
    expectLockedDown(previewDeclared);
    const importDeclared = await rawPost(`${origin}${imports}`, { origin, cookie }, { declare: 3 * 1024 * MB });
    expect(importDeclared.status).toBe(413);
    expect(JSON.parse(importDeclared.body).code).toBe("too_large");
    // a chunked upload is counted as it is read
    const streamed = await rawPost(`${origin}${preview}`, { origin, cookie }, { chunks: 70 });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).code).toBe("too_large");

    // the workspace import (a route handler the proxy does not see, like the usage upload)
    const transfer = `${demoWs.replace(/^\/w\//, "/api/w/")}/import`;
    const xsite = await demo.request.post(transfer, { headers: { "sec-fetch-site": "cross-site", "content-type": "application/octet-stream" }, data: "{}" });
    expect(xsite.status()).toBe(403);
    expect(await xsite.json()).toEqual({ error: "Cross-site requests are refused.", code: "forbidden" });
    const transferDeclared = await rawPost(`${origin}${transfer}`, { origin, cookie }, { declare: 1025 * MB });
    expect(transferDeclared.status).toBe(413);
    expect(JSON.parse(transferDeclared.body)).toEqual({ error: "The request is larger than 1 GB, the most this accepts; nothing was saved.", code: "too_large" });
  });

  await test.step("downloads, API errors and static 404s carry the locked-down CSP", async () => {
    const exported = await demo.request.get(`${demoWs.replace(/^\/w\//, "/api/w/")}/export`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-disposition"]).toMatch(/^attachment; filename=/);
    expectLockedDown(exported);
    expectCommonHeaders(exported);

    for (const [path, status] of [
      [`/api/w/${ZERO}/export`, 404],
      ["/api/w/not-a-uuid/export", 404],
      ["/favicon.ico", 404],
      ["/_next/static/no-such-chunk.js", 404],
    ] as const) {
      const res = await demo.request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(status);
      expectLockedDown(res);
      expectCommonHeaders(res);
    }
    // signed out: still refused with the header
    const anonymous = await fetch(`${origin}${demoWs.replace(/^\/w\//, "/api/w/")}/export`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-security-policy")).toBe(LOCKED_DOWN);
    // what the proxy answers itself
    for (const path of ["/api/health", "/api/no-such-route", "/signin"]) expectPageCsp(await demo.request.get(path, { maxRedirects: 0 }));
  });

  await demo.close();
  await other.close();
});
