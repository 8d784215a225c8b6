// Commitment sizing against a demand distribution whose optimum is known analytically.
import Decimal from "@/lib/engine/decimal";
import { describe, expect, it } from "vitest";
import { sizeCommitment } from "@/lib/engine/analysis/commitment";
import { periods, simpleCard } from "../ledger/factories";

describe("sizeCommitment", () => {
  // One month; demand is 100,000 or 200,000 credits with equal chance; committed credits cost
  // $0.08, spot credits $0.10. Expected cost E(C) = 0.08·C + 0.10·E[max(D − C, 0)]:
  //   C ≤ 100,000:            slope 0.08 − 0.10 = −0.02
  //   100,000 ≤ C ≤ 200,000:  slope 0.08 − 0.5 × 0.10 = +0.03
  // so the minimum is at C = 100,000: 8,000 + 0.5 × 100,000 × 0.10 = $13,000.
  const run = (prepay: string, levels?: number) =>
    sizeCommitment({
      periods: periods("2026-01-01", 1),
      rateCard: [simpleCard("0.10")],
      baseTerms: { onExhaustion: { kind: "overage", overage: {} } },
      demand: Float64Array.from([100_000, 200_000]),
      paths: 2,
      spec: { cadence: "term", prepayPricePerCredit: new Decimal(prepay), spotPricePerCredit: new Decimal("0.10"), ...(levels ? { levels } : {}) },
    });

  it("finds the analytic minimum of a two-point demand", () => {
    const r = run("0.08");
    expect(r.recommended!.credits.toString()).toBe("100000");
    expect(r.recommended!.expectedCost!.toString()).toBe("13000");
    // at 100,000 the larger demand runs out: half the paths
    expect(r.recommended!.exhaustionProbabilityPct).toBe(50);
    const at = (c: number) => r.curve.find((l) => l.credits.eq(c))!.expectedCost!.toString();
    expect(at(0)).toBe("15000"); // 0.5 × (10,000 + 20,000)
    expect(at(200_000)).toBe("16000"); // 200,000 × 0.08
    expect(r.baseExpectedCost!.toString()).toBe("15000"); // no allotment: everything at list
    // the curve is sorted by commitment
    expect(r.curve.map((l) => l.credits.toNumber())).toEqual([...r.curve.map((l) => l.credits.toNumber())].sort((a, b) => a - b));
  });

  it("commits to the high demand when prepay is cheap enough", () => {
    // at $0.04 the slope above 100,000 is 0.04 − 0.05 < 0: commit 200,000 for $8,000
    const r = run("0.04");
    expect(r.recommended!.credits.toString()).toBe("200000");
    expect(r.recommended!.expectedCost!.toString()).toBe("8000");
    expect(r.recommended!.exhaustionProbabilityPct).toBe(0);
  });

  it("commits nothing when prepay is dearer than spot", () => {
    const r = run("0.11", 5);
    expect(r.recommended!.credits.toString()).toBe("0");
  });
});
