import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import Decimal from "decimal.js";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/v1/openapi";
import { serveApi } from "@/lib/api/v1/router";
import { apiRateWindows, apiTokens } from "@/lib/db/schema/api";
import { users } from "@/lib/db/schema/auth";
import { burnImports, burnRows } from "@/lib/db/schema/burn";
import { auditLog, memberships, workspaces } from "@/lib/db/schema/workspaces";
import { DEMO_LOGIN, DEMO_WORKSPACE, seedDemo } from "@/lib/db/seed";
import { createBrief } from "@/lib/services/briefs/create";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/services/api/tokens";
import { resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { listContracts } from "@/lib/services/contracts/list";
import { runForecastJob } from "@/lib/services/forecast/recompute";
import { hashLinkToken } from "@/lib/services/link-token";
import { listScenarios } from "@/lib/services/scenarios/list";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";

let t: TestDb;
let demo: WorkspaceCtx;
let other: WorkspaceCtx;
let otherContractId: string;
let sfId: string;
let briefId: string;
let readToken: string;
let writeToken: string;
const today = "2026-11-22";
const BASE = "http://wb.test";

beforeAll(async () => {
  t = await freshDb();
  await seedDemo(t.db);
  const [user] = await t.db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, DEMO_LOGIN.email));
  const [ws] = await t.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.name, DEMO_WORKSPACE));
  demo = await resolveWorkspace({ db: t.db, actor: user! }, ws!.id);
  for (const c of await listContracts(demo)) await runForecastJob(t.db, { workspaceId: demo.workspace.id, contractId: c.id, key: "" }, undefined, { today });
  sfId = (await listContracts(demo)).find((c) => c.vendorName === "Salesforce")!.id;
  const scenarios = await listScenarios(demo, sfId);
  const id = (name: string) => scenarios.find((s) => s.name === name)!.id;
  briefId = (
    await createBrief(demo, {
      contractId: sfId,
      settings: { vendorScenarioId: id("Vendor proposal"), asksScenarioId: id("Our asks"), walkAwayScenarioId: id("Walk-away"), horizonPeriods: 12, seed: 7, paths: 200 },
    })
  ).brief.id;
  const o = await makeWorkspace(t.db, "Other Co");
  other = o.ownerCtx;
  otherContractId = (await makeSalesforceContract(other)).contract.id;
  readToken = (await createApiToken(demo, { name: "reader", scope: "read", expiresInDays: 30 })).token;
  writeToken = (await createApiToken(demo, { name: "nightly burn", scope: "write", expiresInDays: 365 })).token;
}, 120_000);
afterAll(() => t.close());

const wsPath = (ws = demo.workspace.id) => `/api/v1/workspaces/${ws}`;

function call(path: string, init: { token?: string | null; method?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}, options: { now?: Date; rateLimit?: number } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined);
  if (body !== undefined) headers["content-type"] = "application/json";
  return serveApi(t.db, new Request(`${BASE}${path}`, { method: init.method ?? (body !== undefined ? "POST" : "GET"), headers, body }), options);
}

async function denials(reason?: string) {
  const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, demo.workspace.id), eq(auditLog.action, "api.token.denied")));
  return rows.filter((r) => !reason || (r.details as { reason: string }).reason === reason);
}

/** 10,000 distinct usage rows: one agent a day over 2026-01…2026-10 (10 agents × 1,000 days would leave the term), credits 1.25 each. */
function tenThousandRows(credits = "1.25") {
  const rows = [];
  for (let i = 0; i < 10_000; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10);
    rows.push({ periodStart: day, agent: `agent-${Math.floor(i / 300)}`, unit: "action", environment: "production", actions: 5, credits });
  }
  return rows;
}

