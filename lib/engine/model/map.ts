// From a validated model document to engine inputs: Decimals, periods, driver inputs, ledger terms.
// Scenario overrides are applied here, field by field, so that the engine never sees a partial case.
import Decimal from "@/lib/engine/decimal";
import { buildPeriods } from "@/lib/engine/calendar";
import type { DriverInputs, UnitDriver } from "@/lib/engine/demand/drivers";
import type { BurnSeries } from "@/lib/engine/demand/burn";
import type {
  Allotment,
  ContractTerms,
  CycleLimit,
  ExhaustionBehaviour,
  LedgerAssumptions,
  PerUserTerms,
  PriceBasis,
  RolloverTerms,
  UnservedPricing,
} from "@/lib/engine/ledger/types";
import type { Granularity, Period, RateCardVersion } from "@/lib/engine/types";
import type { ClausesDocParsed, DriversDocParsed, ModelDocumentParsed, ScenarioDocParsed } from "@/lib/engine/model/schema";

type Dec = string | number;

const HUNDRED = new Decimal(100);

/** Numbers go through their shortest string form, so 0.1 becomes exactly 0.1, not its binary value. */
export function dec(value: Dec): Decimal {
  return new Decimal(typeof value === "number" ? String(value) : value);
}

function share(pct: Dec): Decimal {
  return dec(pct).div(HUNDRED);
}

function opt<T, U>(value: T | undefined, f: (v: T) => U): U | undefined {
  return value === undefined ? undefined : f(value);
}

/** Drops undefined fields so that optional engine fields stay absent, not present-but-undefined. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export interface ModelTerm {
  granularity: Granularity;
  periods: Period[];
}

export function termOf(doc: ModelDocumentParsed): ModelTerm {
  const wd = doc.term.workingDays;
  return {
    granularity: doc.term.granularity,
    periods: buildPeriods(
      compact({
        start: doc.term.start,
        periods: doc.term.periods,
        granularity: doc.term.granularity,
        workingDaysPerPeriod: wd?.perPeriod,
        workingDaysOverrides: wd?.overrides,
        holidays: wd?.holidays,
      }),
    ),
  };
}

/** The engine's rate card of a document, built once per document and card: every scenario on the
 *  card holds the same version objects, and so shares its credits-per-unit tables (ratecard.ts). */
export function rateCardOf(doc: ModelDocumentParsed, cardId: string | undefined): { id: string; versions: RateCardVersion[] } {
  let byCard = rateCardMemo.get(doc);
  if (!byCard) rateCardMemo.set(doc, (byCard = new Map()));
  let card = byCard.get(cardId);
  if (!card) byCard.set(cardId, (card = buildRateCard(doc, cardId)));
  return card;
}

const rateCardMemo = new WeakMap<ModelDocumentParsed, Map<string | undefined, { id: string; versions: RateCardVersion[] }>>();

function buildRateCard(doc: ModelDocumentParsed, cardId: string | undefined): { id: string; versions: RateCardVersion[] } {
  const card = cardId === undefined ? doc.rateCards[0] : doc.rateCards.find((c) => c.id === cardId);
  if (!card) throw new Error(`no rate card "${cardId}"`); // the schema has already checked this
  return {
    id: card.id,
    versions: card.versions.map((v) =>
      compact({
        id: v.id,
        vendor: card.vendor ?? doc.case.vendor,
        currency: doc.case.currency,
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
        source: v.source,
        units: v.units.map((u) => ({ id: u.id, name: u.name, creditsPerUnit: dec(u.creditsPerUnit) })),
        creditPrice:
          v.creditPrice.kind === "direct"
            ? { kind: "direct" as const, pricePerCredit: dec(v.creditPrice.pricePerCredit) }
            : v.creditPrice.kind === "pack"
              ? { kind: "pack" as const, packPrice: dec(v.creditPrice.packPrice), packCredits: dec(v.creditPrice.packCredits) }
              : { kind: "unknown" as const },
      }),
    ),
  };
}

