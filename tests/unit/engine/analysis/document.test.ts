// The analysis part of the model document, end to end on the two examples.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateModel, ModelEvaluationError } from "@/lib/engine/model/evaluate";

const root = path.resolve(import.meta.dirname, "../../../..");
const load = (rel: string): Record<string, any> => JSON.parse(readFileSync(path.join(root, rel), "utf8"));

describe("analysis of the Salesforce example", () => {
  const doc = load("examples/salesforce-agentforce.json");
  doc.analysis.monteCarlo.paths = 300;
  const a = evaluateModel(doc).analysis!;

  it("prices the per-user walk-away with the 1,250 actions break-even", () => {
    const pu = a.alternatives!.perUser!;
    // $500 / 100,000 credits × 20 credits = $0.10 an action; $125 ÷ $0.10 = 1,250
    expect(pu.listPricePerAction).toBe("0.1");
    expect(pu.breakEvenActionsPerUserPerMonth).toBe("1250");
    expect(pu.totalCost).toBe("150000"); // 100 users × $125 × 12 months
    expect(pu.atPercentiles.map((p) => p.pct)).toEqual([10, 50, 90]);
    expect(a.alternatives!.packsAtList!.totalCost).toHaveLength(3);
  });

  it("ranks the asks with the authority each needs", () => {
    const asks = a.asks!.asks;
    expect(asks.map((x) => x.rank)).toEqual([1, 2, 3, 4]);
    expect(a.asks!.vendorScenario).toBe("vendor-proposal");
    for (const x of asks) expect(["none", "accountExecutive", "dealDesk", "vp", "beyondVp"]).toContain(x.authority);
    // over a 12-month term with no assumed list increase, pinning the price is worth nothing
    expect(asks.find((x) => x.id === "rate-pin")!.addAlone.map((s) => s.saving)).toEqual(["0", "0"]);
  });

  it("recommends a commitment in whole packs, with its exhaustion chance", () => {
    const c = a.commitment!;
    expect(c.baseScenario).toBe("vendor-proposal");
    expect(Number(c.recommended!.credits) % 100000).toBe(0);
    const best = Math.min(...c.curve.map((l) => Number(l.expectedCost)));
    expect(Number(c.recommended!.expectedCost)).toBe(best);
    expect(c.recommended!.exhaustionProbabilityPct).toBeGreaterThanOrEqual(0);
    expect(c.recommended!.exhaustionProbabilityPct).toBeLessThanOrEqual(100);
  });

  it("diagnoses the planted runaway agent and sandbox share in the usage rows", () => {
    expect(a.diagnostics!.findings.map((f) => [f.kind, f.agent])).toEqual([
      ["runaway", "lead-qualifier"],
      ["nonProduction", null],
    ]);
  });
});

describe("analysis of the Workday example", () => {
  const doc = load("examples/workday-estate.json");
  doc.analysis.monteCarlo.paths = 300;
  const a = evaluateModel(doc).analysis!;

  it("values asks against the priced vendor quote and finds the bulk-job spike", () => {
    expect(a.asks!.vendorScenario).toBe("vendor-quoted");
    expect(a.asks!.points[0]!.vendorCost).not.toBeNull();
    expect(a.diagnostics!.findings.map((f) => [f.kind, f.agent, f.periods])).toEqual([["spike", "payroll-close", ["2026-01-12"]]]);
  });

  it("leaves money unknown for the unpriced vendor proposal, ranking its paths by demand", () => {
    const vendor = a.monteCarlo!.scenarios.find((s) => s.id === "vendor-proposal")!;
    expect(vendor.totalCost.map((p) => p.totalCost)).toEqual([null, null, null]);
    const credits = vendor.totalCost.map((p) => Number(p.demandCredits));
    expect(credits).toEqual([...credits].sort((x, y) => x - y));
  });

  it("points at an analysis that names a missing scenario", () => {
    const bad = load("examples/workday-estate.json");
    bad.analysis = { asks: { vendorScenario: "nope", asks: [{ id: "x", name: "x", clauses: {} }] } };
    expect(() => evaluateModel(bad)).toThrow(ModelEvaluationError);
    try {
      evaluateModel(bad);
    } catch (e) {
      expect((e as ModelEvaluationError).path).toBe("$.analysis.asks.vendorScenario");
    }
  });
});
