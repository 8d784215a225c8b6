import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateModel } from "@/lib/engine/model/evaluate";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { templateById, toRateCardVersionDoc } from "@/lib/ratecards/templates";
import type { WorkspaceCtx } from "@/lib/services/context";
import { getRateCardVersionOrThrow } from "@/lib/services/ratecards/get";
import { createScenario } from "@/lib/services/scenarios/create";
import { deleteScenario } from "@/lib/services/scenarios/delete";
import { evaluateScenarios } from "@/lib/services/scenarios/evaluate";
import { getScenarioOrThrow } from "@/lib/services/scenarios/get";
import { listScenarios } from "@/lib/services/scenarios/list";
import { updateScenario } from "@/lib/services/scenarios/update";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";

let t: TestDb;
let a: Awaited<ReturnType<typeof makeWorkspace>>;
let b: Awaited<ReturnType<typeof makeWorkspace>>;
let editor: WorkspaceCtx;
let viewer: WorkspaceCtx;

// Current terms: a monthly allocation of 500,000 credits for $2,500, overage at list price.
const CLAUSES = {
  allotments: [{ id: "monthly", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: "500000" }, feePerCycle: "2500" }],
  onExhaustion: { kind: "overage", overage: { price: { kind: "list" } } },
};
const DRIVERS = { licensedSeats: 50, units: [{ unit: "action", actionsPerActiveAgentPerDay: 25 }] };
// The ask: unused credits roll over for a quarter, and overage becomes a quarterly true-up capped at $500.
const ASK = {
  allotments: [{ ...CLAUSES.allotments[0], rollover: { sharePct: "100", expiresAfterCycles: 3 } }],
  onExhaustion: { kind: "trueUp", trueUp: { schedule: { kind: "everyNPeriods", n: 3 }, cap: { kind: "amount", amount: "500" } } },
};

/** The same case written by hand, straight from the template: what the engine must give for it. */
function handDocument(scenario: { id: string; name: string; clauses?: unknown }): ModelDocumentInput {
  const t = templateById("salesforce-agentforce-flex-credits-2025-05-15")!;
  return {
    version: 1,
    case: { name: "Acme Agentforce renewal", vendor: "Salesforce", currency: "USD" },
    term: { start: "2026-01-01", periods: 12, granularity: "month" },
    rateCards: [{ id: "sf", versions: [toRateCardVersionDoc(t)] }],
    contract: { ...CLAUSES, termStart: "2026-01-01" } as ModelDocumentInput["contract"],
    drivers: DRIVERS,
    scenarios: [{ ...scenario, demand: { source: "drivers" } } as ModelDocumentInput["scenarios"][number]],
  };
}

/** Figures only: ids of rate cards and versions differ between the two documents, numbers must not. */
function figures(s: { rows: { rateCardVersionId: string }[]; summary: unknown }) {
  return { rows: s.rows.map(({ rateCardVersionId: _v, ...rest }) => (void _v, rest)), summary: s.summary };
}

beforeAll(async () => {
  t = await freshDb();
  a = await makeWorkspace(t.db, "A");
  b = await makeWorkspace(t.db, "B");
  editor = await addMember(t.db, a.ws.id, "editor");
  viewer = await addMember(t.db, a.ws.id, "viewer");
});
afterAll(() => t.close());

