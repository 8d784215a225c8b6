// The clause ledger in floats, for Monte Carlo: the same clauses, in the same order of events, as
// evaluateLedger (lib/engine/ledger/evaluate.ts), over one number per period (credits demanded).
//
// Why a second ledger: the exact one costs milliseconds per path in decimal arithmetic, and a
// forecast distribution needs tens of thousands of paths. Everything that does not depend on demand
// (prices per period, grant sizes, cycle boundaries, expiries, caps) is computed once per contract,
// with Decimals and the exact ledger's own helpers, then converted; the per-path loop only moves
// numbers. Money is rounded to the currency's minor unit at the same points as the exact ledger,
// but in floats, so totals agree with it to within a cent or so per period and component (see the
// agreement tests); reported figures come from the exact ledger of chosen paths (montecarlo.ts).
//
// An unknown price is NaN here (null in the exact ledger): it propagates through every sum.
import Decimal from "decimal.js";
import { addMonths, cycleStart, contractYear, toDay } from "@/lib/engine/ledger/dates";
import { headcountAt, LedgerInputError, planCycles } from "@/lib/engine/ledger/evaluate";
import { AUTO_PACK_SOURCE_ID, type ContractTerms, type LedgerAssumptions, type PriceBasis, type SourceKind } from "@/lib/engine/ledger/types";
import { minorUnits, pctToFraction, quantizeCredits } from "@/lib/engine/money";
import { pricePerCredit, sortVersions, versionAt } from "@/lib/engine/ratecard";
import type { IsoDate, Period, RateCardVersion } from "@/lib/engine/types";

const ONE = new Decimal(1);
const DEFAULT_PRIORITY: Record<SourceKind, number> = { complimentary: 0, allocation: 1, pack: 2, autoPack: 3 };

/** Below this many credits a float difference is noise: the exact ledger works in micro-credits. */
function noise(scale: number): number {
  return Math.max(5e-7, Math.abs(scale) * 1e-12);
}

/** Capacities are quantized down to the micro-credit, as in the exact ledger; the nudge keeps a
 *  float such as 99.99999999999 micro-credits from losing one. */
function qDown(x: number): number {
  return Math.floor(x * 1e6 + 1e-6) / 1e6;
}

const num = (d: Decimal | null | undefined): number => (d === null || d === undefined ? NaN : d.toNumber());

/**
 * The lots of the path being run, as columns indexed by lot number (0, 1, … in order of creation,
 * restarting with each path). The columns are reused from path to path: a path creates about a
 * hundred lots, ten thousand paths of fresh lot objects kept the collector busier than the ledger
 * itself, and writing a number into a typed array allocates nothing.
 */
class Lots {
  size = 0;
  rank = new Float64Array(64);
  priority = new Float64Array(64);
  lastUsable = new Float64Array(64);
  expiresAt = new Float64Array(64);
  seq = new Float64Array(64);
  remaining = new Float64Array(64);
  /** index of the allotment plan for a grant lot, -1 otherwise */
  plan = new Int32Array(64);
  granted = new Float64Array(64);
  /** the lots in play, by number, in draw order: the first nLots entries (runPath's count) */
  order = new Int32Array(64);

  /**
   * The number of a new lot, whose columns the caller then fills: all of them, every time (a
   * number passed to a call that is not inlined is a fresh heap object; a column write is not).
   */
  next(): number {
    if (this.size === this.rank.length) this.grow();
    return this.size++;
  }

  /** evaluateLedger's draw order: rank, priority, earliest expiry, then creation. */
  compare(a: number, b: number): number {
    if (this.rank[a] !== this.rank[b]) return this.rank[a]! - this.rank[b]!;
    if (this.priority[a] !== this.priority[b]) return this.priority[a]! - this.priority[b]!;
    if (this.expiresAt[a] !== this.expiresAt[b]) return this.expiresAt[a]! < this.expiresAt[b]! ? -1 : 1;
    return this.seq[a]! - this.seq[b]!;
  }

  private grow(): void {
    const twice = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.rank = twice(this.rank);
    this.priority = twice(this.priority);
    this.lastUsable = twice(this.lastUsable);
    this.expiresAt = twice(this.expiresAt);
    this.seq = twice(this.seq);
    this.remaining = twice(this.remaining);
    this.plan = twice(this.plan);
    this.granted = twice(this.granted);
    this.order = twice(this.order);
  }
}

interface FastPlan {
  isCycleStart: boolean[];
  grantOk: boolean[];
  /** credits of the grant at a cycle start (NaN: sized in money, computed when granted) */
  grantCredits: Float64Array;
  amount: number | null;
  id: string;
  lastUsable: Float64Array;
  expiresAt: Float64Array;
  fee: number;
  topUp: Float64Array;
  rank: number;
  priority: number;
  rollShare: number | null;
  rollCapCredits: number | null;
  rollCapShare: number | null;
  carryLast: Float64Array;
  carryExpires: Float64Array;
}

