// Random contracts for property and differential tests: every clause the ledger models (allotments
// with windows, priorities, rollover and per-head sizes, packs with expiry and priority, draw
// order, environment multipliers and negotiated credits per unit, ceilings, every exhaustion
// behaviour with caps, discounts and rate policies, rate card versions, list escalation), and
// demand as actions per unit and environment plus direct credits.
import Decimal from "@/lib/engine/decimal";
import fc from "fast-check";
import type { Allotment, ContractTerms, CycleLimit, Discount, ExhaustionBehaviour, LedgerAssumptions, PackPurchase, PriceBasis, RatePolicy } from "@/lib/engine/ledger/types";
import { AUTO_PACK_SOURCE_ID } from "@/lib/engine/ledger/types";
import type { DemandPath, DemandPeriod, RateCardVersion } from "@/lib/engine/types";
import { periods } from "./ledger/factories";

const D = (v: Decimal.Value) => new Decimal(v);
export const START = "2026-01-01";
const at = (m: number, day: string) => `${2026 + Math.floor(m / 12)}-${String(1 + (m % 12)).padStart(2, "0")}-${day}`;

export const UNITS = ["u1", "u2", "u3"] as const;

/** Two versions of one card (a price rise and a re-metered unit from 2027), priced or not. */
const arbCards: fc.Arbitrary<RateCardVersion[]> = fc
  .record({
    kind: fc.constantFrom("direct" as const, "pack" as const, "unknown" as const),
    second: fc.boolean(),
    cpu: fc.tuple(fc.constantFrom(1, 2, 5, 20), fc.constantFrom(1, 3), fc.constantFrom("0.5", "1.25", "5")),
  })
  .map(({ kind, second, cpu }) => {
    const price = (p: string) =>
      kind === "direct" ? { kind: "direct" as const, pricePerCredit: D(p) } : kind === "pack" ? { kind: "pack" as const, packPrice: D(p).mul(1000), packCredits: D(1000) } : { kind: "unknown" as const };
    const units = (bump: number) => [
      { id: "u1", name: "one", creditsPerUnit: D(cpu[0]) },
      { id: "u2", name: "two", creditsPerUnit: D(cpu[1] + bump) },
      { id: "u3", name: "three", creditsPerUnit: D(cpu[2]) },
    ];
    const v1: RateCardVersion = { id: "v1", vendor: "Test", currency: "USD", effectiveFrom: "2000-01-01", units: units(0), creditPrice: price("0.10") };
    const v2: RateCardVersion = { id: "v2", vendor: "Test", currency: "USD", effectiveFrom: "2027-01-01", units: units(1), creditPrice: price("0.12") };
    return second ? [v1, v2] : [v1];
  });

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

const arbAllotment = (id: string, months: number): fc.Arbitrary<Allotment> =>
  fc
    .record({
      cadence: fc.constantFrom("month" as const, "quarter" as const, "year" as const, "term" as const),
      anchor: fc.constantFrom("calendar" as const, "anniversary" as const),
      size: arbSize,
      fee: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
      kind: fc.constantFrom("complimentary" as const, "allocation" as const),
      priority: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      window: fc.option(fc.tuple(fc.integer({ min: 0, max: months }), fc.integer({ min: 1, max: months + 2 })), { nil: undefined }),
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
      ...(r.priority === undefined ? {} : { priority: r.priority }),
      ...(r.window ? { from: at(r.window[0], "01"), until: at(r.window[0] + r.window[1], "01") } : {}),
      ...(r.rollover ? { rollover: { sharePct: D(r.rollover.share), ...(r.rollover.cap ? { cap: r.rollover.cap } : {}), ...(r.rollover.expires ? { expiresAfterCycles: r.rollover.expires } : {}) } } : {}),
    }));

const arbPack = (id: string, months: number): fc.Arbitrary<PackPurchase> =>
  fc
    .record({
      month: fc.integer({ min: 0, max: months - 1 }),
      credits: fc.integer({ min: 1, max: 5000 }),
      price: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      life: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
      priority: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    })
    .map((r) => ({
      id,
      credits: D(r.credits),
      ...(r.price === undefined ? {} : { price: D(r.price) }),
      purchaseDate: at(r.month, "10"),
      ...(r.life === undefined ? {} : { expiresOn: at(r.month + r.life, "01") }),
      ...(r.priority === undefined ? {} : { priority: r.priority }),
    }));

const arbLimit = (max: number): fc.Arbitrary<CycleLimit> =>
  fc.record({ cadence: fc.constantFrom("month" as const, "quarter" as const, "year" as const), anchor: fc.constantFrom("calendar" as const, "anniversary" as const), inMoney: fc.boolean(), value: fc.integer({ min: 0, max }) }).map((r) => ({
    cadence: r.cadence,
    anchor: r.anchor,
    limit: r.inMoney ? { kind: "amount" as const, amount: D(r.value).div(10) } : { kind: "credits" as const, credits: D(r.value) },
  }));

const arbBasis: fc.Arbitrary<PriceBasis | undefined> = fc.constantFrom(undefined, { kind: "list" as const }, { kind: "contract" as const }, { kind: "fixed" as const, pricePerCredit: D("0.15") });