describe("API tokens", () => {
  it("are created by owners only, stored as a hash, listed without the token, and audited", async () => {
    const editor = await addMember(t.db, demo.workspace.id, "editor");
    await expect(createApiToken(editor, { name: "x", scope: "read", expiresInDays: 1 })).rejects.toThrow(/owner/);
    await expect(createApiToken(demo, { name: "x", scope: "read", expiresInDays: 366 })).rejects.toThrow(/at most 365 days/);
    const rows = await t.db.select().from(apiTokens).where(eq(apiTokens.workspaceId, demo.workspace.id));
    expect(rows.map((r) => r.tokenHash).sort()).toEqual([hashLinkToken(readToken), hashLinkToken(writeToken)].sort());
    expect(JSON.stringify(rows)).not.toContain(readToken.slice(4));
    const list = await listApiTokens(demo);
    expect(list.map((l) => [l.name, l.scope, l.status, l.prefix])).toEqual([
      ["nightly burn", "write", "active", writeToken.slice(0, 10)],
      ["reader", "read", "active", readToken.slice(0, 10)],
    ]);
    expect(JSON.stringify(list)).not.toContain(readToken);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, demo.workspace.id), eq(auditLog.action, "api.token.create")));
    expect(audit.map((a) => [(a.details as { name: string }).name, (a.details as { scope: string }).scope, a.actorId])).toEqual([
      ["reader", "read", demo.actor.id],
      ["nightly burn", "write", demo.actor.id],
    ]);
  });

  it("answers 401 without a token, with a malformed or unknown one", async () => {
    for (const token of [null, "nope", `wbk_${"x".repeat(43)}`]) {
      const res = await call(`${wsPath()}/contracts`, { token });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="workbench"/);
      expect(((await res.json()) as { code: string }).code).toBe("unauthenticated");
    }
  });

  it("reads with a read token, and a read token writing is 403 (audited)", async () => {
    const res = await call(`${wsPath()}/contracts`, { token: readToken });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { contracts: { id: string; name: string; forecast: { state: string; runOut: { date: string } | null; cost: { total: string } } }[] };
    const sf = body.contracts.find((c) => c.id === sfId)!;
    // The stored forecast of record (the calendar test's run-out: 2026-11-24).
    expect(sf.forecast.state).toBe("ready");
    expect(sf.forecast.runOut!.date).toBe("2026-11-24");
    const write = await call(`${wsPath()}/contracts/${sfId}/burn`, { token: readToken, body: { rows: [{ periodStart: "2026-10-01", credits: 1 }] } });
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({ code: "forbidden" });
    expect((await denials("scope")).length).toBe(1);
    expect(await t.db.$count(burnImports, eq(burnImports.contractId, sfId))).toBe(0);
  });

  it("answers 404 for another workspace's id, its contract, or one that does not exist (audited)", async () => {
    for (const path of [`${wsPath(other.workspace.id)}/contracts`, `${wsPath(other.workspace.id)}/contracts/${otherContractId}`, `${wsPath("00000000-0000-4000-8000-000000000000")}/briefs`]) {
      const res = await call(path, { token: writeToken });
      expect(res.status, path).toBe(404);
    }
    // another workspace's contract under the token's own workspace id: not found either
    expect((await call(`${wsPath()}/contracts/${otherContractId}`, { token: writeToken })).status).toBe(404);
    const post = await call(`${wsPath(other.workspace.id)}/contracts/${otherContractId}/burn`, { token: writeToken, body: { rows: [{ periodStart: "2026-01-01", credits: 1 }] } });
    expect(post.status).toBe(404);
    expect(await t.db.$count(burnRows, eq(burnRows.contractId, otherContractId))).toBe(0);
    // the three reads and the write outside the token's workspace (an unknown id included)
    expect((await denials("other_workspace")).length).toBe(4);
  });

  it("stops working when expired or revoked (401, audited)", async () => {
    const expiring = await createApiToken(demo, { name: "short", scope: "read", expiresInDays: 1 });
    expect((await call(`${wsPath()}/briefs`, { token: expiring.token })).status).toBe(200);
    const later = new Date(Date.now() + 86_400_000 + 1000);
    const expired = await call(`${wsPath()}/briefs`, { token: expiring.token }, { now: later });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: string }).error).toMatch(/expired/);
    await revokeApiToken(demo, expiring.id);
    const revoked = await call(`${wsPath()}/briefs`, { token: expiring.token });
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: string }).error).toMatch(/revoked/);
    expect((await denials("expired")).length).toBe(1);
    expect((await denials("revoked")).length).toBe(1);
    expect(await t.db.$count(auditLog, and(eq(auditLog.action, "api.token.revoke"), eq(auditLog.targetId, expiring.id)))).toBe(1);
    expect((await listApiTokens(demo)).find((l) => l.id === expiring.id)!.status).toBe("revoked");
    // another workspace's owner cannot revoke this workspace's token
    await expect(revokeApiToken(other, expiring.id)).rejects.toThrow(/not found/);
  });

  it("acts with no more than its creator's current role", async () => {
    const owner2 = await addMember(t.db, demo.workspace.id, "owner", "second owner");
    const token = (await createApiToken(owner2, { name: "soon viewer", scope: "write", expiresInDays: 5 })).token;
    await t.db.update(memberships).set({ role: "viewer" }).where(and(eq(memberships.workspaceId, demo.workspace.id), eq(memberships.userId, owner2.actor.id)));
    const res = await call(`${wsPath()}/contracts/${sfId}/burn`, { token, body: { rows: [{ periodStart: "2026-10-01", credits: 1 }] } });
    expect(res.status).toBe(403);
    await t.db.delete(memberships).where(and(eq(memberships.workspaceId, demo.workspace.id), eq(memberships.userId, owner2.actor.id)));
    expect((await call(`${wsPath()}/contracts`, { token })).status).toBe(401);
  });

  it("is rate-limited per token in fixed windows counted in the database: 429 with Retry-After, audited once", async () => {
    const { id, token } = await createApiToken(demo, { name: "busy", scope: "read", expiresInDays: 2 });
    const at = (s: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, s));
    for (let i = 0; i < 5; i++) {
      const ok = await call(`${wsPath()}/briefs`, { token }, { now: at(10 + i), rateLimit: 5 });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("ratelimit-remaining")).toBe(String(4 - i));
    }
    for (const s of [20, 30]) {
      const refused = await call(`${wsPath()}/briefs`, { token }, { now: at(s), rateLimit: 5 });
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe(String(60 - s));
    }
    const [row] = await t.db.select().from(apiRateWindows).where(eq(apiRateWindows.tokenId, id));
    expect(row).toMatchObject({ windowStart: new Date(Date.UTC(2026, 10, 22, 10, 0, 0)), count: 7 });
    expect((await denials("rate_limited")).length).toBe(1);
    // the next minute is a new window (and the old one is removed)
    expect((await call(`${wsPath()}/briefs`, { token }, { now: new Date(Date.UTC(2026, 10, 22, 10, 1, 0)), rateLimit: 5 })).status).toBe(200);
    expect(await t.db.$count(apiRateWindows, eq(apiRateWindows.tokenId, id))).toBe(1);
  });
});

