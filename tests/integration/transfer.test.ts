import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { burnRows } from "@/lib/db/schema/burn";
import { contracts, scenarios } from "@/lib/db/schema/contracts";
import { rateCards, rateCardVersions } from "@/lib/db/schema/ratecards";
import { vendors } from "@/lib/db/schema/vendors";
import { auditLog } from "@/lib/db/schema/workspaces";
import { evaluateModel } from "@/lib/engine/model/evaluate";
import { parseModelDocument } from "@/lib/engine/model/schema";
import { resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { createContract } from "@/lib/services/contracts/create";
import { updateContractTerms } from "@/lib/services/contracts/update-terms";
import { createRateCard } from "@/lib/services/ratecards/create";
import { saveRateCardVersion } from "@/lib/services/ratecards/save-version";
import { createScenario } from "@/lib/services/scenarios/create";
import { exportFileName, exportWorkspace } from "@/lib/services/transfer/export";
import { importWorkspace } from "@/lib/services/transfer/import";
import { validateWorkspaceFile, type WorkspaceFileInput } from "@/lib/services/transfer/schema";
import { createVendor } from "@/lib/services/vendors/create";
import { DomainError } from "@/lib/services/errors";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";

let t: TestDb;
let a: Awaited<ReturnType<typeof makeWorkspace>>;
let viewerA: WorkspaceCtx;
let exported: WorkspaceFileInput;

// Contract 1 (Salesforce template): a monthly allocation with overage at list, seat-driven demand.
const CLAUSES = {
  allotments: [{ id: "monthly", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: "500000" }, feePerCycle: "2500" }],
  onExhaustion: { kind: "overage", overage: { price: { kind: "list" } } },
};
const DRIVERS = { licensedSeats: 50, units: [{ unit: "action", actionsPerActiveAgentPerDay: 25 }] };
const ASK_ROLLOVER = {
  allotments: [{ ...CLAUSES.allotments[0], rollover: { sharePct: "100", expiresAfterCycles: 3 } }],
  onExhaustion: { kind: "trueUp", trueUp: { schedule: { kind: "everyNPeriods", n: 3 }, cap: { kind: "amount", amount: "500" } } },
};
const ASK_DISCOUNT = { discount: { kind: "flat", pct: "12.5" } };

/** The rows as JSON would carry them: numeric strings keep their scale ("1200.50"), missing stays null. */
function burn(contractId: string, workspaceId: string, rows: Partial<typeof burnRows.$inferInsert>[]) {
  return rows.map((r, i) => ({ workspaceId, contractId, rowKey: `k${i}`, periodStart: "2026-01-01", ...r }));
}

/**
 * Ids differ between two workspaces by design. Every UUID (wherever it appears: a value, a record
 * key) becomes "#n" in order of first appearance, so two files are equal exactly when they have
 * the same content and the same sharing (the same rate card, version or scenario referred to from
 * the same places). exportedAt is dropped.
 */