const arbBehaviour: fc.Arbitrary<ExhaustionBehaviour> = fc.oneof(
  fc.constant({ kind: "pause" as const }),
  fc
    .record({ credits: fc.integer({ min: 1, max: 3000 }), price: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }), life: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }), priority: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }) })
    .map((r) => ({
      kind: "autoPack" as const,
      pack: { packCredits: D(r.credits), ...(r.price === undefined ? {} : { packPrice: D(r.price) }), ...(r.life === undefined ? {} : { expiresAfterMonths: r.life }), ...(r.priority === undefined ? {} : { priority: r.priority }) },
    })),
  fc.record({ cap: fc.option(arbLimit(8000), { nil: undefined }), above: fc.constantFrom("unserved" as const, "preApproved" as const), price: arbBasis }).map((r) => ({
    kind: "overage" as const,
    overage: { ...(r.cap ? { cap: r.cap } : {}), aboveCap: r.above, ...(r.price ? { price: r.price } : {}) },
  })),
  fc
    .record({
      n: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      cap: fc.option(fc.oneof(fc.integer({ min: 0, max: 2000 }).map((a) => ({ kind: "amount" as const, amount: D(a) })), fc.integer({ min: 0, max: 50 }).map((p) => ({ kind: "pctOfContractValue" as const, pct: D(p) }))), { nil: undefined }),
      scope: fc.constantFrom("term" as const, "perTrueUp" as const),
      price: arbBasis,
    })
    .map((r) => ({
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

export interface RandomCase {
  months: number;
  rateCard: RateCardVersion[];
  terms: ContractTerms;
  assumptions?: LedgerAssumptions;
  /** per period: actions by unit (production, non-production) and direct credits */
  demand: { actions: Record<string, [number, number]>; credits: number }[];
}

/** Actions are whole numbers or thousandths (fractional: a forecast of 22.2 agents), credits likewise. */
export const arbCase = (opts: { fractional: boolean; maxMonths?: number } = { fractional: true }): fc.Arbitrary<RandomCase> =>
  fc.integer({ min: 1, max: opts.maxMonths ?? 30 }).chain((months) => {
    const qty = (max: number) => (opts.fractional ? fc.integer({ min: 0, max: max * 1000 }).map((x) => x / 1000) : fc.integer({ min: 0, max }));
    return fc
      .record({
        rateCard: arbCards,
        demand: fc.array(
          fc.record({
            actions: fc.record({ u1: fc.tuple(qty(2000), qty(300)), u2: fc.tuple(qty(800), qty(100)), u3: fc.tuple(qty(400), fc.constant(0)) }, { requiredKeys: [] }),
            credits: fc.oneof(fc.constant(0), qty(3000)),
          }),
          { minLength: months, maxLength: months },
        ),
        allotments: fc.tuple(fc.option(arbAllotment("a1", months), { nil: undefined }), fc.option(arbAllotment("a2", months), { nil: undefined })),
        packs: fc.tuple(fc.option(arbPack("p1", months), { nil: undefined }), fc.option(arbPack("p2", months), { nil: undefined })),
        drawOrder: fc.option(fc.shuffledSubarray(["a1", "a2", "p1", "p2", AUTO_PACK_SOURCE_ID]), { nil: undefined }),
        multipliers: fc.option(fc.record({ production: fc.constantFrom(D(1), D("0.8")), nonProduction: fc.constantFrom(D("0.5"), D(0), D("1.5")) }, { requiredKeys: [] }), { nil: undefined }),
        negotiated: fc.option(fc.record({ u1: fc.constantFrom(D(15), D("0.75")), u4: fc.constant(D(3)) }, { requiredKeys: [] }), { nil: undefined }),
        ceiling: fc.option(arbLimit(20000), { nil: undefined }),
        onExhaustion: arbBehaviour,
        discount: arbDiscount,
        ratePolicy: arbPolicy,
        escalation: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        alerts: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
      })
      .map((r): RandomCase => {
        const allotments = r.allotments.filter((a): a is Allotment => a !== undefined);
        const packs = r.packs.filter((p): p is PackPurchase => p !== undefined);
        const ids = new Set([...allotments.map((a) => a.id), ...packs.map((p) => p.id), ...(r.onExhaustion.kind === "autoPack" ? [AUTO_PACK_SOURCE_ID] : [])]);
        const terms: ContractTerms = {
          termStart: START,
          allotments,
          packs,
          onExhaustion: r.onExhaustion,
          ...(r.drawOrder ? { drawOrder: r.drawOrder.filter((id) => ids.has(id)) } : {}),
          ...(r.multipliers ? { environmentMultipliers: r.multipliers } : {}),
          ...(r.negotiated ? { creditsPerUnit: r.negotiated } : {}),
          ...(r.ceiling ? { ceiling: r.ceiling } : {}),
          ...(r.discount ? { discount: r.discount } : {}),
          ...(r.ratePolicy ? { ratePolicy: r.ratePolicy } : {}),
          ...(r.alerts ? { alertThresholdsPct: r.alerts } : {}),
        };
        const demand = r.demand.map((d) => ({ actions: Object.fromEntries(Object.entries(d.actions).filter((e): e is [string, [number, number]] => e[1] !== undefined)), credits: d.credits }));
        return { months, rateCard: r.rateCard, terms, demand, ...(r.escalation === undefined ? {} : { assumptions: { listEscalationPctPerYear: D(r.escalation) } }) };
      });
  });

/** The case's demand as the exact ledger's input. */
export function demandOf(c: RandomCase): DemandPath {
  const ps = periods(START, c.months);
  return {
    granularity: "month",
    periods: ps.map((period, i): DemandPeriod => {
      const d = c.demand[i]!;
      const actions: DemandPeriod["actions"] = {};
      for (const [id, [p, n]] of Object.entries(d.actions)) actions[id] = { production: D(p), nonProduction: D(n) };
      return { period, actions, directCredits: D(d.credits) };
    }),
  };
}