/** The document's drivers with the scenario's driver fields replacing them one by one. */
export function mergedDrivers(doc: ModelDocumentParsed, scenario: ScenarioDocParsed): DriversDocParsed | undefined {
  const override = scenario.demand?.drivers;
  if (!doc.drivers && !override) return undefined;
  const merged = { ...(doc.drivers ?? {}), ...(override ?? {}) } as Partial<DriversDocParsed>;
  if (!merged.units) return undefined;
  return merged as DriversDocParsed;
}

/** A driver value as written: a decimal, a low / likely / high range, or discrete outcomes. */
export type UncertainValue = Dec | { low: Dec; likely: Dec; high: Dec } | Outcomes;

export interface Outcomes {
  outcomes: { value: Dec; probabilityPct: Dec }[];
}

/** The five kinds of uncertain driver; Monte Carlo draws one quantile per kind and path. */
export type DriverKind = "activation" | "actions" | "growth" | "mix" | "nonProduction";

export function isRange(v: UncertainValue): v is { low: Dec; likely: Dec; high: Dec } {
  return typeof v === "object" && !("outcomes" in v);
}

export function isOutcomes(v: UncertainValue): v is Outcomes {
  return typeof v === "object" && "outcomes" in v;
}

/** The most probable outcome (the first of equals): the value of the deterministic forecast. */
export function likelyOutcome(v: Outcomes): Dec {
  let best = v.outcomes[0]!;
  for (const o of v.outcomes) if (Number(o.probabilityPct) > Number(best.probabilityPct)) best = o;
  return best.value;
}

/** Outcomes in increasing order of value, with their cumulative probabilities (0–1): the quantile
 *  function of a discrete distribution, so that a higher quantile never gives a lower value. */
export function outcomeSteps(v: Outcomes): { values: number[]; cumulative: number[]; written: Dec[] } {
  const sorted = [...v.outcomes].sort((a, b) => Number(a.value) - Number(b.value));
  let c = 0;
  return {
    values: sorted.map((o) => Number(o.value)),
    cumulative: sorted.map((o) => (c += Number(o.probabilityPct) / 100)),
    written: sorted.map((o) => o.value),
  };
}

/** Index of the outcome at quantile u ∈ [0, 1). */
export function outcomeAt(cumulative: readonly number[], u: number): number {
  for (let k = 0; k < cumulative.length - 1; k++) if (u < cumulative[k]!) return k;
  return cumulative.length - 1;
}

/** How a driver value becomes a Decimal: the likely value unless a sampler says otherwise. */
export type DriverPick = (value: UncertainValue, kind: DriverKind) => Decimal;

export const pickLikely: DriverPick = (v) => dec(isRange(v) ? v.likely : isOutcomes(v) ? likelyOutcome(v) : v);

export function driverInputsOf(drivers: DriversDocParsed, termStart: string, pick: DriverPick = pickLikely): DriverInputs {
  // The schema has checked that exactly one volume field is present.
  const units: UnitDriver[] = drivers.units.map((u) =>
    u.actionsPerActiveAgentPerDay !== undefined
      ? { unitId: u.unit, basis: "perActiveAgentPerDay", actions: pick(u.actionsPerActiveAgentPerDay, "actions") }
      : { unitId: u.unit, basis: "perMonth", actions: pick(u.actionsPerMonth ?? 0, "actions") },
  );
  let ramp: Decimal[] | undefined;
  const r = drivers.ramp;
  if (r) {
    ramp = r.belowSteadyStatePctByMonth
      ? r.belowSteadyStatePctByMonth.map(share)
      : Array.from({ length: r.months ?? 0 }, () => share(r.belowSteadyStatePct ?? 0));
  }
  return compact({
    termStart,
    licensedSeats: opt(drivers.licensedSeats, dec),
    activationByMonth: drivers.activationPctByMonth?.map((v) => pick(v, "activation").div(HUNDRED)),
    units,
    rampBelowSteadyStateByMonth: ramp,
    monthlyGrowth: opt(drivers.monthlyGrowthPct, (v) => pick(v, "growth").div(HUNDRED)),
    nonProductionShare: opt(drivers.nonProductionPct, (v) => pick(v, "nonProduction").div(HUNDRED)),
    unitMultipliers: opt(drivers.unitMultipliers, (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, pick(v, "mix")]))),
  });
}