function normalise<T>(value: T): T {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const seen = new Map<string, string>();
  const id = (s: string) => (uuid.test(s) ? (seen.get(s) ?? (seen.set(s, `#${seen.size + 1}`), seen.get(s)!)) : s);
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return id(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).filter(([k]) => k !== "exportedAt").map(([k, x]) => [id(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** What a download carries: the file goes through JSON text, exactly as the route sends it. */
const asJson = (f: WorkspaceFileInput): unknown => JSON.parse(JSON.stringify(f));

async function countsIn(ctx: WorkspaceCtx) {
  const ws = ctx.workspace.id;
  const n = async (table: typeof vendors | typeof contracts | typeof rateCards | typeof rateCardVersions | typeof scenarios | typeof burnRows | typeof auditLog) =>
    (await ctx.db.select({ n: count() }).from(table).where(eq(table.workspaceId, ws)))[0]?.n ?? 0;
  return {
    vendors: await n(vendors),
    rateCards: await n(rateCards),
    versions: await n(rateCardVersions),
    contracts: await n(contracts),
    scenarios: await n(scenarios),
    burn: await n(burnRows),
    audit: await n(auditLog),
  };
}

beforeAll(async () => {
  t = await freshDb();
  a = await makeWorkspace(t.db, "Acme renewals");
  viewerA = await addMember(t.db, a.ws.id, "viewer");
  const ctx = a.ownerCtx;

  // ── contract 1: Salesforce, two saved scenarios, then moved to a new rate card version ──
  const { contract: c1 } = await makeSalesforceContract(ctx, { clauses: CLAUSES, drivers: DRIVERS, name: "Acme Agentforce renewal" });
  await createScenario(ctx, { contractId: c1.id, name: "Ask: rollover + true-up cap", demand: { source: "drivers" }, clauses: ASK_ROLLOVER });
  // Burn of contract 1: three months of credits by agent, one row with nothing but a cost.
  await ctx.db.insert(burnRows).values(
    burn(c1.id, ctx.workspace.id, [
      { rowKey: "sf-1", periodStart: "2026-01-01", periodEnd: "2026-01-31", agent: "Service Agent", unit: "action", environment: "production", actions: "20000", credits: "400000.00", cost: "2000.000", currency: "USD", extras: { source: "csv", line: 2 } },
      { rowKey: "sf-2", periodStart: "2026-01-01", agent: "SDR Agent", environment: "nonProduction", credits: "12500.5" },
      { rowKey: "sf-3", periodStart: "2026-02-01", agent: "Service Agent", credits: "450000" },
      { rowKey: "sf-4", periodStart: "2026-03-01", agent: "Service Agent", credits: "470000", cost: "2350" },
    ]),
  );
  // A new version of the (locked) rate card; the contract moves to it, the saved scenario stays on the first.
  const [v1] = await ctx.db.select().from(rateCardVersions).where(eq(rateCardVersions.id, c1.rateCardVersionId));
  const { version: v2 } = await saveRateCardVersion(ctx, {
    versionId: v1!.id,
    revision: v1!.revision,
    effectiveFrom: v1!.effectiveFrom,
    source: "Renegotiated price list",
    units: v1!.units,
    creditPrice: { kind: "direct", pricePerCredit: "0.0045" },
  });
  const moved = await updateContractTerms(ctx, { contractId: c1.id, version: c1.version, rateCardVersionId: v2.id });
  await createScenario(ctx, { contractId: c1.id, name: "Ask: 12.5% off", demand: { source: "drivers" }, clauses: ASK_DISCOUNT });
  // Per-user pricing and assumptions have no form yet; set them as a later feature would.
  await ctx.db
    .update(contracts)
    .set({ perUser: { users: 50, pricePerUserPerMonth: "125" }, assumptions: { listEscalationPctPerYear: "3" } })
    .where(eq(contracts.id, moved.id));

  // ── contract 2: Workday, its own blank rate card, no saved scenario, demand from observed spend ──
  const workday = await createVendor(ctx, { name: "Workday", product: "Workday Flex Credits", notes: "Price per credit set in the contract." });
  await createVendor(ctx, { name: "Unused vendor" });
  const { version: wv } = await createRateCard(ctx, {
    name: "Workday Flex (contract)",
    vendorId: workday.id,
    currency: "EUR",
    version: { effectiveFrom: "2025-07-01", units: [{ id: "retrieval", name: "Retrieval", creditsPerUnit: "1" }, { id: "draft", name: "Guided draft", creditsPerUnit: "2" }], creditPrice: { kind: "direct", pricePerCredit: "0.01" } },
  });
  const c2 = await createContract(ctx, {
    fields: { name: "Workday FY26", vendorId: workday.id, currency: "EUR", termStart: "2025-07-01", termEnd: "2026-07-01", granularity: "month" },
    rateCard: { kind: "version", versionId: wv.id },
    clauses: { packs: [{ id: "p1", credits: "100000", price: "900", purchaseDate: "2025-07-01" }] },
  });
  await ctx.db.insert(burnRows).values(
    burn(c2.id, ctx.workspace.id, [
      { rowKey: "wd-a", periodStart: "2025-07-01", cost: "310.20", currency: "EUR" },
      { rowKey: "wd-b", periodStart: "2025-08-01", cost: "295", currency: "EUR" },
      { rowKey: "wd-c", periodStart: "2025-09-01", cost: "330.75", currency: "EUR", extras: { note: "quarter close" } },
    ]),
  );

  exported = await exportWorkspace(ctx);
});
afterAll(() => t.close());

describe("export", () => {
  it("writes the file format with every vendor, both contracts, their burn rows, and models that validate and evaluate", () => {
    expect(exported.format).toBe("renewal-workbench/workspace");
    expect(exported.version).toBe(1);
    expect(exported.workspace).toEqual({ name: "Acme renewals" });
    expect(exported.vendors.map((v) => v.name)).toEqual(["Salesforce", "Workday", "Unused vendor"]);
    expect(exported.contracts.map((c) => [c.vendor, c.contract.name])).toEqual([
      ["Salesforce", "Acme Agentforce renewal"],
      ["Workday", "Workday FY26"],
    ]);
    const [sf, wd] = exported.contracts;
    expect(sf!.rateCard).toMatchObject({ templateId: "salesforce-agentforce-flex-credits-2025-05-15", vendor: "Salesforce" });
    expect(sf!.burn).toHaveLength(4);
    expect(sf!.burn![0]).toEqual({
      rowKey: "sf-1", periodStart: "2026-01-01", periodEnd: "2026-01-31", agent: "Service Agent", unit: "action", environment: "production",
      actions: "20000", credits: "400000.00", cost: "2000.000", currency: "USD", extras: { source: "csv", line: 2 },
    });
    // Saved scenarios, in order; the first was saved on version 1, which the file carries as a second rate card entry.
    expect(sf!.model.scenarios.map((s) => s.name)).toEqual(["Ask: rollover + true-up cap", "Ask: 12.5% off"]);
    expect(sf!.model.rateCards).toHaveLength(2);
    expect(sf!.model.rateCards[0]!.versions[0]!.creditPrice).toEqual({ kind: "direct", pricePerCredit: "0.0045" });
    const firstScenario = sf!.model.scenarios[0]!.id;
    expect(sf!.scenarioVersions?.[firstScenario]).toMatchObject({ rateCard: sf!.model.rateCards[1]!.id, card: sf!.model.rateCards[0]!.id });
    expect(sf!.model.perUser).toEqual({ users: 50, pricePerUserPerMonth: "125" });
    // Observed burn per month: 400,000 + 12,500.5 in January, then February and March.
    expect(sf!.model.observedBurn).toMatchObject({ quantity: "credits", start: "2026-01-01", values: ["412500.50", "450000", "470000"] });
    // Contract 2 has no saved scenario: buildModelDocument's synthetic "Current terms" on its observed spend.
    expect(wd!.model.scenarios).toEqual([{ id: "current", name: "Current terms", demand: { source: "observedBurn" } }]);
    expect(wd!.model.observedBurn).toMatchObject({ quantity: "amount", values: ["310.20", "295", "330.75"] });
    for (const c of exported.contracts) {
      expect(parseModelDocument(c.model).ok).toBe(true);
      expect(() => evaluateModel(c.model)).not.toThrow();
    }
    expect(validateWorkspaceFile(asJson(exported))).toMatchObject({ ok: true });
  });

  it("each model runs as it is with npm run model (scripts/model.ts)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "transfer-"));
    try {
      exported.contracts.forEach((c, i) => {
        const file = path.join(dir, `model-${i}.json`);
        writeFileSync(file, JSON.stringify(c.model));
        const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
        const r = spawnSync(tsx, ["scripts/model.ts", file], { cwd: process.cwd(), encoding: "utf8", timeout: 60_000 });
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
        expect(JSON.parse(r.stdout)).toEqual(evaluateModel(c.model));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the download after the workspace and the day", () => {
    expect(exportFileName("Demo: Acme renewal", new Date("2026-03-05T10:00:00Z"))).toBe("demo-acme-renewal-2026-03-05.workbench.json");
    expect(exportFileName("Ünïcode ✓", new Date("2026-03-05T10:00:00Z"))).toBe("unicode-2026-03-05.workbench.json");
  });
});

describe("round trip", () => {
  it("import into a fresh workspace, export again: the same file up to ids, and the same figures", async () => {
    const fresh = await makeWorkspace(t.db, "Acme renewals");
    const report = await importWorkspace(fresh.ownerCtx, asJson(exported));
    expect(report.vendors.created).toEqual(["Salesforce", "Workday", "Unused vendor"]);
    expect(report.contracts.map((c) => [c.name, c.scenarios, c.burnRows, c.duplicateBurnRows])).toEqual([
      ["Acme Agentforce renewal", 2, 4, 0],
      ["Workday FY26", 0, 3, 0],
    ]);
    // One Salesforce card with both versions (the contract's and the first scenario's), one Workday card.
    expect(report.rateCards).toEqual([
      { name: exported.contracts[0]!.rateCard.name, versions: 2 },
      { name: "Workday Flex (contract)", versions: 1 },
    ]);
    const again = await exportWorkspace(fresh.ownerCtx);
    expect(normalise(asJson(again))).toEqual(normalise(asJson(exported)));
    exported.contracts.forEach((c, i) => {
      expect(normalise(evaluateModel(again.contracts[i]!.model))).toEqual(normalise(evaluateModel(c.model)));
    });
    // Versions come in locked: contracts and scenarios use them.
    const versions = await fresh.ownerCtx.db.select().from(rateCardVersions).where(eq(rateCardVersions.workspaceId, fresh.ws.id));
    expect(versions.every((v) => v.lockedAt !== null)).toBe(true);
    // One audit row per created entity, plus the summary.
    const audit = await fresh.ownerCtx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, fresh.ws.id));
    const actions = audit.map((r) => r.action);
    expect(actions.filter((x) => x === "vendor.create")).toHaveLength(3);
    expect(actions.filter((x) => x === "contract.create")).toHaveLength(2);
    expect(actions.filter((x) => x === "scenario.create")).toHaveLength(2);
    expect(actions.filter((x) => x === "workspace.import")).toHaveLength(1);
  });

  it("importing into a workspace that has the vendors reuses them", async () => {
    const report = await importWorkspace(a.ownerCtx, asJson(exported));
    expect(report.vendors).toEqual({ created: [], reused: ["Salesforce", "Workday", "Unused vendor"] });
    const [row] = await a.ownerCtx.db.select({ n: count() }).from(vendors).where(and(eq(vendors.workspaceId, a.ws.id), eq(vendors.name, "Salesforce")));
    expect(row?.n).toBe(1);
  });
});

describe("refusals", () => {
  it("an invalid file is refused with every problem named by its JSON path, and nothing is stored", async () => {
    const target = await makeWorkspace(t.db, "Target");
    const before = await countsIn(target.ownerCtx);
    const bad = asJson(exported) as any;
    bad.contracts[0].model.scenarios[1].clauses.discount.pct = "150";
    bad.contracts[1].burn[0].periodStart = "2025-13-01";
    bad.contracts[1].contract.currency = "euro";
    const err = await importWorkspace(target.ownerCtx, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    const fe = (err as DomainError).fieldErrors!;
    expect(fe["contracts[0].model.scenarios[1].clauses.discount.pct"]).toEqual(["must be a percentage from 0 to 100"]);
    expect(fe["contracts[1].burn[0].periodStart"]).toEqual(["expected a calendar date YYYY-MM-DD"]);
    expect(fe["contracts[1].contract.currency"]).toBeDefined();
    expect((err as DomainError).message).toMatch(/^The file cannot be imported: /);
    expect(await countsIn(target.ownerCtx)).toEqual(before);

    // The wrapper valid, the model disagreeing with it: still refused by path.
    const drift = asJson(exported) as any;
    drift.contracts[1].model.case.currency = "GBP";
    drift.contracts[0].vendor = "Nobody";
    const err2 = (await importWorkspace(target.ownerCtx, drift).catch((e: unknown) => e)) as DomainError;
    expect(Object.keys(err2.fieldErrors!)).toEqual(expect.arrayContaining(["contracts[1].model.case.currency", "contracts[0].vendor"]));
    expect(await countsIn(target.ownerCtx)).toEqual(before);

    const notOurs = (await importWorkspace(target.ownerCtx, { format: "something-else", version: 2 }).catch((e: unknown) => e)) as DomainError;
    expect(Object.keys(notOurs.fieldErrors!)).toEqual(expect.arrayContaining(["format", "version", "workspace", "vendors", "contracts"]));
  });

  it("a failure while writing (the database refuses a row) leaves nothing behind", async () => {
    const target = await makeWorkspace(t.db, "Target 2");
    const before = await countsIn(target.ownerCtx);
    const bad = asJson(exported) as any;
    // Valid JSON and valid for zod, refused by PostgreSQL (text cannot hold NUL): after the vendors,
    // rate cards, contracts and scenarios have been written.
    bad.contracts[1].burn[2].agent = "bad\u0000agent";
    await expect(importWorkspace(target.ownerCtx, bad)).rejects.toThrow();
    expect(await countsIn(target.ownerCtx)).toEqual(before);
  });

  it("another workspace's export is not found; viewers can export but not import", async () => {
    const outsider = await makeWorkspace(t.db, "Elsewhere");
    await expect(resolveWorkspace(outsider.owner, a.ws.id)).rejects.toMatchObject({ code: "not_found" });
    const viewerExport = await exportWorkspace(viewerA);
    expect(normalise(asJson(viewerExport))).toMatchObject({ format: "renewal-workbench/workspace", workspace: { name: "Acme renewals" } });
    const before = await countsIn(viewerA);
    await expect(importWorkspace(viewerA, asJson(exported))).rejects.toMatchObject({ code: "forbidden" });
    expect(await countsIn(viewerA)).toEqual(before);
  });
});
