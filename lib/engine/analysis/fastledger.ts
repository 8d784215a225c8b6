// The clause ledger in floats, for Monte Carlo: the same compiled contract plan as the exact
// ledger (lib/engine/ledger/plan.ts), run by a per-period loop over numbers (credits demanded per
// period) instead of decimals. Only the loop differs: prices per period, grant sizes, cycle
// boundaries, expiries, caps, pack schedules and every input check come from the plan, computed once
// in decimals and converted here.
//
// Why a second loop: the exact one costs milliseconds per path in decimal arithmetic, and a forecast
// distribution needs tens of thousands of paths. Money is rounded to the currency's minor unit at
// the same points as the exact ledger, but in floats, so totals agree with it to within a cent or so
// per period and component (tests/unit/engine/analysis/differential.test.ts states the tolerance and
// checks it on random contracts); reported percentile figures come from the exact ledger of chosen
// paths (montecarlo.ts), which also measures the gap on those paths at run time.
//
// An unknown price is NaN here (null in the exact ledger): it propagates through every sum.
import { compileContractPlan, type ContractPlan, type LedgerSpec } from "@/lib/engine/ledger/plan";
import { LedgerInputError } from "@/lib/engine/ledger/plan";
import type { PriceBasis } from "@/lib/engine/ledger/types";
import type Decimal from "@/lib/engine/decimal";
import type { Period } from "@/lib/engine/types";

/** Below this many credits a float difference is noise: the exact ledger works in micro-credits. */
function noise(scale: number): number {
  return Math.max(5e-7, Math.abs(scale) * 1e-12);
}

/** Capacities are quantized down to the micro-credit, as in the exact ledger; the nudge keeps a
 *  float such as 99.99999999999 micro-credits from losing one. It grows with the magnitude of the
 *  figures the capacity was computed from (18,596 − 18,595.3365 is 0.6634999999987 in floats: a
 *  limit's rounding error, not a micro-credit less), and stays below half a micro-credit. */
function qDown(x: number, magnitude: number): number {
  return Math.floor(x * 1e6 + Math.min(0.4, 1e-6 + Math.abs(magnitude) * 1e-8)) / 1e6;
}
// QDOWN_INLINED: runPath writes qDown out at its three per-period sites (ceiling, overage cap,
// rollover). V8 did not inline those calls into the long loop, and a call that is not inlined boxes
// its two float arguments and its result: 2.6 KB of garbage a path in the builder bench's case,
// 1.2 KB with the sites written out, the same figures bit for bit. Change all four together.

const num = (d: Decimal | null | undefined): number => (d === null || d === undefined ? NaN : d.toNumber());

/** Just under half a micro-credit (the exact ledger's quantum): float noise below it is no credit. */
const HALF_MICRO = 4e-7;

/** The exact ledger's exhaustion rule (EXHAUSTION_MIN_CREDITS): half a credit. */
const EXHAUSTION_MIN = 0.5;

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
  /** what the terms bill */
  totalCost: number;
  fixed: number;
  packs: number;
  autoPacks: number;
  overage: number;
  trueUp: number;
  demandCredits: number;
  unservedCredits: number;
  unservedActions: number;
  unservedCost: number;
  /** totalCost + unservedCost: what paths are ranked on */
  costToServe: number;
  /** first period in which the balance cannot serve demand, -1 if none */
  exhaustionPeriod: number;
}

export interface FastLedger {
  periods: number;
  currency: string;
  /** Evaluates one path of credits (and actions, needed to price unserved actions) per period;
   *  fills `costByPeriod` (row totals billed) when given. */
  run(demandCredits: Float64Array, costByPeriod?: Float64Array, actions?: Float64Array): FastLedgerResult;
}

export type FastLedgerSpec = LedgerSpec;

/** The float ledger of a contract: from its spec, or from a plan already compiled for the exact ledger. */
export function compileFastLedger(spec: FastLedgerSpec | ContractPlan): FastLedger {
  const plan = "pricing" in spec ? spec : compileContractPlan(spec);
  const compiled = floatView(plan);
  return {
    periods: plan.n,
    currency: plan.currency,
    run: (demand, costByPeriod, actions) => runPath(compiled, demand, costByPeriod, actions),
  };
}

function basisOf(b: PriceBasis): { kind: number; fixed: number } {
  return b.kind === "fixed" ? { kind: BASIS_FIXED, fixed: b.pricePerCredit.toNumber() } : { kind: b.kind === "list" ? BASIS_LIST : BASIS_CONTRACT, fixed: NaN };
}

