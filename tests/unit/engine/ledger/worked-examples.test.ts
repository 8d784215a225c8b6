// The priced worked examples of shared/domain/DOMAIN.md, reproduced through the ledger.
import type Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import type { LedgerRow } from "@/lib/engine/ledger/types";
import { evaluateLedger } from "@/lib/engine/ledger/evaluate";
import { breakEvenActionsPerUserPerMonth, perUserCostPerAction, perUserMonthlyCost } from "@/lib/engine/peruser";
import { creditsForActions, creditsPerUnitTable } from "@/lib/engine/ratecard";
import { assertConserved, creditDemand, D, flatDemand, s, salesforceCard, workdayCard } from "./factories";

describe("Salesforce run rate", () => {
  // 50 agents × 25 actions/day × 20 working days = 25,000 actions; × 20 credits = 500,000 credits;
  // 500,000 ÷ 100,000 per $500 pack = 5 packs = $2,500 per month.
  const actionsPerMonth = 50 * 25 * 20;

  it("buys five $500 packs a month when each month starts empty", () => {
    const result = evaluateLedger({
      demand: flatDemand(3, { actions: { action: actionsPerMonth } }),
      rateCard: [salesforceCard()],
      terms: { onExhaustion: { kind: "autoPack", pack: { packCredits: D(100_000), packPrice: D(500) } } },
    });
    assertConserved(result);
    for (const row of result.rows) {
      expect(s(row.demand.actions)).toBe("25000");
      expect(s(row.demand.credits)).toBe("500000");
      expect(s(row.credits.purchased)).toBe("500000"); // exactly 5 packs, nothing left over
      expect(s(row.cost.autoPacks)).toBe("2500");
      expect(s(row.cost.total)).toBe("2500");
      expect(s(row.effectivePricePerCredit)).toBe("0.005"); // $500 ÷ 100,000
    }
    expect(s(result.summary.totalCost)).toBe("7500");
    expect(s(result.summary.effectivePricePerAction)).toBe("0.1"); // $2,500 ÷ 25,000 actions
    expect(s(result.summary.effectivePricePerCredit)).toBe("0.005");
    expect(result.summary.priceUnpinned).toBe(false);
  });

  it("prices the packs from the card when the pack price is not restated", () => {
    // packPrice absent → 100,000 credits × $0.005 = $500 per pack
    const result = evaluateLedger({
      demand: flatDemand(1, { actions: { action: actionsPerMonth } }),
      rateCard: [salesforceCard()],
      terms: { onExhaustion: { kind: "autoPack", pack: { packCredits: D(100_000) } } },
    });
    expect(s(result.rows[0]!.cost.autoPacks)).toBe("2500");
  });

  it("a $5,000 monthly allocation covers the run rate twice over", () => {
    // $5,000 ÷ $0.005 = 1,000,000 credits; 500,000 drawn; 50 % of the allocation used
    const result = evaluateLedger({
      demand: flatDemand(1, { actions: { action: actionsPerMonth } }),
      rateCard: [salesforceCard()],
      terms: { allotments: [{ id: "alloc", kind: "allocation", cadence: "month", size: { kind: "fromAmount", amount: D(5000) }, feePerCycle: D(5000) }] },
    });
    const row = result.rows[0]!;
    expect(s(row.credits.granted)).toBe("1000000");
    expect(s(row.credits.drawn)).toBe("500000");
    expect(s(row.cost.fixed)).toBe("5000");
    expect(result.summary.alerts.map((a) => a.thresholdPct)).toEqual([]); // 50 % < 60 %
  });
});

describe("per-user vs consumption", () => {
  it("80 users × $125 = $10,000 a month, $0.02 per action at 500,000 actions", () => {
    expect(s(perUserMonthlyCost(80, 125))).toBe("10000");
    expect(s(perUserCostPerAction(80, 125, 500_000))).toBe("0.02");
  });

  it("break-even $125 ÷ $0.10 = 1,250 actions per user per month; 1,000 actions cost $0.125 each", () => {
    expect(s(breakEvenActionsPerUserPerMonth(125, D("0.10")))).toBe("1250");
    expect(s(perUserCostPerAction(1, 125, 1000))).toBe("0.125");
  });

  it("the ledger compares both: 500,000 actions a month on 80 users", () => {
    // consumption: 500,000 actions × 20 credits = 10,000,000 credits = 100 packs × $500 = $50,000
    // per-user: $10,000 → per-user cheaper by $40,000; $0.02 per action; break-even 1,250
    const result = evaluateLedger({
      demand: flatDemand(1, { actions: { action: 500_000 } }),
      rateCard: [salesforceCard()],
      terms: { onExhaustion: { kind: "autoPack", pack: { packCredits: D(100_000), packPrice: D(500) } } },
      perUser: { users: 80, pricePerUserPerMonth: D(125) },
    });
    expect(s(result.summary.totalCost)).toBe("50000");
    expect(s(result.summary.effectivePricePerAction)).toBe("0.1");
    const pu = result.summary.perUser!;
    expect(s(pu.totalCost)).toBe("10000");
    expect(s(pu.costPerAction)).toBe("0.02");
    expect(s(pu.breakEvenActionsPerUserPerMonth)).toBe("1250");
    expect(s(pu.savingsOfConsumption)).toBe("-40000");
    expect(pu.cheaper).toBe("perUser");
  });
});

