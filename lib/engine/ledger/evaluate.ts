// The exact clause ledger: a compiled contract plan (./plan.ts) applied to one demand path, one row
// per period, in decimals.
//
// Order of events inside a period (each a deliberate choice, since clauses interact):
//   1. allotments whose cycle starts in this period are granted (fees billed), headcount top-ups
//      are granted, scheduled packs bought in this period arrive;
//   2. demand is computed from actions × credits per unit (negotiated values and environment
//      multipliers applied) plus direct credits;
//   3. the consumption ceiling lets through at most what is left of its cycle's limit; the rest
//      is unserved ("ceiling");
//   4. what is let through is drawn from the balance in draw order (see ContractTerms.drawOrder);
//   5. a shortfall is handled by the exhaustion behaviour: pause (unserved "exhausted"), automatic
//      packs, overage within its cap (above it unserved "overageCap" unless pre-approved), or
//      arrears billed at the true-up points;
//   6. at the end of the period, lots whose last usable period this is expire, except the share
//      a rollover clause carries into a new lot;
//   7. what was left unserved is priced (plan.unserved): it is a cost of the scenario, reported
//      apart from what is billed and added to it in `costToServe`, never a saving.
// Within a period demand is assumed even over its working (or calendar) days; that is only used
// to date exhaustion and alerts, never to change the amounts.
//
// Pure: no I/O, no logging, no clock; safe to call thousands of times in a Monte Carlo loop.
import Decimal from "@/lib/engine/decimal";
import { addOrNull, divOrNull, exact, EXACT_ZERO, maxDecimal, minDecimal, quantizeCredits, roundMoney, ZERO } from "@/lib/engine/money";
import { dayAtFraction } from "@/lib/engine/calendar";
import type { IsoDate, Period } from "@/lib/engine/types";
import { perUserCostForPeriod } from "@/lib/engine/peruser";
import { periodDemand, tableWordsOf } from "@/lib/engine/ledger/demand";
import {
  amountFor,
  buyAtContract,
  compileContractPlan,
  effectivePrice,
  headcountAt,
  LedgerInputError,
  priceFor,
  type ContractPlan,
  type GrantPlan,
  type LimitPlan,
  type TierPosition,
} from "@/lib/engine/ledger/plan";
import {
  AUTO_PACK_SOURCE_ID,
  type AlertCrossing,
  type DatedEvent,
  type LedgerCost,
  type LedgerInput,
  type LedgerResult,
  type LedgerRow,
  type LedgerSummary,
  type PerUserComparison,
  type SourceKind,
  type SourceMovement,
} from "@/lib/engine/ledger/types";

export { headcountAt, LedgerInputError };

/** A shortfall below half a credit rounds to no credit at all: it is served or left unserved as
 *  the terms say, but it is not the balance running out (no exhaustion date for a $0.00 gap). */
export const EXHAUSTION_MIN_CREDITS = new Decimal("0.5");

interface GrantInfo {
  plan: GrantPlan;
  granted: Decimal;
  drawn: Decimal;
  cycleStart: string;
  /** index into the sorted alert thresholds of the next one to fire */
  nextAlert: number;
}

/** Credits of one source with one expiry: a grant, a pack, a rollover lot. */
interface Lot {
  sourceId: string;
  kind: SourceKind;
  rank: number;
  priority: number;
  /** last period index in which the lot can be drawn; Infinity = beyond the term */
  lastUsable: number;
  /** day number of the expiry date (sort key: expiries beyond the term still differ); Infinity = never */
  expiresAt: number;
  seq: number;
  remaining: Decimal;
  /** set on an allotment's grant lot (not on its rollover lots) */
  grant: GrantInfo | null;
}

/** Draw order: rank (drawOrder), priority, earliest expiry, then creation. */
function compareLots(a: Lot, b: Lot): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.expiresAt !== b.expiresAt) return a.expiresAt < b.expiresAt ? -1 : 1;
  return a.seq - b.seq;
}

/** A cycle limit's use so far: the cycle it is measured in and what was used in it. */
interface LimitUse {
  key: number;
  credits: Decimal;
  money: Decimal;
}

