import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeBrief } from "@/lib/brief/compose";
import { users } from "@/lib/db/schema/auth";
import { briefs, briefShares, briefVersions, type BriefVersion } from "@/lib/db/schema/briefs";
import { burnRows } from "@/lib/db/schema/burn";
import { contracts, scenarios } from "@/lib/db/schema/contracts";
import { rateCards, rateCardVersions } from "@/lib/db/schema/ratecards";
import { vendors } from "@/lib/db/schema/vendors";
import { auditLog, workspaces } from "@/lib/db/schema/workspaces";
import { DEMO_LOGIN, DEMO_WORKSPACE, seedDemo } from "@/lib/db/seed";
import { evaluateModel } from "@/lib/engine/model/evaluate";
import { parseModelDocument } from "@/lib/engine/model/schema";
import { createBrief, createBriefVersion } from "@/lib/services/briefs/create";
import { createBriefShare } from "@/lib/services/briefs/share";
import { isUuid, resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { listContracts } from "@/lib/services/contracts/list";
import { deleteScenario } from "@/lib/services/scenarios/delete";
import { listScenarios } from "@/lib/services/scenarios/list";
import { createContract } from "@/lib/services/contracts/create";
import { updateContractTerms } from "@/lib/services/contracts/update-terms";
import { createRateCard } from "@/lib/services/ratecards/create";
import { saveRateCardVersion } from "@/lib/services/ratecards/save-version";
import { createScenario } from "@/lib/services/scenarios/create";
import { exportFileName } from "@/lib/services/transfer/export";
import { describeReport } from "@/lib/services/transfer/import";
import { validateWorkspaceFile, type WorkspaceFileInput } from "@/lib/services/transfer/schema";
import { createVendor } from "@/lib/services/vendors/create";
import { DomainError } from "@/lib/services/errors";
import { freshDb, type TestDb } from "./db";
import { exportFile, importFile as importInto } from "./transfer-helpers";
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

const importFile = (ctx: WorkspaceCtx, file: unknown) => importInto(t.db, ctx, file);

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

  exported = await exportFile(ctx);
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
    expect(exportFileName("Demo: Acme renewal", new Date("2026-03-05T10:00:00Z"))).toBe("demo-acme-renewal-2026-03-05.workbench.zip");
    expect(exportFileName("Ünïcode ✓", new Date("2026-03-05T10:00:00Z"))).toBe("unicode-2026-03-05.workbench.zip");
  });
});

describe("round trip", () => {
  it("import into a fresh workspace, export again: the same file up to ids, and the same figures", async () => {
    const fresh = await makeWorkspace(t.db, "Acme renewals");
    const report = await importFile(fresh.ownerCtx, asJson(exported));
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
    const again = await exportFile(fresh.ownerCtx);
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
    const report = await importFile(a.ownerCtx, asJson(exported));
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
    const err = await importFile(target.ownerCtx, bad).catch((e: unknown) => e);
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
    const err2 = (await importFile(target.ownerCtx, drift).catch((e: unknown) => e)) as DomainError;
    expect(Object.keys(err2.fieldErrors!)).toEqual(expect.arrayContaining(["contracts[1].model.case.currency", "contracts[0].vendor"]));
    expect(await countsIn(target.ownerCtx)).toEqual(before);

    const notOurs = (await importFile(target.ownerCtx, { format: "something-else", version: 3 }).catch((e: unknown) => e)) as DomainError;
    expect(Object.keys(notOurs.fieldErrors!)).toEqual(expect.arrayContaining(["format", "version", "workspace", "vendors", "contracts"]));
  });

  it("a failure while writing (the database refuses a row) leaves nothing behind", async () => {
    const target = await makeWorkspace(t.db, "Target 2");
    const before = await countsIn(target.ownerCtx);
    const bad = asJson(exported) as any;
    // Valid JSON and valid for zod, refused by PostgreSQL (text cannot hold NUL): after the vendors,
    // rate cards, contracts and scenarios have been written.
    bad.contracts[1].burn[2].agent = "bad\u0000agent";
    await expect(importFile(target.ownerCtx, bad)).rejects.toThrow();
    expect(await countsIn(target.ownerCtx)).toEqual(before);
  });

  it("another workspace's export is not found; viewers can export but not import", async () => {
    const outsider = await makeWorkspace(t.db, "Elsewhere");
    await expect(resolveWorkspace(outsider.owner, a.ws.id)).rejects.toMatchObject({ code: "not_found" });
    const viewerExport = await exportFile(viewerA);
    expect(normalise(asJson(viewerExport))).toMatchObject({ format: "renewal-workbench/workspace", workspace: { name: "Acme renewals" } });
    const before = await countsIn(viewerA);
    await expect(importFile(viewerA, asJson(exported))).rejects.toMatchObject({ code: "forbidden" });
    expect(await countsIn(viewerA)).toEqual(before);
  });
});

