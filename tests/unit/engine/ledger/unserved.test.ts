// Demand left unserved is priced, never saved: unservedCredits, unservedActions, unservedCost and
// costToServe (= totalCost + unservedCost) on every row and summary, by one stated rule.
import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import { evaluateLedger } from "@/lib/engine/ledger/evaluate";
import type { ContractTerms, LedgerResult } from "@/lib/engine/ledger/types";
import type { DemandPeriod } from "@/lib/engine/types";
import { creditDemand, D, demandPath, flatDemand, s, simpleCard } from "./factories";

/** costToServe = totalCost + unservedCost on every row and in the summary, to the cent. */
function assertAddsUp(r: LedgerResult) {
  for (const row of r.rows) expect(s(row.costToServe)).toBe(s(row.cost.total!.add(row.unservedCost!)));
  expect(s(r.summary.costToServe)).toBe(s(r.summary.totalCost!.add(r.summary.unservedCost!)));
}

describe("unserved demand is priced at the list (spot) price by default", () => {
  it("a capped overage leaving 200,000 credits unserved at $0.005 a credit costs $1,000 more to serve", () => {
    // One month of 1,300,000 credits; a 1,000,000-credit allocation for $5,000; overage at list
    // ($0.005) capped at $500 a month = 100,000 credits; the other 200,000 wait for pre-approval.
    const card = simpleCard("0.005");
    const terms: ContractTerms = {
      allotments: [{ id: "alloc", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: D(1_000_000) }, feePerCycle: D(5000) }],
      onExhaustion: { kind: "overage", overage: { cap: { cadence: "month", limit: { kind: "amount", amount: D(500) } } } },
    };
    const r = evaluateLedger({ demand: creditDemand([1_300_000]), rateCard: [card], terms });
    // billed: $5,000 allocation + 100,000 × $0.005 = $500 overage = $5,500
    expect(s(r.summary.totalCost)).toBe("5500");
    expect(s(r.summary.unservedCredits)).toBe("200000");
    expect(s(r.summary.unservedByReason.overageCap)).toBe("200000");
    // 200,000 × $0.005 = $1,000
    expect(s(r.summary.unservedCost)).toBe("1000");
    expect(s(r.summary.costToServe)).toBe("6500");
    expect(r.summary.unservedRule).toMatch(/list \(spot\) price/);
    assertAddsUp(r);
  });

  it("a ceiling: demand above 40,000 credits a month is unserved and costs list price", () => {
    // 3 months of 50,000 credits at $0.10 list, bought as overage at list; ceiling 40,000 a month:
    // billed 3 × 40,000 × $0.10 = $12,000; unserved 3 × 10,000 = 30,000 credits × $0.10 = $3,000
    const terms: ContractTerms = { onExhaustion: { kind: "overage", overage: {} }, ceiling: { cadence: "month", limit: { kind: "credits", credits: D(40_000) } } };
    const r = evaluateLedger({ demand: creditDemand([50_000, 50_000, 50_000]), rateCard: [simpleCard("0.10")], terms });
    expect(s(r.summary.totalCost)).toBe("12000");
    expect(s(r.summary.unservedByReason.ceiling)).toBe("30000");
    expect(s(r.summary.unservedCost)).toBe("3000");
    expect(s(r.summary.costToServe)).toBe("15000");
    expect(r.rows.map((row) => s(row.unservedCost))).toEqual(["1000", "1000", "1000"]);
    assertAddsUp(r);
  });

  it("a pause at exhaustion: what the paused agents would have drawn is priced, with their actions", () => {
    // 2 months of 1,000 actions × 20 credits = 20,000 credits; one 30,000-credit allotment for the
    // term; pause: month 2 serves 10,000 and leaves 10,000 credits = 500 actions unserved.
    // At $0.005 list: 10,000 × $0.005 = $50.
    const card = { ...simpleCard("0.005"), units: [{ id: "action", name: "action", creditsPerUnit: D(20) }] };
    const terms: ContractTerms = { allotments: [{ id: "grant", kind: "complimentary", cadence: "term", size: { kind: "fixed", credits: D(30_000) } }] };
    const r = evaluateLedger({ demand: flatDemand(2, { actions: { action: 1000 } }), rateCard: [card], terms });
    expect(s(r.summary.totalCost)).toBe("0");
    expect(s(r.summary.unservedByReason.exhausted)).toBe("10000");
    expect(s(r.summary.unservedActions)).toBe("500");
    expect(s(r.summary.actionsServed)).toBe("1500");
    expect(s(r.summary.unservedCost)).toBe("50");
    expect(s(r.summary.costToServe)).toBe("50");
    expect(r.summary.exhaustion?.periodIndex).toBe(1);
    assertAddsUp(r);
  });

  it("a business cost per unserved action replaces the spot price when the document says so", () => {
    // The same pause: 500 actions not served × $1.25 of business cost = $625
    const card = { ...simpleCard("0.005"), units: [{ id: "action", name: "action", creditsPerUnit: D(20) }] };
    const terms: ContractTerms = { allotments: [{ id: "grant", kind: "complimentary", cadence: "term", size: { kind: "fixed", credits: D(30_000) } }] };
    const r = evaluateLedger({
      demand: flatDemand(2, { actions: { action: 1000 } }),
      rateCard: [card],
      terms,
      assumptions: { unserved: { kind: "perAction", costPerAction: D("1.25") } },
    });
    expect(s(r.summary.unservedCost)).toBe("625");
    expect(s(r.summary.costToServe)).toBe("625");
    expect(r.summary.unservedRule).toMatch(/1\.25 per action/);
    assertAddsUp(r);
  });

  it("a stated price per unserved credit", () => {
    // 10,000 credits unserved × $0.02 = $200
    const r = evaluateLedger({ demand: creditDemand([10_000]), rateCard: [simpleCard("0.10")], terms: {}, assumptions: { unserved: { kind: "perCredit", pricePerCredit: D("0.02") } } });
    expect(s(r.summary.unservedCost)).toBe("200");
  });

  it("with no price anywhere, unserved demand makes the cost to serve unknown, but served demand does not", () => {
    const unpriced = simpleCard(null);
    const all = evaluateLedger({ demand: creditDemand([100]), rateCard: [unpriced], terms: { allotments: [{ id: "g", kind: "complimentary", cadence: "term", size: { kind: "fixed", credits: D(100) } }] } });
    expect(s(all.summary.costToServe)).toBe("0");
    expect(all.summary.priceUnpinned).toBe(false);
    const short = evaluateLedger({ demand: creditDemand([150]), rateCard: [unpriced], terms: { allotments: [{ id: "g", kind: "complimentary", cadence: "term", size: { kind: "fixed", credits: D(100) } }] } });
    expect(short.summary.unservedCost).toBeNull();
    expect(short.summary.costToServe).toBeNull();
    expect(short.summary.priceUnpinned).toBe(true);
  });
});

