// The float ledger must agree with the exact one: same totals within a stated tolerance on random
// clause sets and demand, the same exhaustion period, and exactly the same cost on whole numbers
// that involve no division.
import Decimal from "@/lib/engine/decimal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFastLedger } from "@/lib/engine/analysis/fastledger";
import { evaluateLedger } from "@/lib/engine/ledger/evaluate";
import type { Allotment, ContractTerms, CycleLimit, Discount, ExhaustionBehaviour, PackPurchase, RatePolicy } from "@/lib/engine/ledger/types";
import type { RateCardVersion } from "@/lib/engine/types";
import { creditDemand, D, simpleCard } from "../ledger/factories";

const RUNS = 150;
const START = "2026-01-01";

const cards: RateCardVersion[] = [
  simpleCard("0.10", { id: "v1", effectiveFrom: "2000-01-01" }),
  simpleCard("0.12", { id: "v2", effectiveFrom: "2027-01-01" }),
];

const arbSize = fc.oneof(
  fc.integer({ min: 0, max: 6000 }).map((c) => ({ kind: "fixed" as const, credits: D(c) })),
  fc.record({ per: fc.integer({ min: 1, max: 40 }), h1: fc.integer({ min: 0, max: 100 }), h2: fc.integer({ min: 0, max: 150 }), prorate: fc.boolean() }).map((r) => ({
    kind: "perHead" as const,
    creditsPerHead: D(r.per),
    headcount: [
      { from: "2025-01-01", headcount: r.h1 },
      { from: "2026-05-01", headcount: r.h2 },
    ],
    onChange: r.prorate ? ("prorateIncreases" as const) : ("atNextReset" as const),
  })),
  fc.integer({ min: 10, max: 500 }).map((a) => ({ kind: "fromAmount" as const, amount: D(a) })),
);

const arbAllotment = (id: string): fc.Arbitrary<Allotment> =>
  fc
    .record({
      cadence: fc.constantFrom("month" as const, "quarter" as const, "year" as const, "term" as const),
      anchor: fc.constantFrom("calendar" as const, "anniversary" as const),
      size: arbSize,
      fee: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
      kind: fc.constantFrom("complimentary" as const, "allocation" as const),
      rollover: fc.option(
        fc.record({
          share: fc.integer({ min: 0, max: 100 }),
          cap: fc.option(fc.oneof(fc.integer({ min: 0, max: 3000 }).map((c) => ({ kind: "credits" as const, credits: D(c) })), fc.integer({ min: 0, max: 80 }).map((p) => ({ kind: "pctOfGrant" as const, pct: D(p) }))), { nil: undefined }),
          expires: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        }),
        { nil: undefined },
      ),
    })
    .map((r) => ({
      id,
      kind: r.kind,
      cadence: r.cadence,
      anchor: r.anchor,
      size: r.size,
      ...(r.fee === undefined ? {} : { feePerCycle: D(r.fee) }),
      ...(r.rollover ? { rollover: { sharePct: D(r.rollover.share), ...(r.rollover.cap ? { cap: r.rollover.cap } : {}), ...(r.rollover.expires ? { expiresAfterCycles: r.rollover.expires } : {}) } } : {}),
    }));

const arbPack = (id: string, months: number): fc.Arbitrary<PackPurchase> =>
  fc.record({ month: fc.integer({ min: 0, max: months - 1 }), credits: fc.integer({ min: 1, max: 5000 }), price: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }), life: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }) }).map((r) => {
    const at = (m: number, day: string) => `${2026 + Math.floor(m / 12)}-${String(1 + (m % 12)).padStart(2, "0")}-${day}`;
    return { id, credits: D(r.credits), ...(r.price === undefined ? {} : { price: D(r.price) }), purchaseDate: at(r.month, "10"), ...(r.life === undefined ? {} : { expiresOn: at(r.month + r.life, "01") }) };
  });

const arbLimit = (max: number): fc.Arbitrary<CycleLimit> =>
  fc.record({ cadence: fc.constantFrom("month" as const, "quarter" as const, "year" as const), inMoney: fc.boolean(), value: fc.integer({ min: 0, max }) }).map((r) => ({
    cadence: r.cadence,
    limit: r.inMoney ? { kind: "amount" as const, amount: D(r.value).div(10) } : { kind: "credits" as const, credits: D(r.value) },
  }));

const arbBasis = fc.constantFrom(undefined, { kind: "list" as const }, { kind: "contract" as const }, { kind: "fixed" as const, pricePerCredit: D("0.15") });

const arbBehaviour: fc.Arbitrary<ExhaustionBehaviour> = fc.oneof(
  fc.constant({ kind: "pause" as const }),
  fc.record({ credits: fc.integer({ min: 1, max: 3000 }), price: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }), life: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }) }).map((r) => ({
    kind: "autoPack" as const,
    pack: { packCredits: D(r.credits), ...(r.price === undefined ? {} : { packPrice: D(r.price) }), ...(r.life === undefined ? {} : { expiresAfterMonths: r.life }) },
  })),
  fc.record({ cap: fc.option(arbLimit(8000), { nil: undefined }), above: fc.constantFrom("unserved" as const, "preApproved" as const), price: arbBasis }).map((r) => ({
    kind: "overage" as const,
    overage: { ...(r.cap ? { cap: r.cap } : {}), aboveCap: r.above, ...(r.price ? { price: r.price } : {}) },
  })),
  fc.record({
    n: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    cap: fc.option(fc.oneof(fc.integer({ min: 0, max: 2000 }).map((a) => ({ kind: "amount" as const, amount: D(a) })), fc.integer({ min: 0, max: 50 }).map((p) => ({ kind: "pctOfContractValue" as const, pct: D(p) }))), { nil: undefined }),
    scope: fc.constantFrom("term" as const, "perTrueUp" as const),
    price: arbBasis,
  }).map((r) => ({
    kind: "trueUp" as const,
    trueUp: {
      schedule: r.n === undefined ? { kind: "termEnd" as const } : { kind: "everyNPeriods" as const, n: r.n },
      ...(r.cap ? { cap: r.cap } : {}),
      capScope: r.scope,
      ...(r.price ? { price: r.price } : {}),
    },
  })),
);