export function burnSeriesOf(doc: ModelDocumentParsed): BurnSeries | undefined {
  const b = doc.observedBurn;
  if (!b) return undefined;
  return { granularity: b.granularity, start: b.start, values: b.values.map(dec), quantity: b.quantity };
}

function priceBasis(p: NonNullable<NonNullable<ClausesDocParsed["onExhaustion"]> & { kind: "overage" }>["overage"]["price"]): PriceBasis | undefined {
  if (!p) return undefined;
  return p.kind === "fixed" ? { kind: "fixed", pricePerCredit: dec(p.pricePerCredit) } : { kind: p.kind };
}

function cycleLimit(c: NonNullable<ClausesDocParsed["ceiling"]> | undefined): CycleLimit | undefined {
  if (!c) return undefined;
  return compact({
    cadence: c.cadence,
    anchor: c.anchor,
    limit: c.limit.kind === "credits" ? { kind: "credits" as const, credits: dec(c.limit.credits) } : { kind: "amount" as const, amount: dec(c.limit.amount) },
  });
}

export function rolloverOf(r: NonNullable<NonNullable<ClausesDocParsed["allotments"]>[number]["rollover"]>): RolloverTerms {
  return compact({
    sharePct: dec(r.sharePct),
    expiresAfterCycles: r.expiresAfterCycles,
    cap: opt(r.cap, (c) => (c.kind === "credits" ? { kind: "credits" as const, credits: dec(c.credits) } : { kind: "pctOfGrant" as const, pct: dec(c.pct) })),
  });
}

function allotmentOf(a: NonNullable<ClausesDocParsed["allotments"]>[number]): Allotment {
  const size: Allotment["size"] =
    a.size.kind === "fixed"
      ? { kind: "fixed", credits: dec(a.size.credits) }
      : a.size.kind === "fromAmount"
        ? { kind: "fromAmount", amount: dec(a.size.amount) }
        : compact({
            kind: "perHead" as const,
            creditsPerHead: dec(a.size.creditsPerHead),
            headcount: a.size.headcount.map((h) => ({ from: h.from, headcount: h.headcount })),
            onChange: a.size.onChange,
          });
  return compact({
    id: a.id,
    kind: a.kind,
    cadence: a.cadence,
    anchor: a.anchor,
    size,
    feePerCycle: opt(a.feePerCycle, dec),
    rollover: opt(a.rollover, rolloverOf),
    priority: a.priority,
    from: a.from,
    until: a.until,
  });
}

function exhaustionOf(e: NonNullable<ClausesDocParsed["onExhaustion"]>): ExhaustionBehaviour {
  switch (e.kind) {
    case "pause":
      return { kind: "pause" };
    case "autoPack":
      return {
        kind: "autoPack",
        pack: compact({
          packCredits: dec(e.pack.packCredits),
          packPrice: opt(e.pack.packPrice, dec),
          expiresAfterMonths: e.pack.expiresAfterMonths,
          priority: e.pack.priority,
        }),
      };
    case "overage":
      return {
        kind: "overage",
        overage: compact({ price: priceBasis(e.overage.price), cap: cycleLimit(e.overage.cap), aboveCap: e.overage.aboveCap }),
      };
    case "trueUp": {
      const t = e.trueUp;
      return {
        kind: "trueUp",
        trueUp: compact({
          schedule: t.schedule.kind === "termEnd" ? { kind: "termEnd" as const } : { kind: "everyNPeriods" as const, n: t.schedule.n },
          price: priceBasis(t.price),
          cap: opt(t.cap, (c) =>
            c.kind === "amount"
              ? { kind: "amount" as const, amount: dec(c.amount) }
              : compact({ kind: "pctOfContractValue" as const, pct: dec(c.pct), contractValue: opt(c.contractValue, dec) }),
          ),
          capScope: t.capScope,
        }),
      };
    }
  }
}