interface FastPack {
  credits: number;
  price: number | null;
  lastUsable: number;
  expiresAt: number;
  rank: number;
  priority: number;
}

/** What one path costs. Money in the rate card's currency; NaN when it depends on an unknown price. */
export interface FastLedgerResult {
  totalCost: number;
  fixed: number;
  packs: number;
  autoPacks: number;
  overage: number;
  trueUp: number;
  demandCredits: number;
  unservedCredits: number;
  /** first period in which the balance cannot serve demand, -1 if none */
  exhaustionPeriod: number;
}

export interface FastLedger {
  periods: number;
  currency: string;
  /** Evaluates one path; fills `costByPeriod` (row totals) when given. */
  run(demandCredits: Float64Array, costByPeriod?: Float64Array): FastLedgerResult;
}

export interface FastLedgerSpec {
  periods: readonly Period[];
  rateCard: readonly RateCardVersion[];
  terms: ContractTerms;
  assumptions?: LedgerAssumptions;
}

export function compileFastLedger(spec: FastLedgerSpec): FastLedger {
  const { terms } = spec;
  const periods = spec.periods;
  const n = periods.length;
  if (n === 0) throw new LedgerInputError("the demand path has no period");
  const lastIndex = n - 1;
  const versions = sortVersions(spec.rateCard);
  const currency = versions[0]!.currency;
  const scale = 10 ** minorUnits(currency);
  const round = (x: number) => Math.round(x * scale) / scale;
  const termStart = terms.termStart ?? periods[0]!.start;
  const discount = terms.discount ?? { kind: "none" as const };
  const behaviour = terms.onExhaustion ?? { kind: "pause" as const };

  // ── prices per period (exactly as the ledger, then as numbers) ─────────────────────────
  const escalation = spec.assumptions?.listEscalationPctPerYear;
  const policy = terms.ratePolicy ?? { kind: "list" as const };
  const list = new Float64Array(n);
  const contract = new Float64Array(n);
  const year = new Int32Array(n);
  const effFixed = new Float64Array(n);
  let prevContract: Decimal | null = null;
  for (let i = 0; i < n; i++) {
    const p = periods[i]!;
    const version = versionAt(versions, p.start);
    if (!version) throw new LedgerInputError(`no rate card version is in effect on ${p.start}`);
    const y = contractYear(termStart, p.start);
    const card = pricePerCredit(version.creditPrice);
    const l = card === null ? null : escalation && y > 0 ? card.mul(ONE.add(pctToFraction(escalation)).pow(y)) : card;
    let c: Decimal | null;
    if (policy.kind === "list") c = l;
    else if (policy.kind === "pinned") c = policy.pricePerCredit ?? (i === 0 ? l : prevContract);
    else if (i === 0) c = l;
    else if (year[i - 1] === y) c = prevContract;
    else {
      const capped: Decimal | null = prevContract === null ? null : prevContract.mul(ONE.add(pctToFraction(policy.maxIncreasePctPerYear)));
      c = l === null ? capped : capped === null ? l : Decimal.min(l, capped);
    }
    prevContract = c;
    year[i] = y;
    list[i] = num(l);
    contract[i] = num(c);
    effFixed[i] =
      discount.kind === "committedPrice"
        ? num(discount.pricePerCredit)
        : discount.kind === "flat"
          ? c === null
            ? NaN
            : c.mul(ONE.sub(pctToFraction(discount.pct))).toNumber()
          : num(c);
  }
  const tiers = discount.kind === "volumeTiers" ? discount.tiers.map((t) => ({ from: t.fromCredits.toNumber(), share: t.pct.toNumber() / 100 })) : null;
  if (discount.kind === "volumeTiers") {
    for (let t = 1; t < discount.tiers.length; t++) {
      const a = discount.tiers[t - 1]!;
      const b = discount.tiers[t]!;
      if (b.fromCredits.lte(a.fromCredits)) throw new LedgerInputError("volume tiers must be sorted by increasing fromCredits");
      if (b.pct.lt(a.pct)) throw new LedgerInputError("volume tier discounts must not decrease with volume");
    }
  }
  const marginalShare = (cum: number): number => {
    let s = 0;
    for (const t of tiers!) if (t.from <= cum) s = t.share;
    return s;
  };

  // ── sources (demand-independent parts) ────────────────────────────────────────────────
  const allotments = terms.allotments ?? [];
  const packs = terms.packs ?? [];
  const sourceIds = new Set<string>();
  for (const a of allotments) {
    if (sourceIds.has(a.id)) throw new LedgerInputError(`duplicate source id "${a.id}"`);
    sourceIds.add(a.id);
  }
  for (const p of packs) {
    if (sourceIds.has(p.id)) throw new LedgerInputError(`duplicate source id "${p.id}"`);
    sourceIds.add(p.id);
  }
  if (behaviour.kind === "autoPack") sourceIds.add(AUTO_PACK_SOURCE_ID);
  const drawOrder = terms.drawOrder ?? [];
  const rankOf = new Map<string, number>();
  drawOrder.forEach((id, idx) => {
    if (!sourceIds.has(id)) throw new LedgerInputError(`drawOrder names an unknown source "${id}"`);
    if (!rankOf.has(id)) rankOf.set(id, idx);
  });
  const rank = (id: string) => rankOf.get(id) ?? drawOrder.length;
  const termEnd = periods[lastIndex]!.end;
  const inWindow = (a: (typeof allotments)[number], date: IsoDate) => (a.from === undefined || date >= a.from) && (a.until === undefined || date < a.until);

  const plans: FastPlan[] = allotments.map((a) => {
    const anchor = a.anchor ?? "anniversary";
    const c = planCycles(periods, a.cadence, anchor, termStart);
    const grantOk = new Array<boolean>(n).fill(false);
    const grantCredits = new Float64Array(n);
    const lastUsable = new Float64Array(n);
    const expiresAt = new Float64Array(n);
    const topUp = new Float64Array(n);
    const carryLast = new Float64Array(n);
    const carryExpires = new Float64Array(n);
    let basis = 0;
    let hasGrant = false;
    const size = a.size;
    for (let i = 0; i < n; i++) {
      const start = periods[i]!.start;
      if (c.isCycleStart[i]) {
        hasGrant = false;
        if (inWindow(a, start)) {
          grantOk[i] = true;
          hasGrant = true;
          if (size.kind === "fixed") grantCredits[i] = quantizeCredits(size.credits, "down").toNumber();
          else if (size.kind === "perHead") {
            basis = headcountAt(size.headcount, start);
            grantCredits[i] = quantizeCredits(size.creditsPerHead.mul(basis), "down").toNumber();
          } else grantCredits[i] = NaN;
          const ord = c.ordinal[i]!;
          let last = a.cadence === "term" ? lastIndex : c.lastIndexOfOrdinal[ord]!;
          if (last === lastIndex && a.cadence !== "term" && cycleStart(c.cycleKeys[i]! + 1, a.cadence, anchor, termStart) > termEnd) last = Infinity;
          lastUsable[i] = last;
          expiresAt[i] = a.cadence === "term" ? toDay(termEnd) : toDay(cycleStart(c.cycleKeys[i]! + 1, a.cadence, anchor, termStart));
        }
      } else if (size.kind === "perHead" && size.onChange === "prorateIncreases" && hasGrant) {
        const now = headcountAt(size.headcount, start);
        if (now > basis) {
          const last = c.lastIndexOfOrdinal[c.ordinal[i]!]!;
          const first = c.isCycleStart.lastIndexOf(true, i);
          const share = new Decimal(last - i + 1).div(last - first + 1);
          topUp[i] = quantizeCredits(size.creditsPerHead.mul(now - basis).mul(share), "down").toNumber();
          basis = now;
        }
      }
      const k = a.rollover?.expiresAfterCycles;
      const target = k === undefined ? Infinity : c.ordinal[i]! + k;
      carryLast[i] = Number.isFinite(target) && target < c.lastIndexOfOrdinal.length ? c.lastIndexOfOrdinal[target]! : Infinity;
      carryExpires[i] = k === undefined ? Infinity : toDay(cycleStart(c.cycleKeys[i]! + k + 1, a.cadence, anchor, termStart));
    }
    const r = a.rollover;
    return {
      isCycleStart: c.isCycleStart,
      grantOk,
      grantCredits,
      amount: size.kind === "fromAmount" ? size.amount.toNumber() : null,
      id: a.id,
      lastUsable,
      expiresAt,
      fee: a.feePerCycle ? a.feePerCycle.toNumber() : 0,
      topUp,
      rank: rank(a.id),
      priority: a.priority ?? DEFAULT_PRIORITY[a.kind],
      rollShare: r ? r.sharePct.toNumber() / 100 : null,
      rollCapCredits: r?.cap?.kind === "credits" ? r.cap.credits.toNumber() : null,
      rollCapShare: r?.cap?.kind === "pctOfGrant" ? r.cap.pct.toNumber() / 100 : null,
      carryLast,
      carryExpires,
    };
  });

  const lastPeriodStartingBefore = (date: IsoDate | undefined): number => {
    if (date === undefined) return Infinity;
    if (date > periods[lastIndex]!.start) return Infinity;
    let last = -1;
    for (let j = 0; j < n && periods[j]!.start < date; j++) last = j;
    return last;
  };
  const packsAt: FastPack[][] = Array.from({ length: n }, () => []);
  const packPeriod: number[] = [];
  for (const pack of packs) {
    if (pack.purchaseDate < periods[0]!.start || pack.purchaseDate >= termEnd) {
      throw new LedgerInputError(`pack "${pack.id}" is bought on ${pack.purchaseDate}, outside the term ${periods[0]!.start}–${termEnd}`);
    }
    const idx = periods.findIndex((p) => p.start <= pack.purchaseDate && pack.purchaseDate < p.end);
    if (idx < 0) throw new LedgerInputError(`pack "${pack.id}": no period contains ${pack.purchaseDate}`);
    const lastUsable = lastPeriodStartingBefore(pack.expiresOn);
    if (lastUsable < idx) throw new LedgerInputError(`pack "${pack.id}" expires before it can be used`);
    packPeriod.push(idx);
    packsAt[idx]!.push({
      credits: quantizeCredits(pack.credits, "down").toNumber(),
      price: pack.price ? pack.price.toNumber() : null,
      lastUsable,
      expiresAt: pack.expiresOn === undefined ? Infinity : toDay(pack.expiresOn),
      rank: rank(pack.id),
      priority: pack.priority ?? DEFAULT_PRIORITY.pack,
    });
  }

  // ── limits ──────────────────────────────────────────────────────────────────────────────
  const ceiling = terms.ceiling;
  const ceilingKeys = ceiling ? planCycles(periods, ceiling.cadence, ceiling.anchor ?? "anniversary", termStart).cycleKeys : null;
  const ceilingCreditsLimit = ceiling?.limit.kind === "credits" ? ceiling.limit.credits.toNumber() : null;
  const ceilingAmountLimit = ceiling?.limit.kind === "amount" ? ceiling.limit.amount.toNumber() : null;
  if (ceiling && (ceilingCreditsLimit ?? ceilingAmountLimit ?? 0) < 0) throw new LedgerInputError("the consumption ceiling must not be negative");
  const overageTerms = behaviour.kind === "overage" ? behaviour.overage : null;
  const overageBasis: PriceBasis = overageTerms?.price ?? { kind: "list" };
  const overageKeys = overageTerms?.cap ? planCycles(periods, overageTerms.cap.cadence, overageTerms.cap.anchor ?? "anniversary", termStart).cycleKeys : null;
  const overageCapCreditsLimit = overageTerms?.cap?.limit.kind === "credits" ? overageTerms.cap.limit.credits.toNumber() : null;
  const overageCapAmount = overageTerms?.cap?.limit.kind === "amount" ? round(overageTerms.cap.limit.amount.toNumber()) : null;
  const overageUnservedAbove = (overageTerms?.aboveCap ?? "unserved") === "unserved";
  const trueUpTerms = behaviour.kind === "trueUp" ? behaviour.trueUp : null;
  const trueUpBasis: PriceBasis = trueUpTerms?.price ?? { kind: "contract" };
  const trueUpEvery = trueUpTerms?.schedule.kind === "everyNPeriods" ? trueUpTerms.schedule.n : 0;
  const trueUpPerBill = (trueUpTerms?.capScope ?? "term") === "perTrueUp";
  let trueUpCap: number | null = null;
  if (trueUpTerms?.cap) {
    const cap = trueUpTerms.cap;
    if (cap.kind === "amount") trueUpCap = round(cap.amount.toNumber());
    else {
      let value = cap.contractValue ? cap.contractValue.toNumber() : 0;
      if (cap.contractValue === undefined) {
        plans.forEach((plan, p) => {
          if (plan.fee === 0) return;
          for (let i = 0; i < n; i++) if (plan.isCycleStart[i] && inWindow(allotments[p]!, periods[i]!.start)) value += plan.fee;
        });
        // The exact ledger prices unpriced packs at the marginal price before any purchase.
        packs.forEach((pack, j) => {
          const idx = packPeriod[j]!;
          const price = tiers ? contract[idx]! * (1 - marginalShare(0)) : effFixed[idx]!;
          value += pack.price ? pack.price.toNumber() : pack.credits.toNumber() * price;
        });
      }
      if (Number.isNaN(value)) throw new LedgerInputError("a true-up cap as a share of contract value needs a known contract value or credit price");
      trueUpCap = round(value * (cap.pct.toNumber() / 100));
    }
  }
  const autoPack = behaviour.kind === "autoPack" ? behaviour.pack : null;
  const autoPackCredits = autoPack ? quantizeCredits(autoPack.packCredits, "down").toNumber() : 0;
  if (autoPack && autoPackCredits <= 0) throw new LedgerInputError("automatic packs need at least a micro-credit each");
  const autoPackPrice = autoPack?.packPrice ? autoPack.packPrice.toNumber() : null;
  const autoRank = rank(AUTO_PACK_SOURCE_ID);
  const autoPriority = autoPack?.priority ?? DEFAULT_PRIORITY.autoPack;
  const autoLast = new Float64Array(n);
  const autoExpires = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const expiry = autoPack?.expiresAfterMonths === undefined ? undefined : addMonths(periods[i]!.start, autoPack.expiresAfterMonths);
    autoLast[i] = Math.max(lastPeriodStartingBefore(expiry), i);
    autoExpires[i] = expiry === undefined ? Infinity : toDay(expiry);
  }

  const basisOf = (b: PriceBasis): { kind: number; fixed: number } =>
    b.kind === "fixed" ? { kind: BASIS_FIXED, fixed: b.pricePerCredit.toNumber() } : { kind: b.kind === "list" ? BASIS_LIST : BASIS_CONTRACT, fixed: NaN };
  const overagePrice = basisOf(overageBasis);
  const trueUpPrice = basisOf(trueUpBasis);
  const compiled: Compiled = {
    n,
    lastIndex,
    scale,
    periods,
    list,
    contract,
    year,
    effFixed,
    tierFrom: tiers ? Float64Array.from(tiers, (t) => t.from) : null,
    tierShare: tiers ? Float64Array.from(tiers, (t) => t.share) : null,
    plans,
    packsAt,
    behaviour: behaviour.kind,
    ceilingKeys,
    ceilingCreditsLimit,
    ceilingAmountLimit,
    overageKeys,
    overageCapCreditsLimit,
    overageCapAmount,
    overageUnservedAbove,
    overageBasis: overagePrice.kind,
    overageFixed: overagePrice.fixed,
    trueUp: trueUpTerms !== null,
    trueUpBasis: trueUpPrice.kind,
    trueUpFixed: trueUpPrice.fixed,
    trueUpEvery,
    trueUpPerBill,
    trueUpCap,
    autoPackCredits,
    autoPackPrice,
    autoRank,
    autoPriority,
    autoLast,
    autoExpires,
    tierCum: 0,
    tierYear: 0,
    lots: new Lots(),
    current: new Int32Array(plans.length),
    result: {
      totalCost: 0,
      fixed: 0,
      packs: 0,
      autoPacks: 0,
      overage: 0,
      trueUp: 0,
      demandCredits: 0,
      unservedCredits: 0,
      exhaustionPeriod: -1,
    },
  };
  return {
    periods: n,
    currency,
    run: (demand, costByPeriod) => runPath(compiled, demand, costByPeriod),
  };
}