/** The use of a limit in period i's cycle; a new cycle starts from nothing (`zero`: the precision
 *  its money is summed in, 64 digits for a ceiling's value, the default for an overage bill). */
function limitUseAt(limit: LimitPlan, use: LimitUse, i: number, zero: Decimal): LimitUse {
  if (limit.keys[i] !== use.key) {
    use.key = limit.keys[i]!;
    use.credits = ZERO;
    use.money = zero;
  }
  return use;
}

/** The state of one ledger run, carried from period to period. */
interface LedgerState {
  plan: ContractPlan;
  basis: "workingDays" | "calendarDays";
  lots: Lot[];
  seq: number;
  tier: TierPosition;
  /** per allotment: the grant lot of its current cycle */
  current: (Lot | null)[];
  ceiling: LimitUse;
  overageCap: LimitUse;
  arrears: Decimal;
  trueUpBilled: Decimal;
  exhaustion: DatedEvent | null;
  alerts: AlertCrossing[];
}

/** The credit and money movements of one period, filled step by step. */
interface PeriodBook {
  moves: Map<string, SourceMovement>;
  granted: Decimal;
  purchased: Decimal;
  fixedCost: Decimal | null;
  packCost: Decimal | null;
  autoPackCost: Decimal | null;
}

function move(book: PeriodBook, id: string): SourceMovement {
  return book.moves.get(id)!;
}

// ── 1. grants, top-ups and scheduled packs ──────────────────────────────────────────────────
function grantAndBuy(s: LedgerState, i: number, effective: Decimal | null, book: PeriodBook): void {
  const { plan } = s;
  plan.grants.forEach((g, p) => {
    if (g.isCycleStart[i]) {
      s.current[p] = null;
      if (!g.grantAt[i]) return;
      let credits = g.grantCredits[i]!;
      if (g.amount !== null) {
        if (effective === null) throw new LedgerInputError(`allotment "${g.id}" is sized in money but the price of a credit is unknown`, ["allotments", p, "size"]);
        if (effective.isZero()) throw new LedgerInputError(`allotment "${g.id}" is sized in money but a credit costs 0`, ["allotments", p, "size"]);
        credits = quantizeCredits(g.amount.div(effective), "down");
      }
      const lot: Lot = {
        sourceId: g.id,
        kind: g.kind,
        rank: g.rank,
        priority: g.priority,
        lastUsable: g.grantLastUsable[i]!,
        expiresAt: g.grantExpiresAt[i]!,
        seq: s.seq++,
        remaining: credits,
        grant: { plan: g, granted: credits, drawn: ZERO, cycleStart: g.grantCycleStart[i]!, nextAlert: 0 },
      };
      s.lots.push(lot);
      s.current[p] = lot;
      book.granted = book.granted.add(credits);
      move(book, g.id).granted = move(book, g.id).granted.add(credits);
      if (g.fee) book.fixedCost = addOrNull(book.fixedCost, g.fee);
    } else if (g.topUp[i] && s.current[p]) {
      const extra = g.topUp[i]!;
      const lot = s.current[p]!;
      lot.remaining = lot.remaining.add(extra);
      lot.grant!.granted = lot.grant!.granted.add(extra);
      book.granted = book.granted.add(extra);
      move(book, g.id).granted = move(book, g.id).granted.add(extra);
    }
  });
  for (const pack of plan.packsAt[i]!) {
    s.lots.push({
      sourceId: pack.id,
      kind: "pack",
      rank: pack.rank,
      priority: pack.priority,
      lastUsable: pack.lastUsable,
      expiresAt: pack.expiresAt,
      seq: s.seq++,
      remaining: pack.credits,
      grant: null,
    });
    book.purchased = book.purchased.add(pack.credits);
    move(book, pack.id).purchased = move(book, pack.id).purchased.add(pack.credits);
    book.packCost = addOrNull(book.packCost, pack.price ?? buyAtContract(plan, s.tier, i, pack.credits));
  }
}