const arbDiscount: fc.Arbitrary<Discount | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 0, max: 50 }).map((p) => ({ kind: "flat" as const, pct: D(p) })),
  fc.constant({ kind: "committedPrice" as const, pricePerCredit: D("0.085") }),
  fc.tuple(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 15 })).map(([from, a, b]) => ({
    kind: "volumeTiers" as const,
    tiers: [
      { fromCredits: D(0), pct: D(a) },
      { fromCredits: D(from), pct: D(a + b) },
    ],
  })),
);

const arbPolicy: fc.Arbitrary<RatePolicy | undefined> = fc.constantFrom(undefined, { kind: "pinned" as const }, { kind: "pinned" as const, pricePerCredit: D("0.09") }, { kind: "capped" as const, maxIncreasePctPerYear: D(5) });

const arbCase = (fractional: boolean) =>
  fc.integer({ min: 1, max: 30 }).chain((months) =>
    fc
      .record({
        demand: fc.array(fractional ? fc.integer({ min: 0, max: 8_000_000 }).map((x) => x / 1000) : fc.integer({ min: 0, max: 8000 }), { minLength: months, maxLength: months }),
        allotments: fc.tuple(fc.option(arbAllotment("a1"), { nil: undefined }), fc.option(arbAllotment("a2"), { nil: undefined })),
        packs: fc.tuple(fc.option(arbPack("p1", months), { nil: undefined }), fc.option(arbPack("p2", months), { nil: undefined })),
        ceiling: fc.option(arbLimit(20000), { nil: undefined }),
        onExhaustion: arbBehaviour,
        discount: arbDiscount,
        ratePolicy: arbPolicy,
        escalation: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      })
      .map((r) => {
        const terms: ContractTerms = {
          allotments: r.allotments.filter((a): a is Allotment => a !== undefined),
          packs: r.packs.filter((p): p is PackPurchase => p !== undefined),
          onExhaustion: r.onExhaustion,
          ...(r.ceiling ? { ceiling: r.ceiling } : {}),
          ...(r.discount ? { discount: r.discount } : {}),
          ...(r.ratePolicy ? { ratePolicy: r.ratePolicy } : {}),
        };
        return { demand: r.demand, terms, escalation: r.escalation };
      }),
  );

function compare(demand: number[], terms: ContractTerms, escalation: number | undefined) {
  const assumptions = escalation === undefined ? undefined : { listEscalationPctPerYear: D(escalation) };
  const path = creditDemand(demand.map((x) => new Decimal(x)), START);
  let exact;
  try {
    exact = evaluateLedger({ demand: path, rateCard: cards, terms, ...(assumptions ? { assumptions } : {}) });
  } catch {
    // Both ledgers reject the same inputs.
    expect(() => compileFastLedger({ periods: path.periods.map((p) => p.period), rateCard: cards, terms, ...(assumptions ? { assumptions } : {}) }).run(Float64Array.from(demand))).toThrow();
    return null;
  }
  const fast = compileFastLedger({ periods: path.periods.map((p) => p.period), rateCard: cards, terms, ...(assumptions ? { assumptions } : {}) });
  const costs = new Float64Array(demand.length);
  const r = fast.run(Float64Array.from(demand), costs);
  return { exact, fast: r, costs };
}

/** Tolerance of the float ledger: a cent per period and component, plus a relative 1e-9. */
const tolerance = (periods: number, exact: number) => 0.01 * 5 * periods + 1e-9 * Math.abs(exact);

describe("fast ledger agrees with the exact ledger", { timeout: 60_000 }, () => {
  it("on random clause sets and fractional demand: totals within tolerance, same exhaustion period", () => {
    fc.assert(
      fc.property(arbCase(true), ({ demand, terms, escalation }) => {
        const c = compare(demand, terms, escalation);
        if (!c) return;
        const total = c.exact.summary.totalCost;
        if (total === null) expect(Number.isNaN(c.fast.totalCost)).toBe(true);
        else expect(Math.abs(c.fast.totalCost - total.toNumber())).toBeLessThanOrEqual(tolerance(demand.length, total.toNumber()));
        expect(c.fast.exhaustionPeriod).toBe(c.exact.summary.exhaustion?.periodIndex ?? -1);
        expect(Math.abs(c.fast.unservedCredits - c.exact.summary.unservedCredits.toNumber())).toBeLessThanOrEqual(1e-3 * demand.length);
        const overage = c.exact.summary.costByComponent.overage;
        if (overage !== null) expect(Math.abs(c.fast.overage - overage.toNumber())).toBeLessThanOrEqual(tolerance(demand.length, overage.toNumber()));
      }),
      { numRuns: RUNS, seed: 20260401 },
    );
  });

  it("row by row on whole-number demand", () => {
    fc.assert(
      fc.property(arbCase(false), ({ demand, terms, escalation }) => {
        const c = compare(demand, terms, escalation);
        if (!c) return;
        c.exact.rows.forEach((row, i) => {
          if (row.cost.total === null) expect(Number.isNaN(c.costs[i]!)).toBe(true);
          else expect(Math.abs(c.costs[i]! - row.cost.total.toNumber())).toBeLessThanOrEqual(0.05 + 1e-9 * Math.abs(row.cost.total.toNumber()));
        });
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });
});