/** The plan's figures as numbers, and the state of a path run. */
function floatView(plan: ContractPlan): Compiled {
  const { n } = plan;
  const scale = 10 ** plan.minor;
  const list = Float64Array.from(plan.pricing, (p) => num(p.list));
  const contract = Float64Array.from(plan.pricing, (p) => num(p.contract));
  const year = Int32Array.from(plan.pricing, (p) => p.year);
  const effFixed = Float64Array.from(plan.effectiveAtStart, num);
  const plans: FastPlan[] = plan.grants.map((g) => ({
    isCycleStart: g.isCycleStart,
    grantOk: g.grantAt,
    grantCredits: Float64Array.from(g.grantCredits, (c) => (c === null ? NaN : c.toNumber())),
    amount: g.amount === null ? null : g.amount.toNumber(),
    id: g.id,
    lastUsable: Float64Array.from(g.grantLastUsable),
    expiresAt: Float64Array.from(g.grantExpiresAt),
    fee: g.fee ? g.fee.toNumber() : 0,
    topUp: Float64Array.from(g.topUp, (t) => (t === null ? 0 : t.toNumber())),
    rank: g.rank,
    priority: g.priority,
    rollShare: g.rollover ? g.rollover.share.toNumber() : null,
    rollCapCredits: g.rollover?.capCredits ? g.rollover.capCredits.toNumber() : null,
    rollCapShare: g.rollover?.capShare ? g.rollover.capShare.toNumber() : null,
    carryLast: Float64Array.from(g.carryLastUsable),
    carryExpires: Float64Array.from(g.carryExpiresAt),
  }));
  const packsAt: FastPack[][] = plan.packsAt.map((list) =>
    list.map((p) => ({ credits: p.credits.toNumber(), price: p.price ? p.price.toNumber() : null, lastUsable: p.lastUsable, expiresAt: p.expiresAt, rank: p.rank, priority: p.priority })),
  );
  const o = plan.overage;
  const t = plan.trueUp;
  const a = plan.autoPack;
  const overagePrice = basisOf(o?.basis ?? { kind: "list" });
  const trueUpPrice = basisOf(t?.basis ?? { kind: "contract" });
  const u = plan.unserved;
  return {
    n,
    lastIndex: plan.lastIndex,
    scale,
    periods: plan.periods,
    list,
    contract,
    year,
    effFixed,
    tierFrom: plan.tiers ? Float64Array.from(plan.tiers, (x) => x.fromCredits.toNumber()) : null,
    tierShare: plan.tiers ? Float64Array.from(plan.tiers, (x) => (x.fraction ? x.fraction.toNumber() : 0)) : null,
    tierPrice: plan.tiers ? Float64Array.from(plan.tiers, (x) => (x.price ? x.price.toNumber() : NaN)) : null,
    plans,
    packsAt,
    behaviour: plan.behaviour,
    ceilingKeys: plan.ceiling ? plan.ceiling.keys : null,
    ceilingCreditsLimit: plan.ceiling?.credits ? plan.ceiling.credits.toNumber() : null,
    ceilingAmountLimit: plan.ceiling?.amount ? plan.ceiling.amount.toNumber() : null,
    overageKeys: o?.cap ? o.cap.keys : null,
    overageCapCreditsLimit: o?.cap?.credits ? o.cap.credits.toNumber() : null,
    overageCapAmount: o?.cap?.amount ? o.cap.amount.toNumber() : null,
    overageUnservedAbove: o?.unservedAbove ?? true,
    overageBasis: overagePrice.kind,
    overageFixed: overagePrice.fixed,
    trueUp: t !== null,
    trueUpBasis: trueUpPrice.kind,
    trueUpFixed: trueUpPrice.fixed,
    trueUpEvery: t?.every ?? 0,
    trueUpPerBill: t?.perBill ?? false,
    trueUpCap: t?.cap ? t.cap.toNumber() : null,
    autoPackCredits: a ? a.credits.toNumber() : 0,
    autoPackPrice: a?.price ? a.price.toNumber() : null,
    autoRank: a?.rank ?? 0,
    autoPriority: a?.priority ?? 0,
    autoLast: a ? Float64Array.from(a.lastUsable) : new Float64Array(n),
    autoExpires: a ? Float64Array.from(a.expiresAt) : new Float64Array(n),
    unservedPrice: u.kind === "perCredit" ? Float64Array.from(u.price, num) : null,
    unservedPerAction: u.kind === "perAction" ? u.costPerAction.toNumber() : NaN,
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
      unservedActions: 0,
      unservedCost: 0,
      costToServe: 0,
      exhaustionPeriod: -1,
    },
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
  /** a priced tier's price per credit, NaN for a discount tier */
  tierPrice: Float64Array | null;
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
  /** per period: price of an unserved credit (NaN unknown); null when unserved actions are priced */
  unservedPrice: Float64Array | null;
  unservedPerAction: number;
  // ── state of the path being run (reset by runPath) ──
  /** volume-tier position: credits bought at contract price in contract year tierYear */
  tierCum: number;
  tierYear: number;
  lots: Lots;
  /** per allotment plan: its lot of the current cycle, -1 if none */
  current: Int32Array;
  result: FastLedgerResult;
}

/**
 * Half-up to the currency's minor unit, as the exact ledger rounds (ROUND_HALF_UP: halves away from
 * zero). A float product that should land on a half (0.15 × 6.7 = 1.005) often lands a hair below
 * it, and Math.round would then give a cent less than the exact ledger; under a money cap that cent
 * becomes credits served or refused. Values within a relative 1e-12 of a half count as the half.
 */