// ── the per-path run ────────────────────────────────────────────────────────────────────────
// Plain functions over one Compiled object, not closures made per contract: every contract runs
// the same code, which the JIT can inline, and the state of the path being run lives in typed
// arrays (Lots) and the object's fields, where writing a number allocates nothing. (A number kept in
// a closure variable, or passed to or returned from a call that is not inlined, is a fresh heap
// object: ten thousand paths of them kept the collector busy.)

const BASIS_FIXED = 0;
const BASIS_LIST = 1;
const BASIS_CONTRACT = 2;

/** What compileFastLedger computes once per contract, and the state of the path being run. */
interface Compiled {
  n: number;
  lastIndex: number;
  /** 10 ^ minor units of the currency */
  scale: number;
  periods: readonly Period[];
  list: Float64Array;
  contract: Float64Array;
  year: Int32Array;
  effFixed: Float64Array;
  /** volume tiers (discount kind volumeTiers), null otherwise */
  tierFrom: Float64Array | null;
  tierShare: Float64Array | null;
  plans: FastPlan[];
  packsAt: FastPack[][];
  behaviour: "pause" | "autoPack" | "overage" | "trueUp";
  ceilingKeys: number[] | null;
  ceilingCreditsLimit: number | null;
  ceilingAmountLimit: number | null;
  overageKeys: number[] | null;
  overageCapCreditsLimit: number | null;
  overageCapAmount: number | null;
  overageUnservedAbove: boolean;
  /** BASIS_*; the price itself when fixed */
  overageBasis: number;
  overageFixed: number;
  trueUp: boolean;
  trueUpBasis: number;
  trueUpFixed: number;
  trueUpEvery: number;
  trueUpPerBill: boolean;
  trueUpCap: number | null;
  autoPackCredits: number;
  autoPackPrice: number | null;
  autoRank: number;
  autoPriority: number;
  autoLast: Float64Array;
  autoExpires: Float64Array;
  // ── state of the path being run (reset by runPath) ──
  /** volume-tier position: credits bought at contract price in contract year tierYear */
  tierCum: number;
  tierYear: number;
  lots: Lots;
  /** per allotment plan: its lot of the current cycle, -1 if none */
  current: Int32Array;
  result: FastLedgerResult;
}

