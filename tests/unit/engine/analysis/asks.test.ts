// Ask values: add-alone and remove-alone savings, how they add up, ranking and authority levels.
import Decimal from "@/lib/engine/decimal";
import { describe, expect, it } from "vitest";
import { authorityFor, valueAsks, type Ask } from "@/lib/engine/analysis/asks";
import { evaluateLedger } from "@/lib/engine/ledger/evaluate";
import type { ContractTerms } from "@/lib/engine/ledger/types";
import { creditDemand, D, simpleCard } from "../ledger/factories";

// Three months of 1,500 credits at $0.10 list: a 1,000-credit monthly allocation for $100, the
// other 500 credits a month as overage at list ($50).
const vendor: ContractTerms = {
  allotments: [{ id: "alloc", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: D(1000) }, feePerCycle: D(100) }],
  onExhaustion: { kind: "overage", overage: {} },
};
const cheaperFee: Ask = {
  id: "fee",
  name: "Allocation at $80",
  clauses: { allotments: [{ id: "alloc", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: D(1000) }, feePerCycle: D(80) }] },
};
const cheaperOverage: Ask = { id: "overage", name: "Overage at $0.08", clauses: { onExhaustion: { kind: "overage", overage: { price: { kind: "fixed", pricePerCredit: D("0.08") } } } } };
const pin: Ask = { id: "pin", name: "Pin", clauses: { ratePolicy: { kind: "pinned" } } };

const point = (pct: number, credits: number) => ({
  pct,
  path: 0,
  evaluate: (terms: ContractTerms) => evaluateLedger({ demand: creditDemand([credits, credits, credits]), rateCard: [simpleCard("0.10")], terms }),
});

describe("valueAsks", () => {
  it("adds up when asks do not interact: Σ add-alone = Σ remove-alone = total saving", () => {
    const v = valueAsks(vendor, [cheaperOverage, pin, cheaperFee], [point(50, 1500), point(90, 2000)]);
    const p50 = v.points[0]!;
    // vendor: 3 × ($100 + 500 × $0.10) = $450; with both asks 3 × ($80 + 500 × $0.08) = $360
    expect(p50.vendorCost!.toString()).toBe("450");
    expect(p50.allAsksCost!.toString()).toBe("360");
    expect(p50.totalSaving!.toString()).toBe("90");
    expect(p50.sumAddAlone!.toString()).toBe("90");
    expect(p50.sumRemoveAlone!.toString()).toBe("90");
    expect(p50.interaction!.toString()).toBe("0");
    // P90 path: 1,000 overage credits a month, so the overage ask saves 3 × 1,000 × $0.02 = $60
    const byId = Object.fromEntries(v.asks.map((a) => [a.id, a]));
    expect(byId.overage!.addAlone.map((x) => x.saving!.toString())).toEqual(["30", "60"]);
    expect(byId.fee!.addAlone.map((x) => x.saving!.toString())).toEqual(["60", "60"]);
    expect(byId.fee!.removeAlone.map((x) => x.saving!.toString())).toEqual(["60", "60"]);
    expect(byId.pin!.addAlone.map((x) => x.saving!.toString())).toEqual(["0", "0"]);
    expect(v.points[1]!.interaction!.toString()).toBe("0");
  });

  it("ranks by the saving at the first percentile and names the authority its own saving needs where it is the largest share", () => {
    const v = valueAsks(vendor, [cheaperOverage, pin, cheaperFee], [point(50, 1500), point(90, 2000)]);
    // vendor cost to serve: P50 $450; P90 3 × ($100 + 1,000 × $0.10) = $600
    expect(v.asks.map((a) => [a.rank, a.id, a.authority, a.authorityAtPct, a.savingPctOfVendorTotal?.toString()])).toEqual([
      [1, "fee", "dealDesk", 50, "13.33"], // $60 of $450 = 13.33 % at P50 (P90: $60 of $600 = 10 %)
      [2, "overage", "dealDesk", 90, "10"], // P50: $30 of $450 = 6.67 %; P90: $60 of $600 = 10 %
      [3, "pin", "none", 50, "0"],
    ]);
    expect(v.points[0]!.packageAuthority).toBe("vp"); // $90 of $450 = 20 %
  });

  it("reports interaction when two asks change the same clause", () => {
    const alsoFee: Ask = { ...cheaperFee, id: "fee-2", clauses: { allotments: [{ ...vendor.allotments![0]!, feePerCycle: D(90) }] } };
    const v = valueAsks(vendor, [cheaperFee, alsoFee], [point(50, 1500)]);
    // alone: $60 and $30; together the later ($90 fee) wins: $30 saved, so interaction $60
    expect(v.points[0]!.totalSaving!.toString()).toBe("30");
    expect(v.points[0]!.interaction!.toString()).toBe("60");
  });
});

describe("authorityFor", () => {
  it.each([
    ["0", "none"],
    ["7", "accountExecutive"],
    ["7.01", "dealDesk"],
    ["15", "dealDesk"],
    ["25", "vp"],
    ["25.01", "beyondVp"],
  ])("a saving of %s %% of the vendor's total needs %s", (pct, level) => {
    expect(authorityFor(new Decimal(pct), new Decimal(100)).level).toBe(level);
  });

  it("is unknown without a price", () => {
    expect(authorityFor(null, new Decimal(100)).level).toBe("unknown");
  });
});