describe("evaluating on the server", () => {
  it("current terms give the engine's figures: 50 agents × 25 actions × working days × 20 credits at $0.005", async () => {
    const { contract } = await makeSalesforceContract(editor, { clauses: CLAUSES, drivers: DRIVERS });
    const { result, doc } = await evaluateScenarios(viewer, { contractId: contract.id });
    const current = result.scenarios[0]!;
    expect(current.name).toBe("Current terms");
    // January 2026 has 22 working days: 50 × 25 × 22 = 27,500 actions × 20 = 550,000 credits.
    // 500,000 from the allocation ($2,500 fee) + 50,000 overage × $0.005 = $250 → $2,750.
    expect(current.rows[0]!.demand.credits).toBe("550000");
    expect(current.rows[0]!.credits.overage).toBe("50000");
    expect(current.rows[0]!.cost.total).toBe("2750");
    // February 2026: 20 working days → 500,000 credits, all from the allocation → $2,500.
    expect(current.rows[1]!.cost.total).toBe("2500");
    expect(figures(current)).toEqual(figures(evaluateModel(handDocument({ id: "current", name: "Current terms" })).scenarios[0]!));
    expect(evaluateModel(doc)).toEqual(result);
  });

  it("a draft is evaluated after 'Current terms' on the same demand, with its cost difference", async () => {
    const { contract } = await makeSalesforceContract(editor, { clauses: CLAUSES, drivers: DRIVERS });
    const { result } = await evaluateScenarios(editor, { contractId: contract.id, draft: { name: "Ask", demand: { source: "drivers" }, clauses: ASK } });
    expect(result.scenarios.map((s) => s.name)).toEqual(["Current terms", "Ask"]);
    const expected = evaluateModel(handDocument({ id: "ask", name: "Ask", clauses: ASK })).scenarios[0]!;
    expect(figures(result.scenarios[1]!)).toEqual(figures(expected));
    expect(result.comparison[1]!.costVsFirst).not.toBeNull();
  });

  it("names the field at fault in a draft, and explains a demand that cannot be computed", async () => {
    const { contract } = await makeSalesforceContract(editor, { clauses: CLAUSES, drivers: DRIVERS });
    await expect(
      evaluateScenarios(editor, { contractId: contract.id, draft: { name: "Bad", clauses: { discount: { kind: "flat", pct: 150 } } } }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { "clauses.discount.pct": ["must be a percentage from 0 to 100"] } });
    await expect(
      evaluateScenarios(editor, { contractId: contract.id, draft: { name: "Trend", demand: { source: "observedBurn" } } }),
    ).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("observed burn") });
  });
});

describe("priced over the renewal term", () => {
  it("a draft over the renewal term runs from the renewal date, as long as the current term, with the same clauses", async () => {
    const { contract } = await makeSalesforceContract(editor, { clauses: CLAUSES, drivers: DRIVERS });
    const { result, doc, startsOn } = await evaluateScenarios(viewer, { contractId: contract.id, draft: { name: "Ask", demand: { source: "drivers" }, clauses: ASK }, horizon: "renewal" });
    expect(startsOn).toBe("2027-01-01");
    expect(doc.term).toEqual({ start: "2027-01-01", periods: 12, granularity: "month" });
    const [current, ask] = result.scenarios;
    expect(current!.rows.map((r) => r.period.label)).toEqual(["2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06", "2027-07", "2027-08", "2027-09", "2027-10", "2027-11", "2027-12"]);
    // January 2027 has 21 working days: 50 × 25 × 21 = 26,250 actions × 20 = 525,000 credits;
    // 500,000 from the allocation ($2,500) + 25,000 overage × $0.005 = $125 → $2,625.
    expect(current!.rows[0]!.demand.credits).toBe("525000");
    expect(current!.rows[0]!.cost.total).toBe("2625");
    // The ask on the same demand: rollover and a quarterly true-up in place of overage.
    expect(ask!.rows[0]!.demand.credits).toBe("525000");
    expect(result.comparison[1]!.costVsFirst).not.toBeNull();
    // The current term's figures are not these.
    const onTerm = await evaluateScenarios(viewer, { contractId: contract.id, draft: { name: "Ask", demand: { source: "drivers" }, clauses: ASK } });
    expect(onTerm.result.scenarios[0]!.rows[0]!.demand.credits).toBe("550000");
    expect(evaluateModel(doc)).toEqual(result);
  });

  it("refuses the renewal term without a renewal date, or with a draft on the observed trend, naming the field", async () => {
    const { contract } = await makeSalesforceContract(editor, { clauses: CLAUSES, drivers: DRIVERS, renewalDate: null });
    await expect(evaluateScenarios(editor, { contractId: contract.id, draft: { name: "Ask", demand: { source: "drivers" }, clauses: ASK }, horizon: "renewal" })).rejects.toMatchObject({
      code: "invalid",
      message: "This contract has no renewal date: set it on the contract, or price it over the current term.",
      fieldErrors: { horizon: ["The contract has no renewal date."] },
    });
    const dated = await makeSalesforceContract(editor, { clauses: CLAUSES, drivers: DRIVERS });
    await expect(evaluateScenarios(editor, { contractId: dated.contract.id, draft: { name: "Trend", demand: { source: "observedBurn" } }, horizon: "renewal" })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining('"Trend" takes its demand from the observed burn trend'),
      fieldErrors: { horizon: ["A scenario's demand is the observed burn trend."] },
    });
  });
});