const roundTo = (x: number, scale: number) => Math.round(x * scale) / scale;

function marginalShare(L: Compiled, cum: number): number {
  const from = L.tierFrom!;
  const share = L.tierShare!;
  let s = 0;
  for (let t = 0; t < from.length; t++) if (from[t]! <= cum) s = share[t]!;
  return s;
}

function tieredCost(L: Compiled, c: number, cum: number, q: number): number {
  const from = L.tierFrom!;
  const share = L.tierShare!;
  const T = from.length;
  let cost = 0;
  let pos = cum;
  const end = cum + q;
  for (let t = -1; t < T && pos < end; t++) {
    const lo = t < 0 ? 0 : from[t]!;
    // the last tier has no upper end
    const last = t + 1 >= T;
    const to = last ? 0 : from[t + 1]!;
    if (!last && pos >= to) continue;
    const segEnd = last ? end : Math.min(end, to);
    if (segEnd <= pos || segEnd <= lo) continue;
    const segStart = Math.max(pos, lo);
    cost += (segEnd - segStart) * c * (1 - (t < 0 ? 0 : share[t]!));
    pos = segEnd;
  }
  return cost;
}

function tierCumAt(L: Compiled, i: number): number {
  if (L.year[i] !== L.tierYear) {
    L.tierYear = L.year[i]!;
    L.tierCum = 0;
  }
  return L.tierCum;
}