// ── 3. the consumption ceiling ──────────────────────────────────────────────────────────────
function applyCeiling(s: LedgerState, i: number, demand: Decimal, effective: Decimal | null): { allowed: Decimal; unserved: Decimal } {
  const ceiling = s.plan.ceiling;
  if (!ceiling) return { allowed: demand, unserved: ZERO };
  const use = limitUseAt(ceiling, s.ceiling, i, EXACT_ZERO);
  let room: Decimal;
  if (ceiling.credits !== null) room = ceiling.credits.sub(use.credits);
  else {
    if (effective === null) throw new LedgerInputError("a consumption ceiling in money needs a known price of a credit", ["ceiling", "limit"]);
    room = effective.isZero() ? demand : ceiling.amount!.sub(use.money).div(effective);
  }
  room = quantizeCredits(maxDecimal(room, ZERO), "down");
  return demand.gt(room) ? { allowed: room, unserved: demand.sub(room) } : { allowed: demand, unserved: ZERO };
}

/** An alert crossing whose date is placed when it is first read: Monte Carlo's re-runs and ask
 *  valuation read only totals, and would otherwise place a date for every crossing of every run. */
function alertCrossing(g: GrantInfo, thresholdPct: number, periodIndex: number, period: Period, position: Decimal, demand: Decimal, basis: LedgerState["basis"]): AlertCrossing {
  let date: IsoDate | undefined;
  return {
    allotmentId: g.plan.id,
    cycleStart: g.cycleStart,
    thresholdPct,
    grantCredits: g.granted,
    periodIndex,
    get date() {
      return (date ??= dayAtFraction(period, position.div(demand).toNumber(), basis, "reach"));
    },
  };
}

// ── 4. draw in order ────────────────────────────────────────────────────────────────────────
function drawFromLots(s: LedgerState, i: number, allowed: Decimal, demand: Decimal, book: PeriodBook): Decimal {
  const { plan } = s;
  const period = plan.periods[i]!;
  s.lots.sort(compareLots);
  let drawn = ZERO;
  for (const lot of s.lots) {
    if (drawn.gte(allowed)) break;
    if (lot.remaining.isZero() || lot.lastUsable < i) continue;
    const take = minDecimal(lot.remaining, allowed.sub(drawn));
    const g = lot.grant;
    if (g && !g.granted.isZero()) {
      const after = g.drawn.add(take);
      while (g.nextAlert < plan.thresholds.length) {
        const mark = g.granted.mul(plan.thresholdFractions[g.nextAlert]!);
        if (after.lt(mark)) break;
        s.alerts.push(alertCrossing(g, plan.thresholds[g.nextAlert]!, i, period, drawn.add(maxDecimal(mark.sub(g.drawn), ZERO)), demand, s.basis));
        g.nextAlert++;
      }
      g.drawn = after;
    }
    lot.remaining = lot.remaining.sub(take);
    drawn = drawn.add(take);
    const m = move(book, lot.sourceId);
    m.drawn = m.drawn.add(take);
  }
  return drawn;
}

// ── 5. a shortfall ──────────────────────────────────────────────────────────────────────────
interface ShortfallOutcome {
  unservedExhausted: Decimal;
  unservedOverageCap: Decimal;
  preApprovalCredits: Decimal;
  autoDrawn: Decimal;
  overage: Decimal;
  overageCost: Decimal | null;
  arrears: Decimal;
}