const roundTo = (x: number, scale: number) => {
  const y = Math.abs(x * scale);
  const r = Math.floor(y + 0.5 + Math.max(y, 1) * 1e-12);
  return (x < 0 ? -r : r) / scale;
};

/** Index of the tier the next credit falls in after `cum` credits, -1 below the first tier. */
function marginalTier(L: Compiled, cum: number): number {
  const from = L.tierFrom!;
  let t = -1;
  for (let k = 0; k < from.length; k++) if (from[k]! <= cum) t = k;
  return t;
}

/** Price of a credit in tier t (-1: the contract price, undiscounted). */
function tierPriceOf(L: Compiled, t: number, c: number): number {
  if (t < 0) return c;
  const p = L.tierPrice![t]!;
  return Number.isNaN(p) ? c * (1 - L.tierShare![t]!) : p;
}

function tieredCost(L: Compiled, c: number, cum: number, q: number): number {
  const from = L.tierFrom!;
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
    const p = t < 0 ? NaN : L.tierPrice![t]!;
    // (a product in this order: the float figures of discount tiers as they always were)
    cost += Number.isNaN(p) ? (segEnd - segStart) * c * (1 - (t < 0 ? 0 : L.tierShare![t]!)) : (segEnd - segStart) * p;
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
  return L.tierFrom ? tierPriceOf(L, marginalTier(L, tierCumAt(L, i)), L.contract[i]!) : L.effFixed[i]!;
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

function runPath(L: Compiled, demand: Float64Array, costByPeriod: Float64Array | undefined, actions: Float64Array | undefined): FastLedgerResult {
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
  let unservedActionsTotal = 0;
  let unservedCostTotal = 0;

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
          credits = qDown(plan.amount / eff, plan.amount / eff);
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
      let magnitude: number;
      if (L.ceilingCreditsLimit !== null) {
        room = L.ceilingCreditsLimit - ceilingCredits;
        magnitude = L.ceilingCreditsLimit;
      } else {
        if (Number.isNaN(eff)) throw new LedgerInputError("a consumption ceiling in money needs a known price of a credit");
        room = eff === 0 ? demandCredits : (L.ceilingAmountLimit! - ceilingValue) / eff;
        magnitude = eff === 0 ? demandCredits : L.ceilingAmountLimit! / eff;
      }
      // qDown(max(room, 0), magnitude), written out (see QDOWN_INLINED)
      room = Math.floor(Math.max(room, 0) * 1e6 + Math.min(0.4, 1e-6 + Math.abs(magnitude) * 1e-8)) / 1e6;
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
      if (exhaustion < 0 && shortfall >= EXHAUSTION_MIN - tol) exhaustion = i;
      switch (behaviour) {
        case "pause":
          unserved += shortfall;
          break;
        case "autoPack": {
          // a shortfall a hair above a whole number of packs in floats (6,804,648.000000002 for an
          // exact 6,804,648) buys that number; one a micro-credit above buys one more, as exactly
          const count = Math.ceil((shortfall - HALF_MICRO) / L.autoPackCredits);
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
            let magnitude: number;
            if (L.overageCapCreditsLimit !== null) {
              room = L.overageCapCreditsLimit - overageCapCredits;
              magnitude = L.overageCapCreditsLimit;
            } else {
              const price = priceFor(L, L.overageBasis, L.overageFixed, i);
              if (Number.isNaN(price)) throw new LedgerInputError("an overage cap in money needs a known overage price");
              room = price === 0 ? shortfall : (L.overageCapAmount! - overageCapBilled) / price;
              magnitude = price === 0 ? shortfall : L.overageCapAmount! / price;
            }
            // qDown(max(room, 0), magnitude), written out (see QDOWN_INLINED)
            room = Math.floor(Math.max(room, 0) * 1e6 + Math.min(0.4, 1e-6 + Math.abs(magnitude) * 1e-8)) / 1e6;
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
      // qDown(min(max(carried, 0), left), left), written out (see QDOWN_INLINED)
      carried = Math.floor(Math.min(Math.max(carried, 0), left) * 1e6 + Math.min(0.4, 1e-6 + Math.abs(left) * 1e-8)) / 1e6;
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
    // What the unserved demand costs, rounded once per period as in the exact ledger.
    const periodActions = actions ? actions[i]! : NaN;
    const unservedActions = unserved === 0 ? 0 : demandCredits === 0 ? 0 : (periodActions * unserved) / demandCredits;
    unservedActionsTotal += unservedActions;
    if (unserved > 0) unservedCostTotal += roundTo(L.unservedPrice ? unserved * L.unservedPrice[i]! : unservedActions * L.unservedPerAction, scale);
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
  result.unservedActions = unservedActionsTotal;
  result.unservedCost = unservedCostTotal;
  result.costToServe = result.totalCost + unservedCostTotal;
  result.exhaustionPeriod = exhaustion;
  return result;
}