/** Price of a credit at contract terms in period i (the marginal tier's, with volume tiers). */
function effective(L: Compiled, i: number): number {
  return L.tierFrom ? L.contract[i]! * (1 - marginalShare(L, tierCumAt(L, i))) : L.effFixed[i]!;
}

/** Cost of q credits bought at contract terms in period i; moves the tier position. */
function buyAtContract(L: Compiled, i: number, q: number): number {
  if (!L.tierFrom) return q * L.effFixed[i]!;
  const cum = tierCumAt(L, i);
  L.tierCum = cum + q;
  return tieredCost(L, L.contract[i]!, cum, q);
}

function priceFor(L: Compiled, basis: number, fixed: number, i: number): number {
  return basis === BASIS_FIXED ? fixed : basis === BASIS_LIST ? L.list[i]! : effective(L, i);
}

function amountFor(L: Compiled, basis: number, fixed: number, i: number, q: number): number {
  return basis === BASIS_CONTRACT ? buyAtContract(L, i, q) : q * priceFor(L, basis, fixed, i);
}

function runPath(L: Compiled, demand: Float64Array, costByPeriod: Float64Array | undefined): FastLedgerResult {
  const { n, lastIndex, scale, plans, packsAt, lots, current, ceilingKeys, overageKeys, behaviour } = L;
  L.tierCum = 0;
  L.tierYear = 0;
  // The lots in play are lots.order[0, nLots): a list of lot numbers with a count.
  let nLots = 0;
  current.fill(-1);
  lots.size = 0;
  let seq = 0;
  let ceilingKey = NaN;
  let ceilingCredits = 0;
  let ceilingValue = 0;
  let overageKey = NaN;
  let overageCapCredits = 0;
  let overageCapBilled = 0;
  let arrearsOutstanding = 0;
  let trueUpBilledTotal = 0;
  let exhaustion = -1;
  let fixedTotal = 0;
  let packTotal = 0;
  let autoTotal = 0;
  let overageTotal = 0;
  let trueUpTotal = 0;
  let demandTotal = 0;
  let unservedTotal = 0;

  for (let i = 0; i < n; i++) {
    const eff = effective(L, i);
    let fixedCost = 0;
    let packCost = 0;
    let autoCost = 0;
    let overageCost = 0;
    let trueUpCost = 0;

    for (let p = 0; p < plans.length; p++) {
      const plan = plans[p]!;
      if (plan.isCycleStart[i]) {
        current[p] = -1;
        if (!plan.grantOk[i]) continue;
        let credits = plan.grantCredits[i]!;
        if (plan.amount !== null) {
          if (Number.isNaN(eff)) throw new LedgerInputError(`allotment "${plan.id}" is sized in money but the price of a credit is unknown`);
          if (eff === 0) throw new LedgerInputError(`allotment "${plan.id}" is sized in money but a credit costs 0`);
          credits = qDown(plan.amount / eff);
        }
        const k = lots.next();
        lots.rank[k] = plan.rank;
        lots.priority[k] = plan.priority;
        lots.lastUsable[k] = plan.lastUsable[i]!;
        lots.expiresAt[k] = plan.expiresAt[i]!;
        lots.seq[k] = seq++;
        lots.remaining[k] = credits;
        lots.plan[k] = p;
        lots.granted[k] = credits;
        lots.order[nLots++] = k;
        current[p] = k;
        fixedCost += plan.fee;
      } else if (plan.topUp[i]! > 0 && current[p]! >= 0) {
        const k = current[p]!;
        lots.remaining[k] = lots.remaining[k]! + plan.topUp[i]!;
        lots.granted[k] = lots.granted[k]! + plan.topUp[i]!;
      }
    }
    const bought = packsAt[i]!;
    for (let b = 0; b < bought.length; b++) {
      const pack = bought[b]!;
      const k = lots.next();
      lots.rank[k] = pack.rank;
      lots.priority[k] = pack.priority;
      lots.lastUsable[k] = pack.lastUsable;
      lots.expiresAt[k] = pack.expiresAt;
      lots.seq[k] = seq++;
      lots.remaining[k] = pack.credits;
      lots.plan[k] = -1;
      lots.granted[k] = 0;
      lots.order[nLots++] = k;
      packCost += pack.price ?? buyAtContract(L, i, pack.credits);
    }

    const demandCredits = demand[i]!;
    if (demandCredits < 0) throw new LedgerInputError(`negative demand in period ${L.periods[i]!.label}`);
    demandTotal += demandCredits;
    const tol = noise(demandCredits);
    let allowed = demandCredits;
    let unserved = 0;
    if (ceilingKeys) {
      if (ceilingKeys[i] !== ceilingKey) {
        ceilingKey = ceilingKeys[i]!;
        ceilingCredits = 0;
        ceilingValue = 0;
      }
      let room: number;
      if (L.ceilingCreditsLimit !== null) room = L.ceilingCreditsLimit - ceilingCredits;
      else {
        if (Number.isNaN(eff)) throw new LedgerInputError("a consumption ceiling in money needs a known price of a credit");
        room = eff === 0 ? demandCredits : (L.ceilingAmountLimit! - ceilingValue) / eff;
      }
      room = qDown(Math.max(room, 0));
      if (allowed > room + tol) {
        unserved += allowed - room;
        allowed = room;
      }
    }

    // Insertion sort: the lots are nearly in order from the previous period, and there are few.
    const order = lots.order;
    for (let a = 1; a < nLots; a++) {
      const lot = order[a]!;
      let b = a - 1;
      while (b >= 0 && lots.compare(order[b]!, lot) > 0) {
        order[b + 1] = order[b]!;
        b--;
      }
      order[b + 1] = lot;
    }
    const remaining = lots.remaining;
    let drawn = 0;
    for (let a = 0; a < nLots; a++) {
      const lot = order[a]!;
      if (drawn >= allowed) break;
      if (remaining[lot]! <= 0 || lots.lastUsable[lot]! < i) continue;
      const take = Math.min(remaining[lot]!, allowed - drawn);
      remaining[lot] = remaining[lot]! - take;
      drawn += take;
    }

    let shortfall = allowed - drawn;
    if (shortfall <= tol) shortfall = 0;
    let autoDrawn = 0;
    let overage = 0;
    let arrears = 0;
    if (shortfall > 0) {
      if (exhaustion < 0) exhaustion = i;
      switch (behaviour) {
        case "pause":
          unserved += shortfall;
          break;
        case "autoPack": {
          const count = Math.ceil(shortfall / L.autoPackCredits - 1e-12);
          const credits = count * L.autoPackCredits;
          const k = lots.next();
          lots.rank[k] = L.autoRank;
          lots.priority[k] = L.autoPriority;
          lots.lastUsable[k] = L.autoLast[i]!;
          lots.expiresAt[k] = L.autoExpires[i]!;
          lots.seq[k] = seq++;
          lots.remaining[k] = credits - shortfall;
          lots.plan[k] = -1;
          lots.granted[k] = 0;
          lots.order[nLots++] = k;
          autoDrawn = shortfall;
          autoCost += L.autoPackPrice !== null ? count * L.autoPackPrice : buyAtContract(L, i, credits);
          break;
        }
        case "overage": {
          let servable = shortfall;
          if (overageKeys) {
            if (overageKeys[i] !== overageKey) {
              overageKey = overageKeys[i]!;
              overageCapCredits = 0;
              overageCapBilled = 0;
            }
            let room: number;
            if (L.overageCapCreditsLimit !== null) room = L.overageCapCreditsLimit - overageCapCredits;
            else {
              const price = priceFor(L, L.overageBasis, L.overageFixed, i);
              if (Number.isNaN(price)) throw new LedgerInputError("an overage cap in money needs a known overage price");
              room = price === 0 ? shortfall : (L.overageCapAmount! - overageCapBilled) / price;
            }
            room = qDown(Math.max(room, 0));
            if (servable > room + tol && L.overageUnservedAbove) {
              unserved += servable - room;
              servable = room;
            }
          }
          overage = servable;
          overageCost = servable === 0 ? 0 : roundTo(amountFor(L, L.overageBasis, L.overageFixed, i, servable), scale);
          overageCapCredits += servable;
          if (!Number.isNaN(overageCost)) overageCapBilled += overageCost;
          break;
        }
        case "trueUp":
          arrears = shortfall;
          arrearsOutstanding += shortfall;
          break;
      }
    }

    if (L.trueUp) {
      const due = i === lastIndex || (L.trueUpEvery > 0 && (i + 1) % L.trueUpEvery === 0);
      if (due && arrearsOutstanding > 0) {
        const amount = amountFor(L, L.trueUpBasis, L.trueUpFixed, i, arrearsOutstanding);
        arrearsOutstanding = 0;
        if (Number.isNaN(amount)) trueUpCost = NaN;
        else {
          const full = roundTo(amount, scale);
          let billed = full;
          if (L.trueUpCap !== null) billed = Math.min(full, L.trueUpPerBill ? L.trueUpCap : Math.max(L.trueUpCap - trueUpBilledTotal, 0));
          trueUpBilledTotal += billed;
          trueUpCost = billed;
        }
      }
    }

    const served = drawn + autoDrawn + overage + arrears;
    if (ceilingKeys) {
      ceilingCredits += served;
      if (!Number.isNaN(eff)) ceilingValue += served * eff;
    }

    // expiry and rollover at the end of the period
    // Compacted in place (carried lots appended after the scan): no array per period.
    // (lots.order is read afresh: a carried lot can make the columns grow.)
    const count = nLots;
    let w = 0;
    for (let r = 0; r < count; r++) {
      const lot = lots.order[r]!;
      const left = lots.remaining[lot]!;
      const p = lots.plan[lot]!;
      if (lots.lastUsable[lot]! > i) {
        if (left > 0 || p >= 0) lots.order[w++] = lot;
        continue;
      }
      if (p < 0 || left <= 0) continue;
      const plan = plans[p]!;
      if (plan.rollShare === null) continue;
      let carried = left * plan.rollShare;
      if (plan.rollCapCredits !== null) carried = Math.min(carried, Math.max(plan.rollCapCredits, 0));
      else if (plan.rollCapShare !== null) carried = Math.min(carried, Math.max(lots.granted[lot]! * plan.rollCapShare, 0));
      carried = qDown(Math.min(Math.max(carried, 0), left));
      if (carried > 0) {
        const k = lots.next();
        lots.rank[k] = lots.rank[lot]!;
        lots.priority[k] = lots.priority[lot]!;
        lots.lastUsable[k] = plan.carryLast[i]!;
        lots.expiresAt[k] = plan.carryExpires[i]!;
        lots.seq[k] = seq++;
        lots.remaining[k] = carried;
        lots.plan[k] = -1;
        lots.granted[k] = 0;
        lots.order[nLots++] = k;
      }
    }
    for (let r = count; r < nLots; r++) lots.order[w++] = lots.order[r]!;
    nLots = 0;
    for (let r = 0; r < w; r++) {
      const l = lots.order[r]!;
      if (lots.remaining[l]! > 0 || (lots.plan[l]! >= 0 && lots.lastUsable[l]! > i)) lots.order[nLots++] = l;
    }

    const rowFixed = roundTo(fixedCost, scale);
    const rowPacks = roundTo(packCost, scale);
    const rowAuto = roundTo(autoCost, scale);
    fixedTotal += rowFixed;
    packTotal += rowPacks;
    autoTotal += rowAuto;
    overageTotal += overageCost;
    trueUpTotal += trueUpCost;
    unservedTotal += unserved;
    if (costByPeriod) costByPeriod[i] = rowFixed + rowPacks + rowAuto + overageCost + trueUpCost;
  }
  const result = L.result;
  result.fixed = fixedTotal;
  result.packs = packTotal;
  result.autoPacks = autoTotal;
  result.overage = overageTotal;
  result.trueUp = trueUpTotal;
  result.totalCost = fixedTotal + packTotal + autoTotal + overageTotal + trueUpTotal;
  result.demandCredits = demandTotal;
  result.unservedCredits = unservedTotal;
  result.exhaustionPeriod = exhaustion;
  return result;
}