function coverShortfall(s: LedgerState, i: number, shortfall: Decimal, book: PeriodBook): ShortfallOutcome {
  const { plan } = s;
  const out: ShortfallOutcome = { unservedExhausted: ZERO, unservedOverageCap: ZERO, preApprovalCredits: ZERO, autoDrawn: ZERO, overage: ZERO, overageCost: ZERO, arrears: ZERO };
  const round = (x: Decimal) => roundMoney(x, plan.currency);
  switch (plan.behaviour) {
    case "pause":
      out.unservedExhausted = shortfall;
      break;
    case "autoPack": {
      const t = plan.autoPack!;
      const count = shortfall.div(t.credits).ceil();
      const credits = count.mul(t.credits);
      s.lots.push({
        sourceId: AUTO_PACK_SOURCE_ID,
        kind: "autoPack",
        rank: t.rank,
        priority: t.priority,
        lastUsable: t.lastUsable[i]!,
        expiresAt: t.expiresAt[i]!,
        seq: s.seq++,
        remaining: credits.sub(shortfall),
        grant: null,
      });
      book.purchased = book.purchased.add(credits);
      out.autoDrawn = shortfall;
      const m = move(book, AUTO_PACK_SOURCE_ID);
      m.purchased = m.purchased.add(credits);
      m.drawn = m.drawn.add(shortfall);
      book.autoPackCost = addOrNull(book.autoPackCost, t.price ? exact(count).mul(t.price) : buyAtContract(plan, s.tier, i, credits));
      break;
    }
    case "overage": {
      const o = plan.overage!;
      let servable = shortfall;
      if (o.cap) {
        const use = limitUseAt(o.cap, s.overageCap, i, ZERO);
        let room: Decimal;
        if (o.cap.credits !== null) room = o.cap.credits.sub(use.credits);
        else {
          const price = priceFor(plan, s.tier, o.basis, i);
          if (price === null) throw new LedgerInputError("an overage cap in money needs a known overage price", ["onExhaustion", "overage", "cap"]);
          room = price.isZero() ? shortfall : o.cap.amount!.sub(use.money).div(price);
        }
        room = quantizeCredits(maxDecimal(room, ZERO), "down");
        if (servable.gt(room)) {
          out.preApprovalCredits = servable.sub(room);
          if (o.unservedAbove) {
            out.unservedOverageCap = out.preApprovalCredits;
            servable = room;
          }
        }
      }
      out.overage = servable;
      const amount = servable.isZero() ? ZERO : amountFor(plan, s.tier, o.basis, i, servable);
      out.overageCost = amount === null ? null : round(amount);
      if (o.cap) {
        s.overageCap.credits = s.overageCap.credits.add(servable);
        if (out.overageCost !== null) s.overageCap.money = s.overageCap.money.add(out.overageCost);
      }
      break;
    }
    case "trueUp":
      out.arrears = shortfall;
      s.arrears = s.arrears.add(shortfall);
      break;
  }
  return out;
}

// ── the true-up billing point ───────────────────────────────────────────────────────────────
function billTrueUp(s: LedgerState, i: number): { billedCredits: Decimal; cost: Decimal | null; waived: Decimal | null } {
  const { plan } = s;
  const t = plan.trueUp;
  const none = { billedCredits: ZERO, cost: ZERO, waived: ZERO };
  if (!t) return none;
  const due = i === plan.lastIndex || (t.every > 0 && (i + 1) % t.every === 0);
  if (!due || !s.arrears.gt(0)) return none;
  const billedCredits = s.arrears;
  const amount = amountFor(plan, s.tier, t.basis, i, s.arrears);
  s.arrears = ZERO;
  if (amount === null) return { billedCredits, cost: null, waived: null };
  const full = roundMoney(amount, plan.currency);
  let billed = full;
  if (t.cap !== null) billed = minDecimal(full, t.perBill ? t.cap : maxDecimal(t.cap.sub(s.trueUpBilled), ZERO));
  s.trueUpBilled = s.trueUpBilled.add(billed);
  return { billedCredits, cost: billed, waived: full.sub(billed) };
}