/** The contract's clauses with the scenario's replacing them field by field (no deep merge: a
 *  scenario that sets `allotments` sets the whole list). */
export function mergedClauses(doc: ModelDocumentParsed, scenario: ScenarioDocParsed): ClausesDocParsed {
  return { ...(doc.contract ?? {}), ...(scenario.clauses ?? {}) };
}

export function contractTermsOf(clauses: ClausesDocParsed, termStart: string): ContractTerms {
  const rp = clauses.ratePolicy;
  const d = clauses.discount;
  return compact({
    termStart: clauses.termStart ?? termStart,
    ratePolicy: opt(rp, (p): ContractTerms["ratePolicy"] =>
      p.kind === "list"
        ? { kind: "list" }
        : p.kind === "pinned"
          ? compact({ kind: "pinned" as const, pricePerCredit: opt(p.pricePerCredit, dec) })
          : { kind: "capped", maxIncreasePctPerYear: dec(p.maxIncreasePctPerYear) },
    ),
    discount: opt(d, (x): ContractTerms["discount"] => {
      switch (x.kind) {
        case "none":
          return { kind: "none" };
        case "flat":
          return { kind: "flat", pct: dec(x.pct) };
        case "volumeTiers":
          return {
            kind: "volumeTiers",
            tiers: x.tiers.map((t) => (t.pricePerCredit !== undefined ? { fromCredits: dec(t.fromCredits), pricePerCredit: dec(t.pricePerCredit) } : { fromCredits: dec(t.fromCredits), pct: dec(t.pct ?? 0) })),
          };
        case "committedPrice":
          return { kind: "committedPrice", pricePerCredit: dec(x.pricePerCredit) };
      }
    }),
    creditsPerUnit: opt(clauses.creditsPerUnit, (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, dec(v)]))),
    environmentMultipliers: opt(clauses.environmentMultipliers, (m) =>
      compact({ production: opt(m.production, dec), nonProduction: opt(m.nonProduction, dec) }),
    ),
    allotments: clauses.allotments?.map(allotmentOf),
    packs: clauses.packs?.map((p) =>
      compact({
        id: p.id,
        credits: dec(p.credits),
        price: opt(p.price, dec),
        purchaseDate: p.purchaseDate,
        expiresOn: p.expiresOn,
        priority: p.priority,
      }),
    ),
    drawOrder: clauses.drawOrder,
    ceiling: cycleLimit(clauses.ceiling),
    onExhaustion: opt(clauses.onExhaustion, exhaustionOf),
    alertThresholdsPct: clauses.alertThresholdsPct,
  });
}

export function perUserOf(doc: ModelDocumentParsed, scenario: ScenarioDocParsed): PerUserTerms | undefined {
  const p = scenario.perUser === null ? undefined : (scenario.perUser ?? doc.perUser);
  if (!p) return undefined;
  return {
    users: typeof p.users === "number" ? p.users : p.users.map((h) => ({ from: h.from, headcount: h.headcount })),
    pricePerUserPerMonth: dec(p.pricePerUserPerMonth),
  };
}

export function assumptionsOf(doc: ModelDocumentParsed, scenario: ScenarioDocParsed): LedgerAssumptions | undefined {
  const a = { ...(doc.assumptions ?? {}), ...(scenario.assumptions ?? {}) };
  const u = a.unserved;
  const out: LedgerAssumptions = compact({
    listEscalationPctPerYear: opt(a.listEscalationPctPerYear, dec),
    unserved: opt(u, (x): UnservedPricing =>
      x.kind === "list" ? { kind: "list" } : x.kind === "perCredit" ? { kind: "perCredit", pricePerCredit: dec(x.pricePerCredit) } : { kind: "perAction", costPerAction: dec(x.costPerAction) },
    ),
  });
  return Object.keys(out).length === 0 ? undefined : out;
}
