// The forecast of record through the job queue: every input change recomputes the stored forecast
// (on PGlite and on PostgreSQL), with figures checked by hand; pages read it without the engine.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractForecasts } from "@/lib/db/schema/forecasts";
import type { JobQueue } from "@/lib/jobs/queue";
import { startJobRunner } from "@/lib/jobs/runner";
import { addBurnRow } from "@/lib/services/burn/add-row";
import type { WorkspaceCtx } from "@/lib/services/context";
import { updateContractTerms } from "@/lib/services/contracts/update-terms";
import { getContractOrThrow } from "@/lib/services/contracts/get";
import { getForecast, type ForecastView } from "@/lib/services/forecast/read";
import { setForecastBasis } from "@/lib/services/forecast/set-basis";
import { getPortfolio } from "@/lib/services/portfolio/get";
import { getRateCardVersionOrThrow } from "@/lib/services/ratecards/get";
import { saveRateCardVersion } from "@/lib/services/ratecards/save-version";
import { createScenario } from "@/lib/services/scenarios/create";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";

const TODAY = "2026-04-15";

let t: TestDb;
let owner: WorkspaceCtx;
let viewer: WorkspaceCtx;
let outsider: WorkspaceCtx;
let queue: JobQueue;
let contractId: string;

/** Waits until the stored forecast is settled (nothing pending) and `ok` holds. */
async function settled(ctx: WorkspaceCtx, id: string, ok: (f: ForecastView) => boolean = () => true): Promise<ForecastView> {
  const until = Date.now() + 20_000;
  let last: ForecastView | null = null;
  while (Date.now() < until) {
    last = await getForecast(ctx, id, { today: TODAY });
    if (!last.recomputing && last.state !== "none" && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the forecast did not settle: ${JSON.stringify({ state: last?.state, recomputing: last?.recomputing, cost: last?.result?.cost, error: last?.lastError })}`);
}

// 20 credits an action (the Salesforce template) × 6,000 actions a month = 120,000 credits a month.
const DRIVERS = { units: [{ unit: "action", actionsPerMonth: 6000 }] };
// 100,000 credits a month for a $500 fee; beyond it, overage at the list price ($0.005 a credit).
const CLAUSES = {
  allotments: [{ id: "monthly", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: "100000" }, feePerCycle: "500" }],
  onExhaustion: { kind: "overage", overage: { price: { kind: "list" } } },
};

beforeAll(async () => {
  t = await freshDb();
  const w = await makeWorkspace(t.db, "Forecasts");
  owner = w.ownerCtx;
  viewer = await addMember(t.db, w.ws.id, "viewer");
  outsider = (await makeWorkspace(t.db, "Elsewhere")).ownerCtx;
  queue = await startJobRunner(t.db, { pollingIntervalSeconds: 0.5, schedules: false, today: () => TODAY });
  contractId = (await makeSalesforceContract(owner, { drivers: DRIVERS, clauses: CLAUSES })).contract.id;
}, 60_000);
afterAll(async () => {
  await queue.stop({ timeoutMs: 2000 });
  await t.close();
});

describe("the forecast of record, recomputed through the queue", () => {
  it("is computed after the contract is created: from the drivers while there is no burn", async () => {
    const f = await settled(viewer, contractId);
    expect(f.result?.basis).toBe("drivers");
    expect(f.result?.basisSource).toBe("default");
    // Every month: 120,000 credits demanded, 100,000 from the allotment ($500), 20,000 overage at
    // $0.005 = $100 → $600 a month, $7,200.00 over the 12 months of 2026.
    expect(f.result?.cost.consumption).toBe("7200.00");
    // The factory's fixed line: 80 seats × $165 a month × 12 = $158,400.00, shown apart; total $165,600.00.
    expect(f.result?.cost).toEqual({ consumption: "7200.00", fixed: "158400.00", total: "165600.00" });
    // January 2026 has 22 working days (1, 2, 5–9, 12–16, 19–23, 26–30); the allotment covers
    // 100,000 / 120,000 of them (18.3): the balance fails on the 19th working day, 27 January.
    expect(f.result?.runOut).toMatchObject({ date: "2026-01-27", remedy: "overage", remedyCost: "1200.00" });
  });

  it("a burn row recomputes it: observed to date, then the drivers", async () => {
    await addBurnRow(owner, { contractId, periodStart: "2026-01-01", periodEnd: "2026-02-01", agent: "Service Agent", unit: "action", actions: "8000", credits: "160000" });
    const f = await settled(viewer, contractId, (x) => x.result?.basis === "observedThenDrivers");
    expect(f.result?.observed?.periods.map((p) => [p.start, p.value])).toEqual([["2026-01-01", "160000"]]);
    // January as observed: 60,000 credits of overage = $300; February–December from the drivers,
    // $100 each: 12 × $500 + $300 + 11 × $100 = $7,400.00.
    expect(f.result?.cost.consumption).toBe("7400.00");
    // 100,000 of January's 160,000 credits: 62.5% of its 22 working days (13.75); the 14th working
    // day of January 2026 (1, 2, 5–9, 12–16, 19, 20) is the 20th.
    expect(f.result?.runOut?.date).toBe("2026-01-20");
  });

  it("a terms change recomputes it", async () => {
    const c = await getContractOrThrow(owner, contractId);
    const bigger = { ...CLAUSES, allotments: [{ ...CLAUSES.allotments[0]!, size: { kind: "fixed", credits: "120000" } }] };
    await updateContractTerms(owner, { contractId, version: c.version, clauses: bigger });
    const f = await settled(viewer, contractId, (x) => x.result?.cost.consumption !== "7400.00");
    // 120,000 credits a month now: only January overflows, by 40,000 × $0.005 = $200: 12 × $500 + $200.
    expect(f.result?.cost.consumption).toBe("6200.00");
    // 120,000 / 160,000 = 75% of 22 working days (16.5): the 17th working day, 23 January.
    expect(f.result?.runOut?.date).toBe("2026-01-23");
  });

  it("a move to another rate card version recomputes it", async () => {
    const c = await getContractOrThrow(owner, contractId);
    const v1 = await getRateCardVersionOrThrow(owner, c.rateCardVersionId);
    // The locked version 1 is edited into a draft version 2 at $0.01 a credit.
    const { version: v2 } = await saveRateCardVersion(owner, {
      versionId: v1.id,
      revision: v1.revision,
      effectiveFrom: "2025-01-01",
      source: "renegotiated list price",
      units: v1.units,
      creditPrice: { kind: "direct", pricePerCredit: "0.01" },
    });
    await updateContractTerms(owner, { contractId, version: c.version, rateCardVersionId: v2.id });
    const f = await settled(viewer, contractId, (x) => x.result?.cost.consumption !== "6200.00");
    // January's 40,000 credits of overage at $0.01 = $400: 12 × $500 + $400 = $6,400.00.
    expect(f.result?.cost.consumption).toBe("6400.00");
  });

  it("a basis chosen on the contract is used, and one its data cannot support is refused", async () => {
    let c = await getContractOrThrow(owner, contractId);
    await setForecastBasis(owner, { contractId, version: c.version, basis: "drivers" });
    const f = await settled(viewer, contractId, (x) => x.result?.basis === "drivers");
    expect(f.result?.basisSource).toBe("chosen");
    // Every month from the drivers again (January 120,000, fully granted): no overage, 12 × $500.
    expect(f.result?.cost.consumption).toBe("6000.00");
    c = await getContractOrThrow(owner, contractId);
    // One observed month: no trend can be fitted.
    await expect(setForecastBasis(owner, { contractId, version: c.version, basis: "observedTrend" })).rejects.toThrow(/not possible for this contract: a trend needs burn in at least two consecutive periods/);
    await expect(setForecastBasis(viewer, { contractId, version: c.version, basis: null })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setForecastBasis(outsider, { contractId, version: c.version, basis: null })).rejects.toMatchObject({ code: "not_found" });
  });

  it("reading it is the workspace's business only", async () => {
    await expect(getForecast(outsider, contractId)).rejects.toMatchObject({ code: "not_found" });
    const { rows } = await getPortfolio(outsider, { today: TODAY });
    expect(rows).toEqual([]);
  });

  it("a page finds a forecast stale when an input changed without asking, and a recomputation puts it right", async () => {
    // A write path that does not ask for a recomputation (a direct SQL change of the drivers).
    await t.db.execute(sql`update contracts set drivers = ${JSON.stringify({ units: [{ unit: "action", actionsPerMonth: 7000 }] })}::jsonb, version = version + 1 where id = ${contractId}`);
    const stale = await getForecast(viewer, contractId, { today: TODAY });
    expect(stale.stale).toBe(true);
    expect(stale.recomputing).toBe(true);
    // The figures shown meanwhile are the last stored.
    expect(stale.result?.cost.consumption).toBe("6000.00");
    const { enqueueForecast } = await import("@/lib/services/forecast/recompute");
    await enqueueForecast(t.db, owner.workspace.id, contractId, { today: TODAY });
    const f = await settled(viewer, contractId, (x) => x.result?.cost.consumption !== "6000.00");
    // 7,000 actions × 20 = 140,000 credits a month, 20,000 over the 120,000 allotment at $0.01 = $200 a month: 12 × $700.
    expect(f.result?.cost.consumption).toBe("8400.00");
  });

  it("asking twice for the same inputs queues one recomputation", async () => {
    const { enqueueForecast } = await import("@/lib/services/forecast/recompute");
    await t.db.execute(sql`update contracts set drivers = ${JSON.stringify({ units: [{ unit: "action", actionsPerMonth: 6500 }] })}::jsonb, version = version + 1 where id = ${contractId}`);
    await queue.stop({ timeoutMs: 2000 });
    await Promise.all([1, 2, 3].map(() => enqueueForecast(t.db, owner.workspace.id, contractId, { today: TODAY })));
    const [queued] = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'forecast_compute' and state = 'created' and singleton_key like ${contractId + ":%"}`).then((r) => (Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows));
    expect(queued?.n).toBe(1);
    queue = await startJobRunner(t.db, { pollingIntervalSeconds: 0.5, schedules: false, today: () => TODAY });
    const f = await settled(viewer, contractId, (x) => x.result?.cost.consumption !== "8400.00");
    // 6,500 × 20 = 130,000 credits: 10,000 over at $0.01 = $100 a month: 12 × $600.
    expect(f.result?.cost.consumption).toBe("7200.00");
  });

  it("a terms save that would break a saved scenario is refused, naming it", async () => {
    await createScenario(owner, { contractId, name: "Heavier use", demand: { source: "drivers", drivers: { monthlyGrowthPct: 5 } } });
    const c = await getContractOrThrow(owner, contractId);
    await expect(updateContractTerms(owner, { contractId, version: c.version, drivers: null })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/These terms would break a saved scenario: "Heavier use" \(.*needs `drivers`/),
      fieldErrors: { drivers: ["Saved scenarios that would no longer compute: Heavier use."] },
    });
    // Nothing was written.
    expect((await getContractOrThrow(owner, contractId)).drivers).not.toBeNull();
  });

  it("stores each result under the inputs' key, and the day it was computed for", async () => {
    const [row] = await t.db.select().from(contractForecasts).where(and(eq(contractForecasts.contractId, contractId)));
    expect(row?.asOf).toBe(TODAY);
    expect(row?.inputKey).toMatch(/^[0-9a-f]{40}$/);
    expect(row?.requestedKey).toBeNull();
  });
});