// ── 6. expiry and rollover at the end of the period ─────────────────────────────────────────
function expireAndRollOver(s: LedgerState, i: number, book: PeriodBook): { expired: Decimal; rolledOver: Decimal; closing: Decimal } {
  let expired = ZERO;
  let rolledOver = ZERO;
  const kept: Lot[] = [];
  const carriedLots: Lot[] = [];
  for (const lot of s.lots) {
    if (lot.lastUsable > i) {
      if (lot.remaining.gt(0) || lot.grant) kept.push(lot);
      continue;
    }
    const m = move(book, lot.sourceId);
    let carried = ZERO;
    const g = lot.grant?.plan;
    const rollover = g?.rollover;
    if (g && rollover && lot.remaining.gt(0)) {
      carried = lot.remaining.mul(rollover.share);
      const cap = rollover.capCredits ?? (rollover.capShare ? lot.grant!.granted.mul(rollover.capShare) : null);
      if (cap) carried = minDecimal(carried, maxDecimal(cap, ZERO));
      carried = quantizeCredits(minDecimal(maxDecimal(carried, ZERO), lot.remaining), "down");
      if (carried.gt(0)) {
        carriedLots.push({
          sourceId: lot.sourceId,
          kind: lot.kind,
          rank: lot.rank,
          priority: lot.priority,
          lastUsable: g.carryLastUsable[i]!,
          expiresAt: g.carryExpiresAt[i]!,
          seq: s.seq++,
          remaining: carried,
          grant: null,
        });
      }
    }
    const lost = lot.remaining.sub(carried);
    expired = expired.add(lost);
    rolledOver = rolledOver.add(carried);
    m.expired = m.expired.add(lost);
    m.rolledOver = m.rolledOver.add(carried);
  }
  let lots = kept.concat(carriedLots);
  let closing = ZERO;
  for (const lot of lots) {
    closing = closing.add(lot.remaining);
    const m = move(book, lot.sourceId);
    m.closing = m.closing.add(lot.remaining);
  }
  // Grant lots are kept while their cycle runs (for top-ups and alerts) even when empty.
  lots = lots.filter((l) => l.remaining.gt(0) || (l.grant !== null && l.lastUsable > i));
  s.lots = lots;
  return { expired, rolledOver, closing };
}

// ── 7. what unserved demand costs ───────────────────────────────────────────────────────────
function unservedCostOf(plan: ContractPlan, i: number, unservedCredits: Decimal, unservedActions: Decimal): Decimal | null {
  const u = plan.unserved;
  if (u.kind === "perAction") return unservedActions.isZero() ? ZERO : roundMoney(exact(unservedActions).mul(u.costPerAction), plan.currency);
  if (unservedCredits.isZero()) return ZERO;
  const price = u.price[i]!;
  return price === null ? null : roundMoney(exact(unservedCredits).mul(price), plan.currency);
}

/**
 * Runs the ledger. `plan`, when given, must be compiled from the same periods, rate card, terms and
 * assumptions (callers that cost many demand paths on one contract compile it once).
 */