describe("briefs", () => {
  let demo: WorkspaceCtx;
  let file: WorkspaceFileInput;
  /** the demo's briefs as stored (storedBriefs), each with its versions in order */
  let original: { title: string; contract: string; versions: BriefVersion[] }[];
  let shareToken: string;
  let sfAt: number;
  let wdAt: number;

  /** The workspace's briefs as stored: per brief its contract's name and every version. */
  async function storedBriefs(ctx: WorkspaceCtx) {
    const rows = await ctx.db
      .select({ id: briefs.id, title: briefs.title, contract: contracts.name })
      .from(briefs)
      .innerJoin(contracts, eq(contracts.id, briefs.contractId))
      .where(eq(briefs.workspaceId, ctx.workspace.id))
      .orderBy(asc(briefs.createdAt), asc(briefs.id));
    const out: { title: string; contract: string; versions: BriefVersion[] }[] = [];
    for (const b of rows) {
      const versions = await ctx.db.select().from(briefVersions).where(eq(briefVersions.briefId, b.id)).orderBy(asc(briefVersions.version));
      out.push({ title: b.title, contract: b.contract, versions });
    }
    // By contract (an import creates them contract by contract), oldest first within one.
    return out.sort((x, y) => x.contract.localeCompare(y.contract));
  }

  async function briefCounts(ctx: WorkspaceCtx) {
    const ws = ctx.workspace.id;
    return {
      ...(await countsIn(ctx)),
      briefs: (await ctx.db.select({ n: count() }).from(briefs).where(eq(briefs.workspaceId, ws)))[0]?.n ?? 0,
      briefVersions: (await ctx.db.select({ n: count() }).from(briefVersions).where(eq(briefVersions.workspaceId, ws)))[0]?.n ?? 0,
    };
  }

  beforeAll(async () => {
    await seedDemo(t.db);
    const [user] = await t.db.select().from(users).where(eq(users.email, DEMO_LOGIN.email));
    const [ws] = await t.db.select().from(workspaces).where(eq(workspaces.name, DEMO_WORKSPACE));
    demo = await resolveWorkspace({ db: t.db, actor: { id: user!.id, email: user!.email, name: user!.name ?? "" } }, ws!.id);
    const list = await listContracts(demo);
    const sf = list.find((c) => c.vendorName === "Salesforce")!;
    const wd = list.find((c) => c.vendorName === "Workday")!;
    const byName = async (contractId: string) => {
      const rows = await listScenarios(demo, contractId);
      return (name: string) => rows.find((s) => s.name === name)!;
    };

    // ── Salesforce: a brief with two versions, the second on a partial last period and without walk-away ──
    const sfScenario = await byName(sf.id);
    const settings = { vendorScenarioId: sfScenario("Vendor proposal").id, asksScenarioId: sfScenario("Our asks").id, walkAwayScenarioId: sfScenario("Walk-away").id, horizonPeriods: 12, seed: 20261122, paths: 2000 };
    const { brief } = await createBrief(demo, { contractId: sf.id, title: "Agentforce: counter-proposal", settings });
    await t.db.insert(burnRows).values([
      { workspaceId: demo.workspace.id, contractId: sf.id, rowKey: "manual:nov", periodStart: "2026-11-01", periodEnd: "2026-12-01", agent: "Order Status Agent", unit: "action", environment: "production", actions: "50000", credits: "1000000", cost: "5000" },
      { workspaceId: demo.workspace.id, contractId: sf.id, rowKey: "manual:dec", periodStart: "2026-12-01", periodEnd: "2026-12-11", agent: "Order Status Agent", unit: "action", environment: "production", actions: "5000", credits: "100000", cost: "500" },
    ]);
    await createBriefVersion(demo, { briefId: brief.id, note: "November burn; no walk-away", settings: { ...settings, walkAwayScenarioId: null } });
    // Version 3 prices the renewal term: its position is read on a second document, the current term's.
    await createBriefVersion(demo, { briefId: brief.id, note: "Renewal term", settings: { ...settings, horizonStart: "renewal" } });
    shareToken = (await createBriefShare(demo, { briefId: brief.id, version: 1, expiresInDays: 7 })).token;

    // ── Workday: a brief whose walk-away scenario is deleted afterwards, and whose rate card version
    // the contract and its scenarios have left since (so no model in the file carries it) ──
    const wdScenario = await byName(wd.id);
    const walkAway = wdScenario("Walk-away");
    await createBrief(demo, {
      contractId: wd.id,
      settings: { vendorScenarioId: wdScenario("Vendor proposal at the quoted price").id, asksScenarioId: wdScenario("Our asks").id, walkAwayScenarioId: walkAway.id, horizonPeriods: 12, seed: 7, paths: 500 },
    });
    await deleteScenario(demo, { scenarioId: walkAway.id, version: walkAway.version });
    const [wdRow] = await t.db.select().from(contracts).where(eq(contracts.id, wd.id));
    const [w1] = await t.db.select().from(rateCardVersions).where(eq(rateCardVersions.id, wdRow!.rateCardVersionId));
    const { version: w2 } = await saveRateCardVersion(demo, { versionId: w1!.id, revision: w1!.revision, effectiveFrom: w1!.effectiveFrom, source: "Contract price", units: w1!.units, creditPrice: { kind: "direct", pricePerCredit: "0.1" } });
    await updateContractTerms(demo, { contractId: wd.id, version: wdRow!.version, rateCardVersionId: w2.id });
    // As re-saving each scenario does (updateScenario puts it on the contract's current version).
    await t.db.update(scenarios).set({ rateCardVersionId: w2.id }).where(eq(scenarios.contractId, wd.id));

    original = await storedBriefs(demo);
    file = await exportFile(demo);
    sfAt = file.contracts.findIndex((c) => c.vendor === "Salesforce");
    wdAt = file.contracts.findIndex((c) => c.vendor === "Workday");
  }, 120_000);

  it("exports each contract's briefs, every version, in the file's references, and no share link", () => {
    const sf = file.contracts[sfAt]!;
    const wd = file.contracts[wdAt]!;
    expect(sf.briefs!.map((b) => [b.title, b.versions.map((v) => v.version)])).toEqual([["Agentforce: counter-proposal", [1, 2, 3]]]);
    expect(wd.briefs!.map((b) => [b.title, b.versions.length])).toEqual([["Workday renewal: HR and finance agents", 1]]);
    const [v1, v2, v3] = sf.briefs![0]!.versions;
    const modelIds = sf.model.scenarios.map((s) => s.id);
    const byName = (name: string) => sf.model.scenarios.find((s) => s.name === name)!.id;
    expect(v1).toMatchObject({
      title: "Agentforce: counter-proposal",
      preparedBy: "Dana Demo",
      note: null,
      settings: { roles: { vendor: byName("Vendor proposal"), asks: byName("Our asks"), walkAway: byName("Walk-away") }, horizonPeriods: 12, seed: 20261122, paths: 2000 },
      rateCardVersion: sf.model.rateCards[0]!.versions[0]!.id,
      burnThrough: "2026-10-31",
      partialPeriod: null,
    });
    expect(v2).toMatchObject({ note: "November burn; no walk-away", burnThrough: "2026-11-30", partialPeriod: { start: "2026-12-01", through: "2026-12-10" } });
    expect(v2!.settings.roles.walkAway).toBeNull();
    expect(v3).toMatchObject({ settings: { horizonStart: "renewal" }, document: { term: { start: "2027-04-01" } }, positionDocument: { term: { start: "2026-04-01" } } });
    expect(Object.keys(v1!).sort()).toEqual([
      "burnThrough", "contractName", "createdAt", "document", "note", "noticeDays", "partialPeriod", "preparedBy", "preparedOn", "rateCardVersion", "renewalDate", "settings", "title", "vendor", "version",
    ]);
    for (const v of [v1!, v2!]) for (const id of [v.settings.roles.vendor, v.settings.roles.asks]) expect(modelIds).toContain(id);
    // The document is the stored one, with the exporting workspace's ids.
    expect(v1!.document).toEqual(original[0]!.versions[0]!.document);
    // Workday: the walk-away was deleted (in the document only), the version is in no model: its card is named.
    const w = wd.briefs![0]!.versions[0]!;
    expect(wd.model.scenarios.map((s) => s.id)).not.toContain(w.settings.roles.walkAway);
    expect(w.document.scenarios.map((s) => s.id)).toContain(w.settings.roles.walkAway);
    expect(wd.model.rateCards.flatMap((r) => r.versions.map((v) => v.id))).not.toContain(w.rateCardVersion);
    expect(w.rateCard).toEqual({ name: wd.rateCard.name, templateId: "workday-flex-credits-2026-01-01", vendor: "Workday" });
    // Share links stay behind: neither the token nor its hash is in the file.
    const text = JSON.stringify(file);
    expect(text).not.toContain(shareToken);
    expect(text).not.toMatch(/tokenHash|token_hash|expiresAt/);
    expect(validateWorkspaceFile(asJson(file))).toMatchObject({ ok: true });
  });

  it("imports every brief composed again from its document: the same content up to ids, on the new rows", async () => {
    const fresh = await makeWorkspace(t.db, DEMO_WORKSPACE);
    const report = await importFile(fresh.ownerCtx, asJson(file));
    expect(report.contracts.map((c) => [c.name, c.briefs, c.briefVersions])).toEqual(
      file.contracts.map((c) => [c.contract.name, c.briefs!.length, c.briefs!.reduce((n, b) => n + b.versions.length, 0)]),
    );
    expect(describeReport(report)).toMatch(/, 2 briefs, /);
    const imported = await storedBriefs(fresh.ownerCtx);
    expect(imported.map((b) => [b.title, b.contract, b.versions.map((v) => v.version)])).toEqual(original.map((b) => [b.title, b.contract, b.versions.map((v) => v.version)]));

    const newContracts = await fresh.ownerCtx.db.select().from(contracts).where(eq(contracts.workspaceId, fresh.ws.id));
    for (const [i, b] of imported.entries()) {
      const contract = newContracts.find((c) => c.name === b.contract)!;
      const scenarioRows = await fresh.ownerCtx.db.select().from(scenarios).where(eq(scenarios.contractId, contract.id));
      for (const [k, v] of b.versions.entries()) {
        const was = original[i]!.versions[k]!;
        // The money, to the cent: nothing of it carries an id.
        expect(v.content.summary).toEqual(was.content.summary);
        const unnamed = (list: typeof v.content.scenarios) => list.map((x) => ({ ...x, id: "(id)" }));
        expect(unnamed(v.content.scenarios)).toEqual(unnamed(was.content.scenarios));
        expect(v.content.ledgers).toEqual(was.content.ledgers);
        expect(v.content.forecast).toEqual(was.content.forecast);
        expect(v.content.asks).toEqual(was.content.asks);
        // All of it, the ids (rate card version, scenarios) normalised. The Workday version's rate card
        // version is the card's second here: the import numbers versions in the order it meets them.
        const label = (c: typeof v.content) => JSON.parse(JSON.stringify(c).replaceAll(c.inputs.rateCardVersion.label, "(label)")) as typeof c;
        if (b.contract === "HR and finance agents") {
          expect(was.content.inputs.rateCardVersion.label).toMatch(/ v1$/);
          expect(v.content.inputs.rateCardVersion.label).toMatch(/ v2$/);
          expect(normalise(label(v.content))).toEqual(normalise(label(was.content)));
        } else {
          expect(normalise(v.content)).toEqual(normalise(was.content));
        }
        expect(v.content.inputs.rateCardVersion.id).toBe(v.rateCardVersionId);
        expect([v.note, v.createdAt.toISOString(), v.burnThrough]).toEqual([was.note, was.createdAt.toISOString(), was.burnThrough]);
        // Settings name this workspace's scenarios, by the same names; a scenario deleted before the
        // export (Workday's walk-away) gets an id of its own.
        const name = (id: string | null, content: typeof v.content) => content.inputs.scenarios.find((s) => s.id === id)?.name ?? null;
        for (const role of ["vendor", "asks", "walkAway"] as const) {
          const id = v.settings.roles[role];
          expect(name(id, v.content)).toBe(name(was.settings.roles[role], was.content));
          if (id === null) continue;
          expect(id).not.toBe(was.settings.roles[role]);
          const row = scenarioRows.find((s) => s.id === id);
          if (b.contract === "HR and finance agents" && role === "walkAway") expect(row).toBeUndefined();
          else expect(row?.name).toBe(name(id, v.content));
          expect(isUuid(id)).toBe(true);
        }
        // The document carries the same ids, so it composes again to the stored content.
        expect(v.document.rateCards[0]!.versions.map((x) => x.id)).toContain(v.rateCardVersionId);
        expect(v.settings.horizonStart).toBe(was.settings.horizonStart);
        expect(v.positionDocument === null).toBe(was.positionDocument === null);
        if (v.positionDocument) expect(v.positionDocument.rateCards[0]!.versions.map((x) => x.id)).toEqual([v.rateCardVersionId]);
        const startsOn = v.settings.horizonStart === "renewal" ? v.document.term.start : null;
        const again = composeBrief(v.document, evaluateModel(v.document), v.settings.roles, { horizonPeriods: v.settings.horizonPeriods, seed: v.settings.seed, paths: v.settings.paths, startsOn }, {
          ...v.content,
          renewalDate: contract.renewalDate,
          noticeDays: contract.noticeDays,
          rateCardVersion: v.content.inputs.rateCardVersion,
          partialPeriod: v.content.inputs.partialPeriod ?? null,
        }, v.positionDocument ? evaluateModel(v.positionDocument) : null);
        expect(again).toEqual(v.content);
        // The rate card version is this workspace's, and locked.
        const [rcv] = await fresh.ownerCtx.db.select().from(rateCardVersions).where(eq(rateCardVersions.id, v.rateCardVersionId!));
        expect(rcv?.workspaceId).toBe(fresh.ws.id);
        expect(rcv?.lockedAt).not.toBeNull();
      }
    }
    // No share link came along; one audit row per brief and per later version.
    expect(await fresh.ownerCtx.db.select().from(briefShares).where(eq(briefShares.workspaceId, fresh.ws.id))).toEqual([]);
    const audit = await fresh.ownerCtx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, fresh.ws.id));
    expect(audit.filter((r) => r.action === "brief.create")).toHaveLength(2);
    expect(audit.filter((r) => r.action === "brief.version.create")).toHaveLength(2);

    // Export again: the same briefs, up to ids.
    const again = await exportFile(fresh.ownerCtx);
    expect(normalise(asJson(again))).toEqual(normalise(asJson(file)));
  });

  it("imports a file without briefs (written before they travelled)", async () => {
    const target = await makeWorkspace(t.db, "No briefs");
    const old = asJson(file) as any;
    for (const c of old.contracts) delete c.briefs;
    const report = await importFile(target.ownerCtx, old);
    expect(report.contracts.map((c) => c.briefs)).toEqual([0, 0]);
    expect(await briefCounts(target.ownerCtx)).toMatchObject({ briefs: 0, briefVersions: 0 });
  });

  it("refuses a brief that does not hold together, by its path, and writes nothing", async () => {
    const target = await makeWorkspace(t.db, "Target briefs");
    const before = await briefCounts(target.ownerCtx);
    const refused = async (f: unknown) => {
      const err = await importFile(target.ownerCtx, f).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect(await briefCounts(target.ownerCtx)).toEqual(before);
      return (err as DomainError).fieldErrors!;
    };
    const at = `contracts[${sfAt}].briefs[0]`;

    const unknownScenario = asJson(file) as any;
    unknownScenario.contracts[sfAt].briefs[0].versions[0].settings.roles.vendor = randomUUID();
    expect((await refused(unknownScenario))[`${at}.versions[0].settings.roles.vendor`]).toEqual([expect.stringMatching(/^no scenario with id ".+" in this contract's model$/)]);

    const fractionalSeed = asJson(file) as any;
    fractionalSeed.contracts[sfAt].briefs[0].versions[1].settings.seed = 20261122.5;
    expect((await refused(fractionalSeed))[`${at}.versions[1].settings.seed`]).toEqual(["must be a whole number"]);

    // A seed that is whole but not the document's: the content would state one seed and show another's figures.
    const otherSeed = asJson(file) as any;
    otherSeed.contracts[sfAt].briefs[0].versions[1].settings.seed = 1;
    expect((await refused(otherSeed))[`${at}.versions[1].settings.seed`]).toEqual(["must be the document's Monte Carlo seed 20261122"]);

    // The document is checked by the engine's schema and evaluated.
    const badDocument = asJson(file) as any;
    badDocument.contracts[sfAt].briefs[0].versions[0].document.analysis.monteCarlo.paths = 0;
    badDocument.contracts[wdAt].briefs[0].versions[0].document.scenarios[0].clauses = { discount: { kind: "flat", pct: "150" } };
    const fe = await refused(badDocument);
    expect(fe[`${at}.versions[0].document.analysis.monteCarlo.paths`]).toBeDefined();
    expect(fe[`contracts[${wdAt}].briefs[0].versions[0].document.scenarios[0].clauses.discount.pct`]).toEqual(["must be a percentage from 0 to 100"]);

    // A version on a rate card version no model carries must name its card.
    const noCard = asJson(file) as any;
    delete noCard.contracts[wdAt].briefs[0].versions[0].rateCard;
    expect(Object.keys(await refused(noCard))).toEqual([`contracts[${wdAt}].briefs[0].versions[0].rateCard`]);
  });

  it("never exports another workspace's briefs", async () => {
    const other = await exportFile(a.ownerCtx);
    expect(other.contracts.length).toBeGreaterThan(0);
    expect(other.contracts.every((c) => c.briefs?.length === 0)).toBe(true);
    expect(JSON.stringify(other)).not.toContain("Agentforce: counter-proposal");
    const outsider = await makeWorkspace(t.db, "Outsider");
    expect((await exportFile(outsider.ownerCtx)).contracts).toEqual([]);
  });
});
