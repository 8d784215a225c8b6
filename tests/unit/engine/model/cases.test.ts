// Cases the model document must hold, and errors that name the clause at fault in plain words.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { drawPaths } from "@/lib/engine/analysis/ranges";
import { evaluateModel, ModelDocumentError, ModelEvaluationError, type ModelResult } from "@/lib/engine/model/evaluate";
import { parseModelDocument } from "@/lib/engine/model/schema";

const root = path.resolve(import.meta.dirname, "../../../..");
const example = (file: string) => JSON.parse(readFileSync(path.join(root, "examples", file), "utf8")) as Record<string, any>;

/** A one-unit case at $0.10 a credit, 1 credit per action, over `periods` months. */
function base(periods = 12, extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    version: 1,
    case: { name: "test", vendor: "Test", currency: "USD" },
    term: { start: "2026-01-01", periods, granularity: "month" },
    rateCards: [{ id: "card", versions: [{ id: "v1", effectiveFrom: "2025-01-01", units: [{ id: "action", name: "Action", creditsPerUnit: 1 }], creditPrice: { kind: "direct", pricePerCredit: "0.10" } }] }],
    contract: { onExhaustion: { kind: "overage", overage: {} } },
    drivers: { units: [{ unit: "action", actionsPerMonth: 1000 }] },
    scenarios: [{ id: "s", name: "S" }],
    ...extra,
  };
}

function evaluationError(doc: unknown): ModelEvaluationError {
  try {
    evaluateModel(doc);
  } catch (e) {
    if (e instanceof ModelEvaluationError) return e;
    throw e;
  }
  throw new Error("expected an evaluation error");
}

describe("every summary and percentile says what is unserved and what serving it costs", () => {
  it.each(["salesforce-agentforce.json", "workday-estate.json"])("%s: costToServe = totalCost + unservedCost to the cent everywhere", (file) => {
    const r = evaluateModel(example(file));
    const add = (a: string | null, b: string | null) => (a === null || b === null ? null : (Math.round(Number(a) * 100) + Math.round(Number(b) * 100)) / 100);
    for (const s of r.scenarios) {
      expect(Object.keys(s.summary)).toEqual(expect.arrayContaining(["unservedCredits", "unservedActions", "unservedCost", "costToServe"]));
      expect(s.summary.costToServe === null ? null : Number(s.summary.costToServe)).toBe(add(s.summary.totalCost, s.summary.unservedCost));
    }
    for (const s of r.analysis?.monteCarlo?.scenarios ?? []) {
      for (const p of s.totalCost) {
        expect(Object.keys(p)).toEqual(expect.arrayContaining(["unservedCredits", "unservedActions", "unservedCost", "costToServe"]));
        expect(p.costToServe === null ? null : Number(p.costToServe)).toBe(add(p.totalCost, p.unservedCost));
      }
      // ranked on cost to serve: percentiles never go down
      const costs = s.totalCost.map((p) => Number(p.costToServe));
      expect(costs).toEqual([...costs].sort((a, b) => a - b));
    }
  });

  it("pairs every scenario's percentiles on the paths of one scenario's cost to serve", () => {
    const doc = example("salesforce-agentforce.json");
    doc.analysis.monteCarlo.pairedBy = "vendor-proposal";
    const mc = evaluateModel(doc).analysis!.monteCarlo!;
    expect(mc.pairedBy).toBe("vendor-proposal");
    const paths = mc.scenarios.map((s) => s.totalCost.map((p) => p.path));
    for (const p of paths) expect(p).toEqual(paths[0]);
  });
});