export function evaluateLedger(input: LedgerInput, compiled?: ContractPlan): LedgerResult {
  const demandPeriods = input.demand.periods;
  const plan =
    compiled ??
    compileContractPlan({ periods: demandPeriods.map((d) => d.period), rateCard: input.rateCard, terms: input.terms, ...(input.assumptions ? { assumptions: input.assumptions } : {}) });
  if (plan.n !== demandPeriods.length) throw new LedgerInputError(`the demand path has ${demandPeriods.length} periods, the plan ${plan.n}`);
  const breakdown = input.options?.unitBreakdown ?? true;
  const round = (x: Decimal) => roundMoney(x, plan.currency);
  const s: LedgerState = {
    plan,
    basis: input.options?.interpolation ?? "workingDays",
    lots: [],
    seq: 0,
    tier: { cum: ZERO, year: 0 },
    current: plan.grants.map(() => null),
    ceiling: { key: NaN, credits: ZERO, money: EXACT_ZERO },
    overageCap: { key: NaN, credits: ZERO, money: ZERO },
    arrears: ZERO,
    trueUpBilled: ZERO,
    exhaustion: null,
    alerts: [],
  };
  let cumulativeCost: Decimal | null = ZERO;
  const rows: LedgerRow[] = [];

  for (let i = 0; i < plan.n; i++) {
    const dp = demandPeriods[i]!;
    const period = plan.periods[i]!;
    const pr = plan.pricing[i]!;
    const effective = effectivePrice(plan, s.tier, i);
    const book: PeriodBook = { moves: new Map(), granted: ZERO, purchased: ZERO, fixedCost: EXACT_ZERO, packCost: EXACT_ZERO, autoPackCost: EXACT_ZERO };
    for (const [id, kind] of plan.sourceKinds) book.moves.set(id, { kind, granted: ZERO, purchased: ZERO, drawn: ZERO, expired: ZERO, rolledOver: ZERO, closing: ZERO });
    let opening = ZERO;
    for (const lot of s.lots) opening = opening.add(lot.remaining);

    grantAndBuy(s, i, effective, book);

    // 2. demand
    const demand = periodDemand(dp, pr.table, tableWordsOf(pr.table), pr.version.id, breakdown);

    const { allowed, unserved: unservedCeiling } = applyCeiling(s, i, demand.credits, effective);
    const drawn = drawFromLots(s, i, allowed, demand.credits, book);

    const shortfall = allowed.sub(drawn);
    let outcome: ShortfallOutcome = { unservedExhausted: ZERO, unservedOverageCap: ZERO, preApprovalCredits: ZERO, autoDrawn: ZERO, overage: ZERO, overageCost: ZERO, arrears: ZERO };
    if (shortfall.gt(0)) {
      if (!s.exhaustion && shortfall.gte(EXHAUSTION_MIN_CREDITS)) {
        s.exhaustion = { periodIndex: i, date: dayAtFraction(period, drawn.div(demand.credits).toNumber(), s.basis, "fail") };
      }
      outcome = coverShortfall(s, i, shortfall, book);
    }
    const trueUp = billTrueUp(s, i);

    const served = drawn.add(outcome.autoDrawn).add(outcome.overage).add(outcome.arrears);
    if (plan.ceiling) {
      s.ceiling.credits = s.ceiling.credits.add(served);
      if (effective !== null) s.ceiling.money = s.ceiling.money.add(exact(served).mul(effective));
    }

    const { expired, rolledOver, closing } = expireAndRollOver(s, i, book);

    // costs: one rounding per component
    const cost: LedgerCost = {
      fixed: book.fixedCost === null ? null : round(book.fixedCost),
      packs: book.packCost === null ? null : round(book.packCost),
      autoPacks: book.autoPackCost === null ? null : round(book.autoPackCost),
      overage: outcome.overageCost,
      trueUp: trueUp.cost,
      total: null,
    };
    cost.total = [cost.fixed, cost.packs, cost.autoPacks, cost.overage, cost.trueUp].reduce<Decimal | null>((sum, c) => addOrNull(sum, c), ZERO);
    cumulativeCost = addOrNull(cumulativeCost, cost.total);

    const unserved = unservedCeiling.add(outcome.unservedExhausted).add(outcome.unservedOverageCap);
    const actionsServed = demand.credits.isZero() || served.eq(demand.credits) ? demand.actions : demand.actions.mul(served).div(demand.credits);
    const unservedActions = demand.actions.sub(actionsServed);
    const unservedCost = unservedCostOf(plan, i, unserved, unservedActions);
    rows.push({
      period,
      rateCardVersionId: pr.version.id,
      listPricePerCredit: pr.list,
      contractPricePerCredit: pr.contract,
      effectivePricePerCredit: effective,
      demand: {
        credits: demand.credits,
        actions: demand.actions,
        byUnit: demand.byUnit,
        byEnvironment: { production: demand.production, nonProduction: demand.nonProduction },
        directCredits: demand.directCredits,
      },
      credits: {
        opening,
        granted: book.granted,
        purchased: book.purchased,
        drawn: drawn.add(outcome.autoDrawn),
        expired,
        rolledOver,
        closing,
        overage: outcome.overage,
        arrears: outcome.arrears,
        unserved,
        unservedByReason: { ceiling: unservedCeiling, exhausted: outcome.unservedExhausted, overageCap: outcome.unservedOverageCap },
        preApprovalCredits: outcome.preApprovalCredits,
        bySource: Object.fromEntries(book.moves),
      },
      cost,
      trueUp: { billedCredits: trueUp.billedCredits, waived: trueUp.waived },
      arrearsOutstanding: s.arrears,
      cumulativeCost,
      actionsServed,
      unservedActions,
      unservedCost,
      costToServe: addOrNull(cost.total, unservedCost),
    });
  }

  return { rows, summary: summarize(rows, input, plan, s) };
}