describe("Workday skill mix", () => {
  const mix = { retrieval: 40_000, guidedDraft: 6_000, autonomous: 4_000 };

  it("40,000 × 1 + 6,000 × 2 + 4,000 × 5 = 72,000 credits for 50,000 actions (blended 1.44)", () => {
    const table = creditsPerUnitTable(workdayCard());
    const credits = creditsForActions(table, mix);
    expect(s(credits)).toBe("72000");
    expect(s(credits.div(50_000))).toBe("1.44");
  });

  it("heavy case: autonomous 4,000 → 12,000 gives 40,000 + 12,000 + 60,000 = 112,000", () => {
    const result = evaluateLedger({
      demand: flatDemand(1, { actions: { ...mix, autonomous: 12_000 } }),
      rateCard: [workdayCard()],
      terms: {},
    });
    expect(s(result.rows[0]!.demand.credits)).toBe("112000");
    expect(s(result.rows[0]!.demand.byUnit.autonomous!.credits)).toBe("60000");
  });

  it("864,000 credits a year: a complimentary allotment of six months (432,000) leaves 432,000 to the paid tier", () => {
    // 5,000 employees × 86.4 credits/head = 432,000 granted on 2026-01-01 (annual, anniversary reset).
    // Months 1–6 draw 72,000 each from it (cumulative 432,000 → 0 left); months 7–12 go to overage:
    // 6 × 72,000 = 432,000 credits. No $/credit on the card → the overage bill is unknown, not 0.
    const result = evaluateLedger({
      demand: flatDemand(12, { actions: mix }),
      rateCard: [workdayCard()],
      terms: {
        allotments: [
          {
            id: "complimentary",
            kind: "complimentary",
            cadence: "year",
            size: { kind: "perHead", creditsPerHead: D("86.4"), headcount: [{ from: "2026-01-01", headcount: 5000 }] },
          },
        ],
        onExhaustion: { kind: "overage", overage: {} },
      },
    });
    assertConserved(result);
    const sum = (f: (r: LedgerRow) => Decimal) => result.rows.reduce((acc, r) => acc.add(f(r)), D(0));
    expect(s(result.summary.demandCredits)).toBe("864000");
    expect(s(result.rows[0]!.credits.granted)).toBe("432000");
    expect(s(sum((r) => r.credits.drawn))).toBe("432000");
    expect(s(sum((r) => r.credits.overage))).toBe("432000");
    expect(s(result.rows[5]!.credits.closing)).toBe("0");
    expect(result.summary.priceUnpinned).toBe(true);
    expect(result.summary.totalCost).toBeNull();
    expect(result.rows[6]!.cost.overage).toBeNull();
    expect(result.rows[0]!.cost.total).not.toBeNull(); // nothing priced in month 1: a real 0
    expect(s(result.rows[0]!.cost.total)).toBe("0");
    // Exhausted exactly at the end of June: the first day not served is Wed 2026-07-01.
    expect(result.summary.exhaustion).toEqual({ periodIndex: 6, date: "2026-07-01" });
    // 60 % of 432,000 = 259,200: 216,000 drawn by end of March, 43,200 of April's 72,000 = 0.6 of
    // April's 22 working days = 13.2 → reached on the 14th working day, Mon 2026-04-20.
    const sixty = result.summary.alerts.find((a) => a.thresholdPct === 60)!;
    expect(sixty).toMatchObject({ periodIndex: 3, date: "2026-04-20", allotmentId: "complimentary", cycleStart: "2026-01-01" });
    // 100 % = 432,000 reached on the last working day of June (Tue 2026-06-30).
    expect(result.summary.alerts.find((a) => a.thresholdPct === 100)).toMatchObject({ periodIndex: 5, date: "2026-06-30" });
  });
});

describe("runaway burn", () => {
  it("a $50,000 quarterly allocation burning $6k, $11k, $18k, $24k a week runs out in week 4", () => {
    // $50,000 ÷ $0.005 = 10,000,000 credits. Weeks at $0.005: 1,200,000; 2,200,000; 3,600,000
    // (cumulative 7,000,000 = $35,000), then 4,800,000. Week 4 can serve 3,000,000 of 4,800,000
    // = 0.625 of its 5 working days = 3.125 → the 4th working day cannot be fully served.
    // Weeks start Monday 2026-01-05, so week 4 is 2026-01-26 … and its 4th working day Thu 2026-01-29.
    const result = evaluateLedger({
      demand: creditDemand([1_200_000, 2_200_000, 3_600_000, 4_800_000], "2026-01-05", "week"),
      rateCard: [salesforceCard()],
      terms: {
        termStart: "2026-01-05",
        allotments: [{ id: "q", kind: "allocation", cadence: "quarter", size: { kind: "fromAmount", amount: D(50_000) }, feePerCycle: D(50_000) }],
      },
    });
    assertConserved(result);
    expect(result.summary.exhaustion).toEqual({ periodIndex: 3, date: "2026-01-29" });
    expect(s(result.rows[3]!.credits.unserved)).toBe("1800000");
    // about 30 days in: 2026-01-05 → 2026-01-29 is day 25, within the month, not the 85 days planned
    expect(result.summary.alerts.map((a) => [a.thresholdPct, a.periodIndex])).toEqual([
      [60, 2], // 6,000,000 reached in week 3
      [70, 2], // 7,000,000 exactly at the end of week 3
      [85, 3],
      [100, 3],
    ]);
  });
});