describe("burn pushed through the API", () => {
  const sums = async () => {
    const [r] = await t.db
      .select({ n: sql<number>`count(*)::int`, credits: sql<string>`coalesce(sum(credits), 0)::text` })
      .from(burnRows)
      .where(and(eq(burnRows.contractId, sfId), sql`${burnRows.agent} like 'agent-%'`));
    return r!;
  };

  it("refuses a bad body with 400 naming the field, and a body over 32 MB with 413", async () => {
    const url = `${wsPath()}/contracts/${sfId}/burn`;
    const cases: [unknown, string][] = [
      [{ rows: [{ periodStart: "2026-01-01", credits: "1" }, { credits: "2" }] }, "rows[1].periodStart"],
      [{ rows: [{ periodStart: "2026-01-01", credits: "1", colour: "red" }] }, "rows[0]"],
      [{ rows: [] }, "rows"],
      [{}, "rows"],
    ];
    for (const [body, field] of cases) {
      const res = await call(url, { token: writeToken, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { field: string }).field).toBe(field);
    }
    const notJson = await call(url, { token: writeToken, raw: "{rows:" });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ field: "body" });
    const big = await call(url, { token: writeToken, raw: "x", headers: { "content-length": String(33 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    // sent chunked (no length declared): counted as it arrives, refused past 32 MB
    const chunk = new TextEncoder().encode(" ".repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await serveApi(t.db, new Request(`${BASE}${url}`, { method: "POST", headers: { authorization: `Bearer ${writeToken}`, "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit));
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({ code: "too_large", error: "The request is larger than 32 MB, the most this accepts; nothing was stored." });
    expect(sent).toBeLessThan(40);
    expect(await t.db.$count(burnImports, eq(burnImports.contractId, sfId))).toBe(0);
  });

  it("stores 10,000 rows all or nothing: one bad row (checked as the import checks it) refuses the request", async () => {
    const rows = tenThousandRows();
    rows[7_321] = { ...rows[7_321]!, credits: "-3" };
    rows[9_000] = { ...rows[9_000]!, periodStart: "2026-02-30" };
    const res = await call(`${wsPath()}/contracts/${sfId}/burn`, { token: writeToken, body: { rows } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { field: string; error: string; fieldErrors: Record<string, string[]> };
    expect(body.field).toBe("rows[7321].credits");
    expect(body.error).toMatch(/^rows\[7321\]\.credits: credits '-3' is negative/);
    expect(Object.keys(body.fieldErrors)).toEqual(["rows[7321].credits", "rows[9000].periodStart"]);
    expect(await sums()).toEqual({ n: 0, credits: "0" });
  }, 60_000);

  it("stores 10,000 good rows once: the same request again adds nothing; the forecast of record is asked for again and moves", async () => {
    // the forecast of record as of the real today (the page reads it against today)
    await runForecastJob(t.db, { workspaceId: demo.workspace.id, contractId: sfId, key: "" });
    type Detail = { contract: { forecast: { cost: { total: string }; recomputing: boolean } }; observed: { periods: { start: string; value: string }[] } | null };
    const before = (await (await call(`${wsPath()}/contracts/${sfId}`, { token: readToken })).json()) as Detail;
    expect(before.contract.forecast.recomputing).toBe(false);
    const rows = tenThousandRows();
    const first = await call(`${wsPath()}/contracts/${sfId}/burn`, { token: writeToken, body: { rows } });
    expect(first.status).toBe(200);
    const out = (await first.json()) as { inserted: number; alreadyStored: number; rows: number; importId: string };
    expect(out).toMatchObject({ rows: 10_000, inserted: 10_000, alreadyStored: 0, forecast: "requested" });
    expect(await sums()).toEqual({ n: 10_000, credits: "12500.00" });
    const again = await call(`${wsPath()}/contracts/${sfId}/burn`, { token: writeToken, body: { rows } });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ inserted: 0, alreadyStored: 10_000 });
    expect(await sums()).toEqual({ n: 10_000, credits: "12500.00" });
    // the import shows in the contract's imports, under the token's name, audited with the token's creator
    const [imp] = await t.db.select().from(burnImports).where(eq(burnImports.id, out.importId));
    expect(imp).toMatchObject({ fileName: "API: nightly burn", status: "succeeded", rowsInserted: 10_000, createdBy: demo.actor.id });
    const pending = (await (await call(`${wsPath()}/contracts/${sfId}`, { token: readToken })).json()) as { contract: { forecast: { cost: { total: string }; recomputing: boolean } } };
    expect(pending.contract.forecast.recomputing).toBe(true);
    await runForecastJob(t.db, { workspaceId: demo.workspace.id, contractId: sfId, key: "" });
    const after = (await (await call(`${wsPath()}/contracts/${sfId}`, { token: readToken })).json()) as Detail;
    expect(after.contract.forecast.recomputing).toBe(false);
    expect(after.contract.forecast.cost.total).not.toBe(before.contract.forecast.cost.total);
    // January's observed burn grew by exactly what was pushed for it: 34 agents × 31 days × 1.25 credits
    const jan = (d: Detail) => new Decimal(d.observed?.periods.find((p) => p.start === "2026-01-01")?.value ?? "0");
    expect(jan(after).minus(jan(before)).toString()).toBe("1317.5");
  }, 120_000);
});

describe("two identical pushes at once", () => {
  it("store the rows once: the second waits its turn and finds them stored, or is told another import is running (409)", async () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({ periodStart: `2026-03-${String((i % 28) + 1).padStart(2, "0")}`, agent: `twin-${i % 20}`, credits: "2" }));
    const url = `${wsPath()}/contracts/${sfId}/burn`;
    const answers = await Promise.all([call(url, { token: writeToken, body: { rows } }), call(url, { token: writeToken, body: { rows } })]);
    const statuses = answers.map((a) => a.status).sort();
    expect([[200, 200], [200, 409]]).toContainEqual(statuses);
    for (const a of answers) if (a.status === 409) expect(a.headers.get("retry-after")).toBe("5");
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as { inserted?: number; code?: string }[];
    expect(bodies.reduce((n, b) => n + (b.inserted ?? 0), 0)).toBe(500);
    const [r] = await t.db.select({ n: sql<number>`count(*)::int`, credits: sql<string>`sum(credits)::text` }).from(burnRows).where(and(eq(burnRows.contractId, sfId), sql`${burnRows.agent} like 'twin-%'`));
    expect(r).toEqual({ n: 500, credits: "1000" });
  }, 60_000);
});

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("every operation in it answers as documented: 200 with the documented body, 401 without a token, 404 in another workspace", async () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>; components: unknown };
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: "doc", components: doc.components } as never);
    const values: Record<string, string> = { workspaceId: demo.workspace.id, contractId: sfId, briefId, version: "1", format: "md" };
    const seen: string[] = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const path = template.replace(/\{(\w+)\}/g, (_m, n: string) => values[n]!);
        const body = method === "post" ? { rows: [{ periodStart: "2026-10-02", agent: "doc-check", credits: "2.5", currency: "USD" }] } : undefined;
        const res = await call(path, { token: writeToken, method: method.toUpperCase(), body });
        expect(res.status, `${method} ${path}`).toBe(200);
        const documented = op.responses["200"]!.content!;
        const type = res.headers.get("content-type")!.split(";")[0]!;
        expect(Object.keys(documented), op.operationId).toContain(type);
        if (type === "application/json") {
          const schema = documented[type]!.schema as { $ref: string };
          const validate = ajv.getSchema(`doc${schema.$ref}`)!;
          const json = await res.json();
          expect(validate(json), `${op.operationId}: ${JSON.stringify(validate.errors)}`).toBe(true);
        } else {
          expect((await res.text()).length).toBeGreaterThan(100);
        }
        for (const status of ["401", "404", "429"]) expect(Object.keys(op.responses)).toContain(status);
        expect((await call(path, { method: method.toUpperCase(), body })).status).toBe(401);
        expect((await call(path.replace(demo.workspace.id, other.workspace.id), { token: writeToken, method: method.toUpperCase(), body })).status).toBe(404);
        seen.push(op.operationId);
      }
    }
    expect(seen.sort()).toEqual(["exportBriefVersion", "getBrief", "getBriefVersion", "getContract", "listBriefs", "listContracts", "pushBurn"]);
  }, 60_000);

  it("answers 404 for a route it does not list, and 405 for a method it does not document", async () => {
    expect((await call(`${wsPath()}/vendors`, { token: readToken })).status).toBe(404);
    expect((await call(`${wsPath()}/contracts/%zz`, { token: readToken })).status).toBe(404);
    expect((await call(`${wsPath()}/contracts/not-a-uuid`, { token: readToken })).status).toBe(404);
    expect((await call(`${wsPath()}/briefs/${briefId}/versions/99`, { token: readToken })).status).toBe(404);
    expect((await call(`${wsPath()}/briefs/${briefId}/versions/1/export/docx`, { token: readToken })).status).toBe(404);
    const res = await call(`${wsPath()}/contracts`, { token: readToken, method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });
});