describe("what the engine says around the arithmetic", () => {
  it("a shortfall of millionths of a credit is no exhaustion (it rounds to no credit at all)", () => {
    // demand 2,000,000.000004 against a 2,000,000-credit commitment, overage at $0.005: the
    // 0.000004 credits are billed as $0.00 of overage, and the balance has not "run out".
    const terms: ContractTerms = {
      allotments: [{ id: "commit", kind: "allocation", cadence: "term", size: { kind: "fixed", credits: D(2_000_000) }, feePerCycle: D(10_000) }],
      onExhaustion: { kind: "overage", overage: {} },
    };
    const r = evaluateLedger({ demand: creditDemand(["2000000.000004"]), rateCard: [simpleCard("0.005")], terms });
    expect(s(r.summary.costByComponent.overage)).toBe("0");
    expect(r.summary.exhaustion).toBeNull();
    // half a credit is a credit: exhaustion is dated
    const half = evaluateLedger({ demand: creditDemand(["2000000.5"]), rateCard: [simpleCard("0.005")], terms });
    expect(half.summary.exhaustion?.periodIndex).toBe(0);
  });

  it("priceUnpinned only when a money figure is really unknown: a true-up with its own price on an unpriced card", () => {
    // Workday-like card with no price; arrears billed at a fixed $0.09: every figure is known.
    // 1,500 credits against 1,000 granted: 500 × $0.09 = $45
    const terms: ContractTerms = {
      allotments: [{ id: "g", kind: "complimentary", cadence: "term", size: { kind: "fixed", credits: D(1000) } }],
      onExhaustion: { kind: "trueUp", trueUp: { schedule: { kind: "termEnd" }, price: { kind: "fixed", pricePerCredit: D("0.09") } } },
    };
    const r = evaluateLedger({ demand: creditDemand([1500]), rateCard: [simpleCard(null)], terms });
    expect(s(r.summary.totalCost)).toBe("45");
    expect(r.summary.priceUnpinned).toBe(false);
  });

  it("warns when volume tiers have nothing to apply to: overage priced at list", () => {
    const terms: ContractTerms = {
      discount: { kind: "volumeTiers", tiers: [{ fromCredits: D(0), pct: D(5) }, { fromCredits: D(1000), pct: D(10) }] },
      onExhaustion: { kind: "overage", overage: {} },
    };
    const r = evaluateLedger({ demand: creditDemand([2000]), rateCard: [simpleCard("0.10")], terms });
    expect(r.summary.warnings).toEqual([{ at: ["discount"], message: expect.stringMatching(/^Volume tiers apply to credits bought at the contract price.*list price/) }]);
    // and the figure is the list price: 2,000 × $0.10
    expect(s(r.summary.totalCost)).toBe("200");
    // the same tiers on overage at the contract price apply, and say nothing
    const applied = evaluateLedger({ demand: creditDemand([2000]), rateCard: [simpleCard("0.10")], terms: { ...terms, onExhaustion: { kind: "overage", overage: { price: { kind: "contract" } } } } });
    expect(applied.summary.warnings).toEqual([]);
    // 1,000 × $0.095 + 1,000 × $0.09 = $185
    expect(s(applied.summary.totalCost)).toBe("185");
  });

  it("warns when an allotment is never granted within the term", () => {
    const terms: ContractTerms = { allotments: [{ id: "late", kind: "complimentary", cadence: "month", size: { kind: "fixed", credits: D(100) }, from: "2027-06-01" }] };
    const r = evaluateLedger({ demand: creditDemand([10, 10]), rateCard: [simpleCard("0.10")], terms });
    expect(r.summary.warnings).toHaveLength(1);
    expect(r.summary.warnings[0]!.at).toEqual(["allotments", 0]);
    expect(r.summary.warnings[0]!.message).toMatch(/"late" is never granted within the term 2026-01-01 to 2026-03-01/);
  });

  it("volume tiers given as prices per credit", () => {
    // 3,000 credits at contract price in one contract year: the first 1,000 at $0.09, the next
    // 1,000 at $0.08, the rest at $0.07: $90 + $80 + $70 = $240
    const terms: ContractTerms = {
      discount: { kind: "volumeTiers", tiers: [{ fromCredits: D(0), pricePerCredit: D("0.09") }, { fromCredits: D(1000), pricePerCredit: D("0.08") }, { fromCredits: D(2000), pricePerCredit: D("0.07") }] },
      onExhaustion: { kind: "overage", overage: { price: { kind: "contract" } } },
    };
    const r = evaluateLedger({ demand: creditDemand([1500, 1500]), rateCard: [simpleCard("0.10")], terms });
    // month 1: 1,000 × 0.09 + 500 × 0.08 = $130; month 2: 500 × 0.08 + 1,000 × 0.07 = $110
    expect(r.rows.map((row) => s(row.cost.total))).toEqual(["130", "110"]);
    expect(s(r.summary.totalCost)).toBe("240");
    // priced tiers even price a card that publishes no price
    const unpriced = evaluateLedger({ demand: creditDemand([1500, 1500]), rateCard: [simpleCard(null)], terms });
    expect(s(unpriced.summary.totalCost)).toBe("240");
  });

  it("refuses volume tier prices that rise with volume, naming the tier", () => {
    const terms: ContractTerms = {
      discount: { kind: "volumeTiers", tiers: [{ fromCredits: D(0), pricePerCredit: D("0.08") }, { fromCredits: D(1000), pricePerCredit: D("0.09") }] },
    };
    expect(() => evaluateLedger({ demand: creditDemand([10]), rateCard: [simpleCard("0.10")], terms })).toThrow(expect.objectContaining({ at: ["discount", "tiers", 1, "pricePerCredit"] }));
  });

  it("no other module's Decimal settings change the engine's figures", () => {
    const run = () => {
      const demand = demandPath({ perPeriod: [{ actions: { u: 333.333 } }, { credits: "1234.5678" }] });
      return evaluateLedger({ demand, rateCard: [simpleCard("0.0123456789")], terms: { onExhaustion: { kind: "overage", overage: {} } } });
    };
    const before = run();
    const saved = { precision: DecimalJs.precision, rounding: DecimalJs.rounding };
    DecimalJs.set({ precision: 5, rounding: DecimalJs.ROUND_DOWN });
    try {
      // inputs built with the app's global Decimal under other settings still give the same figures
      const foreign = evaluateLedger({
        demand: {
          granularity: "month",
          periods: run().rows.map((r, i): DemandPeriod => ({
            period: r.period,
            actions: i === 0 ? { u: { production: new DecimalJs("333.333"), nonProduction: new DecimalJs(0) } } : {},
            directCredits: new DecimalJs(i === 1 ? "1234.5678" : 0),
          })),
        },
        rateCard: [simpleCard("0.0123456789")],
        terms: { onExhaustion: { kind: "overage", overage: {} } },
      });
      expect(s(run().summary.totalCost)).toBe(s(before.summary.totalCost));
      expect(s(foreign.summary.totalCost)).toBe(s(before.summary.totalCost));
      expect(s(foreign.summary.demandCredits)).toBe("1567.9008");
    } finally {
      DecimalJs.set(saved);
    }
    // 333.333 + 1,234.5678 = 1,567.9008 credits at $0.0123456789: 4.115… + 15.241… = $19.36
    expect(s(before.summary.totalCost)).toBe("19.36");
  });
});
