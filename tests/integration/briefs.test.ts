import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema/auth";
import { briefShares, briefVersions } from "@/lib/db/schema/briefs";
import { burnRows } from "@/lib/db/schema/burn";
import { workspaces } from "@/lib/db/schema/workspaces";
import { DEMO_LOGIN, seedDemo } from "@/lib/db/seed";
import { evaluateModel } from "@/lib/engine/model/evaluate";
import { composeBrief } from "@/lib/brief/compose";
import { resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { listContracts } from "@/lib/services/contracts/list";
import { deleteContract } from "@/lib/services/contracts/delete";
import { getContractOrThrow } from "@/lib/services/contracts/get";
import { contractDeletionImpact } from "@/lib/services/contracts/deletion-impact";
import { listScenarios } from "@/lib/services/scenarios/list";
import { createBrief, createBriefVersion } from "@/lib/services/briefs/create";
import { deleteBrief } from "@/lib/services/briefs/delete";
import { getBriefVersion, listBriefShares, listBriefs } from "@/lib/services/briefs/read";
import { contentForShareToken, createBriefShare, revokeBriefShare } from "@/lib/services/briefs/share";
import { demoBrief } from "@/tests/support/brief-demo";
import { freshDb, type TestDb } from "./db";
import { addMember, makeWorkspace } from "./factories";

let t: TestDb;
let demo: WorkspaceCtx;
let viewer: WorkspaceCtx;
let outsider: WorkspaceCtx;
let contractId: string;
let settings: { vendorScenarioId: string; asksScenarioId: string; walkAwayScenarioId: string; horizonPeriods: number; seed: number; paths: number };

beforeAll(async () => {
  t = await freshDb();
  await seedDemo(t.db);
  const [user] = await t.db.select().from(users).where(eq(users.email, DEMO_LOGIN.email));
  const [ws] = await t.db.select().from(workspaces);
  demo = await resolveWorkspace({ db: t.db, actor: { id: user!.id, email: user!.email, name: user!.name ?? "" } }, ws!.id);
  viewer = await addMember(t.db, ws!.id, "viewer");
  outsider = (await makeWorkspace(t.db, "Other")).ownerCtx;
  const contract = (await listContracts(demo)).find((c) => c.vendorName === "Salesforce")!;
  contractId = contract.id;
  const scenarios = await listScenarios(demo, contractId);
  const id = (name: string) => scenarios.find((s) => s.name === name)!.id;
  settings = { vendorScenarioId: id("Vendor proposal"), asksScenarioId: id("Our asks"), walkAwayScenarioId: id("Walk-away"), horizonPeriods: 12, seed: 20261122, paths: 2000 };
}, 60_000);
afterAll(() => t.close());

describe("briefs", () => {
  let briefId: string;

  it("builds version 1 from the demo contract with the same figures as the engine on the in-memory estate", async () => {
    const { brief, version } = await createBrief(demo, { contractId, settings });
    briefId = brief.id;
    expect(version.version).toBe(1);
    const got = await getBriefVersion(demo, brief.id);
    const c = got.version.content;
    const expected = demoBrief(0).content;
    // Same estate, same seed and paths: the same money, to the cent.
    expect(c.summary.vendor).toEqual(expected.summary.vendor);
    expect(c.summary.asks).toEqual(expected.summary.asks);
    expect(c.summary.atStakeP50).toBe(expected.summary.atStakeP50);
    expect(c.asks.map((a) => [a.name, a.savingP50, a.savingP90])).toEqual(expected.asks.map((a) => [a.name, a.savingP50, a.savingP90]));
    expect(c.walkAway.perUser?.breakEvenActionsPerUserPerMonth).toBe("1250");
    expect(c.inputs).toMatchObject({ seed: 20261122, paths: 2000, horizonPeriods: 12, burnThrough: "2026-10-31" });
    expect(c.timeline.find((e) => e.kind === "notice")?.date).toBe("2027-01-01");
    expect(c.risks.length).toBeGreaterThan(0);
    expect(got.version.burnThrough).toBe("2026-10-31");
    // The stored document re-evaluates to the stored content.
    const again = composeBrief(got.version.document, evaluateModel(got.version.document), got.version.settings.roles, { horizonPeriods: 12, seed: 20261122, paths: 2000 }, {
      title: c.title, vendor: c.vendor, contractName: c.contractName, currency: c.currency, preparedOn: c.preparedOn, preparedBy: c.preparedBy, version: 1,
      renewalDate: "2027-04-01", noticeDays: 90, rateCardVersion: c.inputs.rateCardVersion,
    });
    expect(again).toEqual(c);
  });

  it("keeps a version unchanged when burn changes; a new version sees the new burn", async () => {
    const before = (await getBriefVersion(demo, briefId, 1)).version.content;
    await t.db.insert(burnRows).values({ workspaceId: demo.workspace.id, contractId, rowKey: "manual:test-nov", periodStart: "2026-11-01", periodEnd: "2026-12-01", agent: "Order Status Agent", unit: "action", environment: "production", actions: "50000", credits: "1000000", cost: "5000" });
    const { version } = await createBriefVersion(demo, { briefId, note: "November burn" });
    expect(version.version).toBe(2);
    const v1 = (await getBriefVersion(demo, briefId, 1)).version.content;
    const v2 = await getBriefVersion(demo, briefId, 2);
    expect(v1).toEqual(before);
    expect(v2.version.content.inputs.burnThrough).toBe("2026-11-30");
    expect(v2.version.content.inputs.seed).toBe(20261122);
    expect(v2.versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await getBriefVersion(demo, briefId)).version.version).toBe(2);
  });

  it("leaves out a trailing period the burn does not cover to its end, and says so", async () => {
    await t.db.insert(burnRows).values({ workspaceId: demo.workspace.id, contractId, rowKey: "manual:test-dec", periodStart: "2026-12-01", periodEnd: "2026-12-11", agent: "Order Status Agent", unit: "action", environment: "production", actions: "5000", credits: "100000", cost: "500" });
    const { version } = await createBriefVersion(demo, { briefId, settings: { ...settings, walkAwayScenarioId: null } });
    const v = await getBriefVersion(demo, briefId, version.version);
    expect(v.version.content.inputs.burnThrough).toBe("2026-11-30");
    expect(v.version.content.position!.observed.at(-1)!.start).toBe("2026-11-01");
    expect(v.version.content.assumptions.find((a) => a.label === "Partial period left out")?.value).toBe(
      "Burn of the period starting 1 Dec 2026 covers only up to 10 Dec 2026; it is left out of the trend and the diagnostics, where it would read as a drop in burn.",
    );
    // New settings for this version only: no walk-away now, the seed kept.
    expect(v.version.settings.roles.walkAway).toBeNull();
    expect(v.version.content.summary.walkAway).toBeNull();
    expect((await getBriefVersion(demo, briefId, 2)).version.settings.roles.walkAway).toBe(settings.walkAwayScenarioId);
  });

  it("prices the renewal term: a horizon from the renewal date, past the ramp, with the position still read on the current term", async () => {
    const { brief } = await createBrief(demo, { contractId, title: "Renewal term", settings: { ...settings, horizonStart: "renewal" } });
    const v = (await getBriefVersion(demo, brief.id)).version;
    const c = v.content;
    expect(v.settings.horizonStart).toBe("renewal");
    expect(c.inputs).toMatchObject({ horizonStart: "2027-04-01", horizonEnd: "2028-03-31" });
    expect(v.document.term.start).toBe("2027-04-01");
    expect(v.document.drivers).toMatchObject({ start: "2026-04-01" });
    // Past the ramp: every month of the likely run at 75% of 100 seats (750,000 credits at 20 working days).
    const vendorLedger = c.ledgers.find((l) => l.role === "vendor")!;
    expect(vendorLedger.lines[0]!.start).toBe("2027-04-01");
    const termBrief = (await getBriefVersion(demo, briefId)).version.content;
    expect(Number(vendorLedger.lines[0]!.demandCredits)).toBeGreaterThan(Number(termBrief.ledgers[0]!.lines[0]!.demandCredits));
    // The position is the current term's, as in a brief whose horizon starts at the term start.
    expect(v.positionDocument?.term.start).toBe("2026-04-01");
    expect(c.position).toMatchObject({ asOf: termBrief.position!.asOf, balanceCredits: termBrief.position!.balanceCredits, exhaustionDate: termBrief.position!.exhaustionDate });
    // Both stored documents re-evaluate to the stored content.
    expect(c.assumptions.find((a) => a.label === "Horizon")?.value).toContain("The renewal term from 1 Apr 2027");
    const again = composeBrief(v.document, evaluateModel(v.document), v.settings.roles, { horizonPeriods: 12, seed: 20261122, paths: 2000, startsOn: "2027-04-01" }, {
      title: c.title, vendor: c.vendor, contractName: c.contractName, currency: c.currency, preparedOn: c.preparedOn, preparedBy: c.preparedBy, version: 1,
      renewalDate: "2027-04-01", noticeDays: 90, rateCardVersion: c.inputs.rateCardVersion, partialPeriod: c.inputs.partialPeriod,
    }, evaluateModel(v.positionDocument!));
    expect(again).toEqual(c);
  });

  it("moves the clauses' dates to the renewal term, and refuses what cannot be priced there", async () => {
    // Workday's asks buy a 432,000-credit paid tier on 1 Feb 2026, the current term's first day:
    // in the renewal term the same purchase falls on 1 Feb 2027.
    const workday = (await listContracts(demo)).find((c) => c.vendorName === "Workday")!;
    const ws = await listScenarios(demo, workday.id);
    const id = (name: string) => ws.find((s) => s.name === name)!.id;
    const wdSettings = { vendorScenarioId: id("Vendor proposal at the quoted price"), asksScenarioId: id("Our asks"), walkAwayScenarioId: id("Walk-away"), horizonPeriods: 12, seed: 7, paths: 500, horizonStart: "renewal" as const };
    const { brief } = await createBrief(demo, { contractId: workday.id, settings: wdSettings });
    const v = (await getBriefVersion(demo, brief.id)).version;
    expect(v.document.term.start).toBe("2027-02-01");
    const asks = v.document.scenarios.find((s) => s.id === wdSettings.asksScenarioId)!;
    expect((asks.clauses as { packs: { purchaseDate: string }[] }).packs[0]!.purchaseDate).toBe("2027-02-01");
    expect(v.content.summary.asks.p50).not.toBeNull();

    // An observed-burn scenario cannot be projected a whole term ahead.
    const { createScenario } = await import("@/lib/services/scenarios/create");
    const trend = await createScenario(demo, { contractId, name: "At the trend", demand: { source: "observedBurn" } });
    await expect(createBrief(demo, { contractId, settings: { ...settings, vendorScenarioId: trend.id, horizonStart: "renewal" } })).rejects.toThrow(/"At the trend" takes its demand from the observed burn trend/);
  });

  it("lets viewers read but not write, and hides briefs from other workspaces", async () => {
    expect((await listBriefs(viewer)).map((b) => b.id)).toContain(briefId);
    await expect(getBriefVersion(viewer, briefId, 1)).resolves.toBeTruthy();
    await expect(createBrief(viewer, { contractId, settings })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createBriefVersion(viewer, { briefId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createBriefShare(viewer, { briefId, version: 1, expiresInDays: 7 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteBrief(viewer, briefId)).rejects.toMatchObject({ code: "forbidden" });
    expect(await listBriefs(outsider)).toEqual([]);
    await expect(getBriefVersion(outsider, briefId)).rejects.toMatchObject({ code: "not_found" });
    await expect(createBriefVersion(outsider, { briefId })).rejects.toMatchObject({ code: "not_found" });
    await expect(createBriefShare(outsider, { briefId, version: 1, expiresInDays: 7 })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteBrief(outsider, briefId)).rejects.toMatchObject({ code: "not_found" });
    await expect(createBrief(outsider, { contractId, settings })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses bad settings with the field named, and writes nothing", async () => {
    const n = (await t.db.select().from(briefVersions)).length;
    await expect(createBrief(demo, { contractId, settings: { ...settings, asksScenarioId: settings.vendorScenarioId } })).rejects.toThrow(/different scenario/);
    await expect(createBrief(demo, { contractId, settings: { ...settings, horizonPeriods: 0 } })).rejects.toThrow(/at least one period/);
    await expect(createBrief(demo, { contractId, settings: { ...settings, walkAwayScenarioId: "not-a-uuid" } })).rejects.toMatchObject({ code: "not_found" });
    await expect(getBriefVersion(demo, briefId, 99_999_999_999)).rejects.toMatchObject({ code: "not_found" });
    expect((await t.db.select().from(briefVersions)).length).toBe(n);
  });

  it("shares one version read-only until the link expires or is revoked", async () => {
    const now = new Date("2026-11-22T12:00:00Z");
    const share = await createBriefShare(demo, { briefId, version: 1, expiresInDays: 7 }, now);
    const content = (await contentForShareToken(t.db, share.token, now))?.content;
    expect(content?.version).toBe(1);
    expect(content?.summary.atStakeP50).toBe((await getBriefVersion(demo, briefId, 1)).version.content.summary.atStakeP50);
    // Only the hash is stored.
    const stored = await t.db.select().from(briefShares);
    expect(stored.map((s) => s.tokenHash)).not.toContain(share.token);
    expect(await contentForShareToken(t.db, share.token, new Date("2026-11-29T12:00:01Z"))).toBeNull();
    expect(await contentForShareToken(t.db, "x".repeat(43), now)).toBeNull();
    await expect(revokeBriefShare(outsider, share.id)).rejects.toMatchObject({ code: "not_found" });
    await revokeBriefShare(demo, share.id);
    expect(await contentForShareToken(t.db, share.token, now)).toBeNull();
    const listed = await listBriefShares(demo, briefId);
    expect(listed[0]).toMatchObject({ id: share.id, version: 1 });
    expect(listed[0]!.revokedAt).not.toBeNull();
    expect(await listBriefShares(outsider, briefId)).toEqual([]);
  });

  it("deleting a brief removes its versions and kills its links", async () => {
    const share = await createBriefShare(demo, { briefId, version: 3, expiresInDays: 30 });
    expect(await contentForShareToken(t.db, share.token)).not.toBeNull();
    await deleteBrief(demo, briefId);
    expect(await contentForShareToken(t.db, share.token)).toBeNull();
    await expect(getBriefVersion(demo, briefId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("deleting the contract says first what it takes (its briefs, their live links, scenarios, burn), then takes exactly that", async () => {
    const { brief } = await createBrief(demo, { contractId, settings: { ...settings, paths: 200 } });
    const now = new Date();
    const live = await createBriefShare(demo, { briefId: brief.id, version: 1, expiresInDays: 7 }, now);
    const revoked = await createBriefShare(demo, { briefId: brief.id, version: 1, expiresInDays: 7 }, now);
    await revokeBriefShare(demo, revoked.id);
    const rows = await t.db.select({ id: burnRows.id }).from(burnRows).where(eq(burnRows.contractId, contractId));
    const scenarioCount = (await listScenarios(demo, contractId)).length;
    const briefsOfContract = (await listBriefs(demo, { contractId })).map((b) => ({ title: b.title, versions: b.latestVersion })).sort((a, b) => a.title.localeCompare(b.title));
    expect(briefsOfContract).toContainEqual({ title: brief.title, versions: 1 });

    const impact = await contractDeletionImpact(demo, contractId, now);
    expect(impact).toEqual({
      name: "Agentforce service estate",
      scenarios: scenarioCount,
      burnRows: rows.length,
      imports: 0, // the demo's burn is seeded, not imported
      briefs: briefsOfContract,
      liveShareLinks: 1, // the revoked one and the earlier tests' expired or deleted ones do not count
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(scenarioCount).toBeGreaterThanOrEqual(3);
    // Another workspace cannot read it.
    await expect(contractDeletionImpact(outsider, contractId)).rejects.toMatchObject({ code: "not_found" });

    const c = await getContractOrThrow(demo, contractId);
    await deleteContract(demo, { contractId, version: c.version });
    expect(await contentForShareToken(t.db, live.token, now)).toBeNull();
    expect(await listBriefs(demo, { contractId })).toEqual([]);
    expect(await t.db.select({ id: burnRows.id }).from(burnRows).where(eq(burnRows.contractId, contractId))).toEqual([]);
  });
});
