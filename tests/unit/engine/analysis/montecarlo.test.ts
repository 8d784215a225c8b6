// Monte Carlo through the model document: degenerate ranges are the deterministic ledger, digit for
// digit; percentiles are ordered; a seed fixes the result.
import { readFileSync } from "node:fs";
import path from "node:path";
import Decimal from "@/lib/engine/decimal";
import { describe, expect, it } from "vitest";
import { drawPaths, driverInputsForPath, pickForPath } from "@/lib/engine/analysis/ranges";
import { seededUniforms, triangularQuantile } from "@/lib/engine/analysis/random";
import { demandFromDrivers } from "@/lib/engine/demand/drivers";
import { evaluateModel } from "@/lib/engine/model/evaluate";
import { driverInputsOf, termOf } from "@/lib/engine/model/map";
import { parseModelDocument } from "@/lib/engine/model/schema";

const root = path.resolve(import.meta.dirname, "../../../..");
const load = (rel: string): Record<string, any> => JSON.parse(readFileSync(path.join(root, rel), "utf8"));

function salesforce(paths = 300, seed = 11) {
  const doc = load("examples/salesforce-agentforce.json");
  doc.analysis = { monteCarlo: { paths, seed } };
  delete doc.usage;
  return doc;
}

/** Every range collapsed onto its likely value. */
function degenerate(doc: Record<string, any>) {
  const walk = (v: any): any => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      if ("low" in v && "likely" in v && "high" in v) return { low: v.likely, likely: v.likely, high: v.likely };
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  doc.drivers = walk(doc.drivers);
  return doc;
}

describe("random draws", () => {
  it("are reproducible from a seed and differ between seeds", () => {
    expect(seededUniforms(42, 5)).toEqual(seededUniforms(42, 5));
    expect(seededUniforms(42, 5)).not.toEqual(seededUniforms(43, 5));
    for (const u of seededUniforms(1, 1000)) expect(u >= 0 && u < 1).toBe(true);
  });

  it("map through a triangular distribution inside its range, monotone in the quantile", () => {
    // low 10, likely 20, high 40: F(likely) = (20 − 10) / (40 − 10) = 1/3
    expect(triangularQuantile(10, 20, 40, 1 / 3)).toBeCloseTo(20, 12);
    expect(triangularQuantile(10, 20, 40, 0)).toBe(10);
    expect(triangularQuantile(10, 20, 40, 1)).toBe(40);
    // median of the upper part: 40 − √(0.5 × 30 × 20) = 40 − √300
    expect(triangularQuantile(10, 20, 40, 0.5)).toBeCloseTo(40 - Math.sqrt(300), 12);
    let prev = -Infinity;
    for (let u = 0; u <= 1; u += 0.01) {
      const x = triangularQuantile(10, 20, 40, u);
      expect(x).toBeGreaterThanOrEqual(prev);
      prev = x;
    }
    expect(triangularQuantile(0.1, 0.1, 0.1, 0.73)).toBe(0.1);
  });
});

describe("degenerate ranges", () => {
  it("hand the exact ledger the likely values as written, even beyond float precision", () => {
    const pick = pickForPath(drawPaths(3, 5), 2);
    const v = "0.12345678901234567890123";
    expect(pick({ low: v, likely: v, high: v }, "actions").toFixed()).toBe(v);
    expect(pick("7.5", "growth").toFixed()).toBe("7.5");
  });

  it("give every path the deterministic demand", () => {
    const parsed = parseModelDocument(degenerate(salesforce()));
    if (!parsed.ok) throw new Error("invalid");
    const doc = parsed.doc;
    const term = termOf(doc);
    const deterministic = demandFromDrivers(term, driverInputsOf(doc.drivers!, doc.term.start));
    const sampled = demandFromDrivers(term, driverInputsForPath(doc.drivers!, doc.term.start, drawPaths(10, 3), 7));
    expect(sampled.periods.map((p) => p.actions.action!.production.toFixed())).toEqual(deterministic.periods.map((p) => p.actions.action!.production.toFixed()));
  });

  it("reproduce each scenario's deterministic ledger exactly at every percentile", () => {
    const result = evaluateModel(degenerate(salesforce(200)));
    const mc = result.analysis!.monteCarlo!;
    for (const s of mc.scenarios) {
      const det = result.scenarios.find((x) => x.id === s.id)!.summary;
      expect(s.uncertain).toBe(false);
      for (const p of s.totalCost) {
        expect(p.totalCost).toBe(det.totalCost);
        expect(p.overage).toBe(det.costByComponent.overage);
        expect(p.demandCredits).toBe(det.demandCredits);
        expect(p.exhaustionDate).toBe(det.exhaustion?.date ?? null);
      }
      expect(new Decimal(s.meanTotalCost!).eq(det.totalCost!)).toBe(true);
      expect(s.overage.map((o) => new Decimal(o.value!).eq(det.costByComponent.overage!))).toEqual([true, true, true]);
    }
  });
});

describe("Monte Carlo on the Salesforce example", () => {
  const result = evaluateModel(salesforce(400, 20260401));
  const mc = result.analysis!.monteCarlo!;
  const num = (x: string | null) => (x === null ? NaN : Number(x));

  it("reports ordered percentiles of total cost, overage, true-up and exhaustion", () => {
    expect(mc.percentiles).toEqual([10, 50, 90]);
    for (const s of mc.scenarios) {
      const totals = s.totalCost.map((p) => num(p.totalCost));
      expect(totals).toEqual([...totals].sort((a, b) => a - b));
      for (const series of [s.overage, s.trueUp]) {
        const v = series.map((p) => num(p.value));
        expect(v).toEqual([...v].sort((a, b) => a - b));
      }
      const ex = s.exhaustion.byPercentile.map((p) => (p.value === null ? Infinity : p.value.periodIndex));
      expect(ex).toEqual([...ex].sort((a, b) => a - b));
      for (const point of s.band!) {
        for (const series of [point.demandCredits, point.cost, point.cumulativeCost]) {
          const v = series.map((p) => num(p.value));
          expect(v).toEqual([...v].sort((a, b) => a - b));
        }
      }
    }
  });

  it("takes reported totals from the exact ledger of the chosen path, close to the float ledger", () => {
    for (const s of mc.scenarios) {
      expect(s.uncertain).toBe(true);
      // a cent per period and money component at most, measured on the re-run paths and reported
      expect(s.fastVsExact.maxGap!).toBeLessThanOrEqual(0.06 * 12);
      expect(s.fastVsExact.withinTolerance).toBe(true);
      expect(s.warnings).toEqual([]);
    }
    // the vendor's allocation is $5,000 a month whatever happens: never below $60,000
    const vendor = mc.scenarios.find((s) => s.id === "vendor-proposal")!;
    expect(Number(vendor.totalCost[0]!.totalCost)).toBeGreaterThanOrEqual(60000);
  });

  it("gives the same output for the same seed and another for another seed", () => {
    const again = evaluateModel(salesforce(400, 20260401)).analysis!.monteCarlo!;
    expect(again).toEqual(mc);
    const other = evaluateModel(salesforce(400, 99)).analysis!.monteCarlo!;
    expect(other.scenarios.map((s) => s.totalCost.map((p) => p.path))).not.toEqual(mc.scenarios.map((s) => s.totalCost.map((p) => p.path)));
  });
});