describe("saved scenarios", () => {
  it("saving evaluates exactly like the engine on the same document, records and locks the rate card version", async () => {
    const { contract } = await makeSalesforceContract(editor, { clauses: CLAUSES, drivers: DRIVERS });
    const s = await createScenario(editor, { contractId: contract.id, name: "Ask: rollover + true-up cap", demand: { source: "drivers" }, clauses: ASK });
    expect(s.rateCardVersionId).toBe(contract.rateCardVersionId);
    expect((await getRateCardVersionOrThrow(editor, contract.rateCardVersionId)).lockedAt).not.toBeNull();
    const { result } = await evaluateScenarios(viewer, { contractId: contract.id, scenarioIds: [s.id] });
    expect(result.scenarios[0]!.id).toBe(s.id);
    expect(figures(result.scenarios[0]!)).toEqual(figures(evaluateModel(handDocument({ id: "x", name: "x", clauses: ASK })).scenarios[0]!));
  });

  it("compares scenarios side by side in the order asked, the first being the baseline", async () => {
    const { contract } = await makeSalesforceContract(editor, { clauses: CLAUSES, drivers: DRIVERS });
    const vendorTerms = await createScenario(editor, { contractId: contract.id, name: "Vendor terms", demand: { source: "drivers" } });
    const ask = await createScenario(editor, { contractId: contract.id, name: "Ask", demand: { source: "drivers" }, clauses: ASK });
    expect((await listScenarios(viewer, contract.id)).map((x) => x.name)).toEqual(["Vendor terms", "Ask"]);
    const { result } = await evaluateScenarios(viewer, { contractId: contract.id, scenarioIds: [ask.id, vendorTerms.id] });
    expect(result.comparison.map((c) => c.name)).toEqual(["Ask", "Vendor terms"]);
    expect(result.comparison[0]!.costVsFirst).toBe("0");
  });

  it("refuses a save against a stale version without overwriting", async () => {
    const { contract } = await makeSalesforceContract(editor, { clauses: CLAUSES, drivers: DRIVERS });
    const s = await createScenario(editor, { contractId: contract.id, name: "Ask" });
    const saved = await updateScenario(editor, { scenarioId: s.id, version: 1, name: "Ask v2", clauses: ASK });
    expect(saved.version).toBe(2);
    await expect(updateScenario(a.ownerCtx, { scenarioId: s.id, version: 1, name: "Mine" })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("Someone else saved this scenario"),
    });
    await expect(deleteScenario(a.ownerCtx, { scenarioId: s.id, version: 1 })).rejects.toMatchObject({ code: "conflict" });
    const now = await getScenarioOrThrow(viewer, s.id);
    expect(now.name).toBe("Ask v2");
    expect(now.doc.clauses).toEqual(ASK);
    await deleteScenario(editor, { scenarioId: s.id, version: 2 });
    await expect(getScenarioOrThrow(editor, s.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("authorization", () => {
  it("a viewer evaluates and reads scenarios, every write is forbidden", async () => {
    const { contract } = await makeSalesforceContract(editor, { clauses: CLAUSES, drivers: DRIVERS });
    const s = await createScenario(editor, { contractId: contract.id, name: "Ask" });
    await expect(evaluateScenarios(viewer, { contractId: contract.id, draft: { name: "What if" } })).resolves.toBeTruthy();
    expect((await listScenarios(viewer, contract.id)).map((x) => x.id)).toEqual([s.id]);
    await expect(createScenario(viewer, { contractId: contract.id, name: "X" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateScenario(viewer, { scenarioId: s.id, version: 1, name: "X" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteScenario(viewer, { scenarioId: s.id, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getScenarioOrThrow(editor, s.id)).version).toBe(1);
  });

  it("another workspace's contract and scenarios are 'not found' for every verb", async () => {
    const { contract } = await makeSalesforceContract(editor, { clauses: CLAUSES, drivers: DRIVERS });
    const s = await createScenario(editor, { contractId: contract.id, name: "Ask" });
    const other = b.ownerCtx;
    const { contract: theirs } = await makeSalesforceContract(other, { clauses: CLAUSES, drivers: DRIVERS });
    await expect(evaluateScenarios(other, { contractId: contract.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(evaluateScenarios(other, { contractId: theirs.id, scenarioIds: [s.id] })).rejects.toMatchObject({ code: "not_found" });
    await expect(listScenarios(other, contract.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getScenarioOrThrow(other, s.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(createScenario(other, { contractId: contract.id, name: "X" })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateScenario(other, { scenarioId: s.id, version: 1, name: "X" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteScenario(other, { scenarioId: s.id, version: 1 })).rejects.toMatchObject({ code: "not_found" });
    expect((await getScenarioOrThrow(editor, s.id)).name).toBe("Ask");
  });
});