describe("evaluation errors name the clause at fault", () => {
  it("an unknown drawOrder source, in the contract", () => {
    const e = evaluationError(base(3, { contract: { drawOrder: ["nowhere"] } }));
    expect(e.path).toBe("$.contract.drawOrder[0]");
    expect(e.detail).toBe('the draw order names "nowhere", which is not an allotment, a pack of this contract');
  });

  it("a pack bought outside the term, in a scenario", () => {
    const doc = base(3);
    doc.scenarios = [{ id: "s", name: "S", clauses: { packs: [{ id: "p", credits: 1000, purchaseDate: "2027-05-01" }] } }];
    const e = evaluationError(doc);
    expect(e.path).toBe("$.scenarios[0].clauses.packs[0].purchaseDate");
    expect(e.detail).toMatch(/outside the term 2026-01-01 to 2026-04-01/);
  });

  it("volume tiers whose discount decreases", () => {
    const e = evaluationError(base(3, { contract: { discount: { kind: "volumeTiers", tiers: [{ fromCredits: 0, pct: 10 }, { fromCredits: 1000, pct: 5 }] } } }));
    expect(e.path).toBe("$.contract.discount.tiers[1].pct");
    expect(e.detail).toBe("volume tier discounts must not decrease with volume (5 % after 10 %)");
  });

  it("an ask that cannot be costed is named by its own clauses", () => {
    const doc = base(3, {
      analysis: { asks: { asks: [{ id: "a", name: "A", clauses: { packs: [{ id: "p", credits: 10, purchaseDate: "2030-01-01" }] } }] } },
    });
    const e = evaluationError(doc);
    expect(e.path).toBe("$.analysis.asks.asks[0].clauses.packs[0].purchaseDate");
  });

  it("schema messages are plain words, not zod's", () => {
    const doc = base(0);
    doc.drivers.units = [];
    doc.term.granularity = "day";
    const parsed = parseModelDocument(doc);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byPath = Object.fromEntries(parsed.issues.map((i) => [i.path, i.message]));
    expect(byPath["$.term.periods"]).toBe("must be at least 1");
    expect(byPath["$.drivers.units"]).toBe("needs at least 1 entry");
    expect(byPath["$.term.granularity"]).toBe('must be one of "month", "week", "year"');
    expect(() => evaluateModel(doc)).toThrow(ModelDocumentError);
  });
});