function summarize(rows: LedgerRow[], input: LedgerInput, plan: ContractPlan, s: LedgerState): LedgerSummary {
  const { currency } = plan;
  const byComponent: Omit<LedgerCost, "total"> = { fixed: ZERO, packs: ZERO, autoPacks: ZERO, overage: ZERO, trueUp: ZERO };
  let total: Decimal | null = ZERO;
  let demand = ZERO;
  let unserved = ZERO;
  let actions = ZERO;
  let actionsServed = ZERO;
  let unservedActions = ZERO;
  let unservedCost: Decimal | null = ZERO;
  let waived: Decimal | null = ZERO;
  const byReason = { ceiling: ZERO, exhausted: ZERO, overageCap: ZERO };
  const preApproval: { periodIndex: number; credits: Decimal }[] = [];
  for (const r of rows) {
    byComponent.fixed = addOrNull(byComponent.fixed, r.cost.fixed);
    byComponent.packs = addOrNull(byComponent.packs, r.cost.packs);
    byComponent.autoPacks = addOrNull(byComponent.autoPacks, r.cost.autoPacks);
    byComponent.overage = addOrNull(byComponent.overage, r.cost.overage);
    byComponent.trueUp = addOrNull(byComponent.trueUp, r.cost.trueUp);
    total = addOrNull(total, r.cost.total);
    demand = demand.add(r.demand.credits);
    unserved = unserved.add(r.credits.unserved);
    byReason.ceiling = byReason.ceiling.add(r.credits.unservedByReason.ceiling);
    byReason.exhausted = byReason.exhausted.add(r.credits.unservedByReason.exhausted);
    byReason.overageCap = byReason.overageCap.add(r.credits.unservedByReason.overageCap);
    actions = actions.add(r.demand.actions);
    actionsServed = actionsServed.add(r.actionsServed);
    unservedActions = unservedActions.add(r.unservedActions);
    unservedCost = addOrNull(unservedCost, r.unservedCost);
    waived = addOrNull(waived, r.trueUp.waived);
    if (r.credits.preApprovalCredits.gt(0)) preApproval.push({ periodIndex: r.period.index, credits: r.credits.preApprovalCredits });
  }
  const servedCredits = demand.sub(unserved);
  const costToServe = addOrNull(total, unservedCost);
  const effectivePricePerAction = divOrNull(total, actionsServed);
  const summary: LedgerSummary = {
    currency,
    // Only when a money figure is really unknown: an unknown list price that nothing is bought at is no gap.
    priceUnpinned: total === null || costToServe === null,
    totalCost: total,
    costByComponent: byComponent,
    unservedCredits: unserved,
    unservedActions,
    unservedCost,
    costToServe,
    unservedRule: plan.unserved.rule,
    unservedByReason: byReason,
    demandCredits: demand,
    servedCredits,
    actionsDemanded: actions,
    actionsServed,
    effectivePricePerAction,
    effectivePricePerCredit: divOrNull(total, servedCredits),
    exhaustion: s.exhaustion,
    interpolation: s.basis,
    alerts: s.alerts,
    preApproval,
    trueUpWaived: waived,
    closingBalance: rows[rows.length - 1]?.credits.closing ?? ZERO,
    warnings: plan.warnings,
  };
  if (input.perUser) {
    let perUserTotal = ZERO;
    for (const r of rows) perUserTotal = perUserTotal.add(roundMoney(perUserCostForPeriod(input.perUser, r.period, input.demand.granularity), currency));
    const pricePerUser = input.perUser.pricePerUserPerMonth;
    // Consumption is compared by what it costs to serve the same demand: demand it leaves unserved
    // would have to be bought, so it is no saving against per-user pricing.
    const savings = costToServe === null ? null : perUserTotal.sub(costToServe);
    const comparison: PerUserComparison = {
      totalCost: perUserTotal,
      costPerAction: divOrNull(perUserTotal, actionsServed),
      breakEvenActionsPerUserPerMonth: divOrNull(pricePerUser, effectivePricePerAction),
      savingsOfConsumption: savings,
      cheaper: savings === null ? "unknown" : savings.gt(0) ? "consumption" : savings.lt(0) ? "perUser" : "equal",
    };
    summary.perUser = comparison;
  }
  return summary;
}