describe("cases the format holds", () => {
  it("discrete demand outcomes: Monte Carlo draws each with its probability, the ledger uses the most probable", () => {
    // actions per month: 1,000 (70 %) or 3,000 (30 %); 12 months at $0.10 a credit as overage
    const doc = base(12, { analysis: { monteCarlo: { paths: 1000, seed: 7, percentiles: [10, 50, 90] } } });
    doc.drivers.units[0].actionsPerMonth = { outcomes: [{ value: 3000, probabilityPct: 30 }, { value: 1000, probabilityPct: 70 }] };
    const r = evaluateModel(doc);
    // deterministic: 12 × 1,000 × $0.10 = $1,200
    expect(r.scenarios[0]!.summary.totalCost).toBe("1200");
    const mc = r.analysis!.monteCarlo!.scenarios[0]!;
    // P10 and P50 fall in the 70 % outcome, P90 in the 30 %: 12 × 3,000 × $0.10 = $3,600
    expect(mc.totalCost.map((p) => p.totalCost)).toEqual(["1200", "1200", "3600"]);
    // the mean is the share of paths drawing 3,000 (their quantile ≥ 0.7) × $2,400 more
    const q = drawPaths(1000, 7).quantiles;
    let high = 0;
    for (let k = 0; k < 1000; k++) if (q[k * 5 + 1]! >= 0.7) high++;
    expect(Number(mc.meanTotalCost)).toBeCloseTo(1200 + (high / 1000) * 2400, 2);
  });

  it("commitment sizing on a two-outcome demand finds the optimum a hand calculation gives", () => {
    // Monthly demand 100,000 or 300,000 credits, 50 % each; commit C a month at $0.08, the rest at
    // spot $0.10. E[cost per month](C) = 0.08 C + 0.10 × (0.5 max(0, 100,000 − C) + 0.5 max(0, 300,000 − C)):
    // slope −0.02 below 100,000, 0.08 − 0.05 = +0.03 above: the optimum is C = 100,000.
    const doc = base(12, {
      analysis: { monteCarlo: { paths: 400, seed: 11 }, commitment: { cadence: "month", prepayPricePerCredit: "0.08", spotPricePerCredit: "0.10" } },
    });
    doc.drivers.units[0].actionsPerMonth = { outcomes: [{ value: 100000, probabilityPct: 50 }, { value: 300000, probabilityPct: 50 }] };
    const c = evaluateModel(doc).analysis!.commitment!;
    expect(c.recommended!.credits).toBe("100000");
    // expected cost at the optimum: 12 × (8,000 + share(high) × 200,000 × 0.10), share from the draws
    const q = drawPaths(400, 11).quantiles;
    let high = 0;
    for (let k = 0; k < 400; k++) if (q[k * 5 + 1]! >= 0.5) high++;
    expect(Number(c.recommended!.expectedCost)).toBeCloseTo(12 * (8000 + (high / 400) * 20000), 2);
  });

  it("demand given as a list per period, in credits or actions per unit", () => {
    const doc = base(3);
    doc.scenarios = [{ id: "list", name: "List", demand: { source: "perPeriod", perPeriod: [{ credits: 500 }, { actions: { action: 700 } }, { credits: 100, actions: { action: 200 } }] } }];
    const r = evaluateModel(doc) as ModelResult;
    expect(r.scenarios[0]!.rows.map((row) => row.demand.credits)).toEqual(["500", "700", "300"]);
    // 1,500 credits at $0.10 = $150
    expect(r.scenarios[0]!.summary.totalCost).toBe("150");
    const short = base(3);
    short.scenarios = [{ id: "list", name: "List", demand: { source: "perPeriod", perPeriod: [{ credits: 1 }] } }];
    const parsed = parseModelDocument(short);
    expect(parsed.ok ? [] : parsed.issues).toEqual([{ path: "$.scenarios[0].demand.perPeriod", message: "give the demand of each of the term's 3 periods (1 given)" }]);
  });

  it("annual periods: months inside each year follow the activation schedule, and yearly allotments reset", () => {
    // 2 years; 10 seats × 5 actions a working day; activation 50 % in month 1, 100 % after.
    // Year 1 (2026): 22 working days in January at 50 % = 10 × 0.5 × 5 × 22 = 550, then Feb–Dec
    // 239 working days at 100 % = 10 × 5 × 239 = 11,950: 12,500 actions. Year 2 (2027): 261
    // working days = 13,050 actions. A 12,000-credit yearly allotment; overage at $0.10.
    const doc = base(2, { contract: { allotments: [{ id: "y", kind: "complimentary", cadence: "year", size: { kind: "fixed", credits: 12000 } }], onExhaustion: { kind: "overage", overage: {} } } });
    doc.term.granularity = "year";
    doc.drivers = { licensedSeats: 10, activationPctByMonth: [50, 100], units: [{ unit: "action", actionsPerActiveAgentPerDay: 5 }] };
    const r = evaluateModel(doc);
    const rows = r.scenarios[0]!.rows;
    expect(rows.map((row) => row.period.label)).toEqual(["2026", "2027"]);
    expect(rows.map((row) => row.demand.actions)).toEqual(["12500", "13050"]);
    // overage: 500 + 1,050 = 1,550 credits × $0.10 = $155
    expect(r.scenarios[0]!.summary.totalCost).toBe("155");
  });

  it("the sandbox diagnostic reads the contract's multiplier before advising one", () => {
    const doc = example("salesforce-agentforce.json");
    const plain = evaluateModel(doc).analysis!.diagnostics!.findings.find((f) => f.kind === "nonProduction")!;
    expect(plain.sentence).toMatch(/billed at the production rate\. Move testing to a sandbox allowance or negotiate a non-production multiplier/);
    doc.contract = { ...doc.contract, environmentMultipliers: { nonProduction: "0.5" } };
    const reduced = evaluateModel(doc).analysis!.diagnostics!.findings.find((f) => f.kind === "nonProduction")!;
    expect(reduced.sentence).toMatch(/which the contract already bills at 0\.5× the production rate/);
    expect(reduced.sentence).not.toMatch(/negotiate a non-production multiplier/);
  });
});
