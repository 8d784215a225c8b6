// The clause ledger: contract terms applied to one demand path, one row per period.
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
//      a rollover clause carries into a new lot.
// Within a period demand is assumed even over its working (or calendar) days; that is only used
// to date exhaustion and alerts, never to change the amounts.
//
// Pure: no I/O, no logging, no clock, no global Decimal configuration; safe to call thousands of
// times in a Monte Carlo loop.
import Decimal from "decimal.js";
import { add, digitCount, exponentOf, isDefaultHalfUp, load, loadInt, loadMicro, MAX_INPUT_WORDS, mul, Reg, roundDp, roundSig, toDecimal, toMicro, WORDS_OK } from "@/lib/engine/wordmath";
import { addOrNull, CREDIT_DP, divOrNull, exact, EXACT_ZERO, HUNDRED, maxDecimal, minDecimal, ONE, pctToFraction, quantizeCredits, roundMoney, ZERO } from "@/lib/engine/money";
import { creditsPerUnitTable, MICRO, pricePerCredit, sortVersions, versionAt, type CreditsPerUnitTable } from "@/lib/engine/ratecard";
import type { DemandPeriod, IsoDate, Period, RateCardVersion } from "@/lib/engine/types";
import { addMonths, contractYear, cycleKey, cycleStart, dayAtFraction, toDay } from "@/lib/engine/ledger/dates";
import { perUserCostForPeriod } from "@/lib/engine/peruser";
import {
  AUTO_PACK_SOURCE_ID,
  type AlertCrossing,
  type Allotment,
  type CycleLimit,
  type DatedEvent,
  type Discount,
  type LedgerCost,
  type LedgerInput,
  type LedgerResult,
  type LedgerRow,
  type LedgerSummary,
  type PerUserComparison,
  type PriceBasis,
  type SourceKind,
  type SourceMovement,
} from "@/lib/engine/ledger/types";

export class LedgerInputError extends Error {
  override name = "LedgerInputError";
}

const DEFAULT_ALERTS = [60, 70, 85, 100];
/** Plain-number partial sums are moved into decimals beyond 2^52, far from the 2^53 exactness limit. */
const INT_FLUSH = 2 ** 52;
const DEFAULT_PRIORITY: Record<SourceKind, number> = { complimentary: 0, allocation: 1, pack: 2, autoPack: 3 };

interface GrantInfo {
  allotment: Allotment;
  granted: Decimal;
  drawn: Decimal;
  cycleStart: IsoDate;
  /** index into the sorted alert thresholds of the next one to fire */
  nextAlert: number;
}

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

interface AllotmentPlan {
  allotment: Allotment;
  isCycleStart: boolean[];
  ordinal: number[];
  lastIndexOfOrdinal: number[];
  cycleKeys: number[];
  /** headcount the current cycle's grant was sized on */
  headcountBasis: number;
  currentGrant: Lot | null;
}

interface PeriodPricing {
  version: RateCardVersion;
  table: CreditsPerUnitTable;
  words: TableWords;
  year: number;
  list: Decimal | null;
  contract: Decimal | null;
}

function compareLots(a: Lot, b: Lot): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.expiresAt !== b.expiresAt) return a.expiresAt < b.expiresAt ? -1 : 1;
  return a.seq - b.seq;
}

export function headcountAt(changes: readonly { from: IsoDate; headcount: number }[], date: IsoDate): number {
  let value = 0;
  let best = "";
  for (const c of changes) {
    if (c.from <= date && c.from >= best) {
      best = c.from;
      value = c.headcount;
    }
  }
  return value;
}

/** Cycle keys per period for a cadence, with the index of each cycle's last period. */
export function planCycles(periods: readonly Period[], cadence: Allotment["cadence"], anchor: "calendar" | "anniversary", termStart: IsoDate) {
  const n = periods.length;
  const cycleKeys = new Array<number>(n);
  const isCycleStart = new Array<boolean>(n);
  const ordinal = new Array<number>(n);
  const lastIndexOfOrdinal: number[] = [];
  let ord = -1;
  for (let i = 0; i < n; i++) {
    const key = cycleKey(periods[i]!.start, cadence, anchor, termStart);
    cycleKeys[i] = key;
    const starts = i === 0 || key !== cycleKeys[i - 1];
    isCycleStart[i] = starts;
    if (starts) ord++;
    ordinal[i] = ord;
    lastIndexOfOrdinal[ord] = i;
  }
  return { cycleKeys, isCycleStart, ordinal, lastIndexOfOrdinal };
}

/** Exact cost of `q` credits bought at the contract price with graduated tiers, starting at cumulative `cum`. */
function tieredCost(contract: Decimal, tiers: readonly { fromCredits: Decimal; pct: Decimal }[], cum: Decimal, q: Decimal): Decimal {
  let cost = EXACT_ZERO;
  let pos = cum;
  const end = cum.add(q);
  // Below the first tier no discount applies.
  for (let t = -1; t < tiers.length && pos.lt(end); t++) {
    const from = t < 0 ? ZERO : tiers[t]!.fromCredits;
    const to = t + 1 < tiers.length ? tiers[t + 1]!.fromCredits : null;
    if (to !== null && pos.gte(to)) continue;
    const segEnd = to === null ? end : minDecimal(end, to);
    if (segEnd.lte(pos) || segEnd.lte(from)) continue;
    const segStart = maxDecimal(pos, from);
    const pct = t < 0 ? ZERO : tiers[t]!.pct;
    cost = cost.add(exact(segEnd.sub(segStart)).mul(contract).mul(ONE.sub(pctToFraction(pct))));
    pos = segEnd;
  }
  return cost;
}

function marginalTierPct(tiers: readonly { fromCredits: Decimal; pct: Decimal }[], cum: Decimal): Decimal {
  let pct = ZERO;
  for (const t of tiers) if (t.fromCredits.lte(cum)) pct = t.pct;
  return pct;
}

function validateLimit(limit: CycleLimit, what: string) {
  const v = limit.limit.kind === "credits" ? limit.limit.credits : limit.limit.amount;
  if (v.isNeg()) throw new LedgerInputError(`${what} must not be negative`);
}

interface PeriodDemandFigures {
  credits: Decimal;
  actions: Decimal;
  production: Decimal;
  nonProduction: Decimal;
  directCredits: Decimal;
  byUnit: Record<string, { actions: Decimal; credits: Decimal }>;
}

/** Micro-credits (plain safe integers) as a decimal of credits. */
function microToCredits(micro: number): Decimal {
  return micro % MICRO === 0 ? new Decimal(micro / MICRO) : new Decimal(micro).div(MICRO);
}

/** Credits per unit of a table as word registers (lib/engine/wordmath.ts); null where a value is
 *  out of the kernel's range. */
type TableWords = Map<string, { production: Reg | null; nonProduction: Reg | null }>;

function tableWords(table: CreditsPerUnitTable): TableWords {
  const out: TableWords = new Map();
  const reg = (d: Decimal) => {
    const r = new Reg(MAX_INPUT_WORDS);
    return load(r, d) ? r : null;
  };
  for (const [id, cpu] of table) out.set(id, { production: reg(cpu.production), nonProduction: reg(cpu.nonProduction) });
  return out;
}

// Registers of periodDemandWords, reused: the ledger is synchronous and never re-entered.
const R = {
  production: new Reg(),
  nonProduction: new Reg(),
  pc: new Reg(),
  nc: new Reg(),
  sum: new Reg(),
  tmp: new Reg(),
  actions: new Reg(),
  prod: new Reg(),
  nonProd: new Reg(),
};

/** acc = acc + r, rounded as Decimal#plus of the default Decimal. */
function accumulate(acc: Reg, r: Reg, sig: number): boolean {
  if (!add(acc, acc, r)) return false;
  roundSig(acc, sig);
  return true;
}

/**
 * periodDemand on decimal.js's words, with the same figures digit for digit:
 *  - every cell product is exact, then rounded as decimal.js rounds it (wordmath.ts);
 *  - actions are folded unit by unit with a rounding after each addition, as Decimal#plus does;
 *  - credits (quantized to the micro-credit, never negative) are summed in micro-credits as plain
 *    numbers, exactly, and moved into a register before 2^52. Decimal#plus rounds a partial sum
 *    only beyond 20 significant digits, i.e. from 10^14 credits on; below that every partial sum
 *    is exact and the order of additions cannot matter. Totals from 10^14 credits on, negative
 *    figures, foreign-precision Decimals and values with too many digits return null, and the
 *    caller runs periodDemand itself.
 */
function periodDemandWords(dp: DemandPeriod, table: CreditsPerUnitTable, words: TableWords, versionId: string, breakdown: boolean): PeriodDemandFigures | null {
  if (!WORDS_OK || Decimal.rounding !== Decimal.ROUND_HALF_UP) return null;
  const sig = Decimal.precision;
  const { production: P, nonProduction: N, pc, nc, sum, tmp, actions, prod, nonProd } = R;
  actions.n = prod.n = nonProd.n = 0;
  let intActions = 0;
  let microProd = 0;
  let microNonProd = 0;
  let cellProd = 0;
  let cellNonProd = 0;
  const byUnit: Record<string, { actions: Decimal; credits: Decimal }> = {};
  // Object.keys and a lookup rather than Object.entries: a 200-unit record is a dictionary-mode
  // object, whose entries V8 builds several times slower.
  const cells = dp.actions;
  const ids = Object.keys(cells);
  for (let c = 0; c < ids.length; c++) {
    const unitId = ids[c]!;
    const a = cells[unitId]!;
    const cpu = table.get(unitId);
    if (!cpu) throw new LedgerInputError(`unit "${unitId}" is not on rate card version "${versionId}" nor in the negotiated credits per unit`);
    const nonProdZero = a.nonProduction.isZero();
    if (cpu.productionMicro !== null && a.production.isInteger() && (nonProdZero || (cpu.nonProductionMicro !== null && a.nonProduction.isInteger()))) {
      const pn = a.production.toNumber();
      const nn = nonProdZero ? 0 : a.nonProduction.toNumber();
      const pcm = pn * cpu.productionMicro;
      const ncm = nonProdZero ? 0 : nn * cpu.nonProductionMicro!;
      if (Math.abs(pn) <= INT_FLUSH && Math.abs(nn) <= INT_FLUSH && Math.abs(pcm) <= INT_FLUSH && Math.abs(ncm) <= INT_FLUSH) {
        if (pn < 0 || nn < 0 || pcm < 0 || ncm < 0 || !isDefaultHalfUp(a.production)) return null;
        if (breakdown) byUnit[unitId] = { actions: nonProdZero ? a.production : new Decimal(pn + nn), credits: microToCredits(pcm + ncm) };
        intActions += pn + nn;
        microProd += pcm;
        microNonProd += ncm;
        // The flush points of periodDemand, which decide where the actions total is rounded.
        if (Math.abs(microProd) > INT_FLUSH || Math.abs(microNonProd) > INT_FLUSH || Math.abs(intActions) > INT_FLUSH) {
          if (!loadInt(tmp, intActions) || !accumulate(actions, tmp, sig)) return null;
          if (!loadMicro(tmp, microProd) || !add(prod, prod, tmp)) return null;
          if (!loadMicro(tmp, microNonProd) || !add(nonProd, nonProd, tmp)) return null;
          intActions = microProd = microNonProd = 0;
        }
        continue;
      }
    }
    const w = words.get(unitId);
    if (!w || !isDefaultHalfUp(a.production) || !isDefaultHalfUp(a.nonProduction) || !load(P, a.production) || !load(N, a.nonProduction)) return null;
    let pcm = 0;
    let ncm = 0;
    if (P.n !== 0) {
      if (!w.production || !mul(pc, P, w.production)) return null;
      roundSig(pc, sig);
      roundDp(pc, CREDIT_DP);
      pcm = toMicro(pc, INT_FLUSH);
      if (pcm < 0) return null;
    }
    if (!nonProdZero) {
      if (!w.nonProduction || !mul(nc, N, w.nonProduction)) return null;
      roundSig(nc, sig);
      roundDp(nc, CREDIT_DP);
      ncm = toMicro(nc, INT_FLUSH);
      if (ncm < 0) return null;
    }
    cellProd += pcm;
    cellNonProd += ncm;
    if (cellProd > INT_FLUSH) {
      if (!loadMicro(tmp, cellProd) || !add(prod, prod, tmp)) return null;
      cellProd = 0;
    }
    if (cellNonProd > INT_FLUSH) {
      if (!loadMicro(tmp, cellNonProd) || !add(nonProd, nonProd, tmp)) return null;
      cellNonProd = 0;
    }
    if (breakdown) {
      // pc + nc stays below 2^53 micro-credits: exact, and within 20 digits
      if (!loadMicro(sum, pcm + ncm)) return null;
      const uc = toDecimal(sum);
      // P + 0 is P itself when P already fits the precision: no need for a second object.
      const plain = nonProdZero && digitCount(P) <= sig;
      if (!add(sum, P, N)) return null;
      roundSig(sum, sig);
      byUnit[unitId] = { actions: plain ? a.production : toDecimal(sum), credits: uc };
    } else {
      if (!add(sum, P, N)) return null;
      roundSig(sum, sig);
    }
    if (!accumulate(actions, sum, sig)) return null;
  }
  if (intActions !== 0 && (!loadInt(tmp, intActions) || !accumulate(actions, tmp, sig))) return null;
  for (const micro of [microProd, cellProd]) if (micro !== 0 && (!loadMicro(tmp, micro) || !add(prod, prod, tmp))) return null;
  for (const micro of [microNonProd, cellNonProd]) if (micro !== 0 && (!loadMicro(tmp, micro) || !add(nonProd, nonProd, tmp))) return null;
  const directCredits = quantizeCredits(dp.directCredits, "halfUp");
  if (!isDefaultHalfUp(directCredits) || !load(tmp, directCredits) || !add(prod, prod, tmp)) return null;
  // from 10^(precision − 6) credits on, a micro-credit sum has more digits than the precision
  if (exponentOf(prod) >= sig - CREDIT_DP || exponentOf(nonProd) >= sig - CREDIT_DP) return null;
  if (!add(sum, prod, nonProd)) return null;
  roundSig(sum, sig);
  return { credits: toDecimal(sum), actions: toDecimal(actions), production: toDecimal(prod), nonProduction: toDecimal(nonProd), directCredits, byUnit };
}

/** Credits demanded in one period: Σ actions × credits per unit by environment, plus direct credits. */
function periodDemand(dp: DemandPeriod, table: CreditsPerUnitTable, versionId: string, breakdown: boolean): PeriodDemandFigures {
  let actions = ZERO;
  let prodCredits = ZERO;
  let nonProdCredits = ZERO;
  // Whole action counts × credits per unit with at most six decimals are summed as micro-credits
  // in plain numbers (exact: integers kept below 2^52 and moved into decimals before); anything
  // else takes the decimal path. This is the one loop over units × periods.
  let intActions = 0;
  let microProd = 0;
  let microNonProd = 0;
  const byUnit: Record<string, { actions: Decimal; credits: Decimal }> = {};
  for (const [unitId, a] of Object.entries(dp.actions)) {
    const cpu = table.get(unitId);
    if (!cpu) throw new LedgerInputError(`unit "${unitId}" is not on rate card version "${versionId}" nor in the negotiated credits per unit`);
    const nonProdZero = a.nonProduction.isZero();
    if (cpu.productionMicro !== null && a.production.isInteger() && (nonProdZero || (cpu.nonProductionMicro !== null && a.nonProduction.isInteger()))) {
      const pn = a.production.toNumber();
      const nn = nonProdZero ? 0 : a.nonProduction.toNumber();
      const pc = pn * cpu.productionMicro;
      const nc = nonProdZero ? 0 : nn * cpu.nonProductionMicro!;
      if (Math.abs(pn) <= INT_FLUSH && Math.abs(nn) <= INT_FLUSH && Math.abs(pc) <= INT_FLUSH && Math.abs(nc) <= INT_FLUSH) {
        if (breakdown) byUnit[unitId] = { actions: nonProdZero ? a.production : new Decimal(pn + nn), credits: microToCredits(pc + nc) };
        intActions += pn + nn;
        microProd += pc;
        microNonProd += nc;
        if (Math.abs(microProd) > INT_FLUSH || Math.abs(microNonProd) > INT_FLUSH || Math.abs(intActions) > INT_FLUSH) {
          actions = actions.add(intActions);
          prodCredits = prodCredits.add(microToCredits(microProd));
          nonProdCredits = nonProdCredits.add(microToCredits(microNonProd));
          intActions = microProd = microNonProd = 0;
        }
        continue;
      }
    }
    const pc = a.production.isZero() ? ZERO : quantizeCredits(a.production.mul(cpu.production), "halfUp");
    const nc = nonProdZero ? ZERO : quantizeCredits(a.nonProduction.mul(cpu.nonProduction), "halfUp");
    const uc = pc.add(nc);
    const ua = a.production.add(a.nonProduction);
    if (breakdown) byUnit[unitId] = { actions: ua, credits: uc };
    actions = actions.add(ua);
    prodCredits = prodCredits.add(pc);
    nonProdCredits = nonProdCredits.add(nc);
  }
  if (intActions !== 0) actions = actions.add(intActions);
  if (microProd !== 0) prodCredits = prodCredits.add(microToCredits(microProd));
  if (microNonProd !== 0) nonProdCredits = nonProdCredits.add(microToCredits(microNonProd));
  const directCredits = quantizeCredits(dp.directCredits, "halfUp");
  prodCredits = prodCredits.add(directCredits);
  const credits = prodCredits.add(nonProdCredits);
  if (credits.isNeg()) throw new LedgerInputError(`negative demand in period ${dp.period.label}`);
  return { credits, actions, production: prodCredits, nonProduction: nonProdCredits, directCredits, byUnit };
}

export function evaluateLedger(input: LedgerInput): LedgerResult {
  const { terms } = input;
  const demandPeriods = input.demand.periods;
  const n = demandPeriods.length;
  if (n === 0) throw new LedgerInputError("the demand path has no period");
  const periods = demandPeriods.map((d) => d.period);
  const lastIndex = n - 1;
  const versions = sortVersions(input.rateCard);
  const currency = versions[0]!.currency;
  const termStart = terms.termStart ?? periods[0]!.start;
  const basis = input.options?.interpolation ?? "workingDays";
  const breakdown = input.options?.unitBreakdown ?? true;
  const discount: Discount = terms.discount ?? { kind: "none" };
  const exhaustionBehaviour = terms.onExhaustion ?? { kind: "pause" as const };
  const round = (x: Decimal) => roundMoney(x, currency);

  // ── prices per period ────────────────────────────────────────────────────────────────────
  const escalation = input.assumptions?.listEscalationPctPerYear;
  const tables = new Map<string, { table: CreditsPerUnitTable; words: TableWords }>();
  const pricing: PeriodPricing[] = [];
  const policy = terms.ratePolicy ?? { kind: "list" as const };
  for (let i = 0; i < n; i++) {
    const p = periods[i]!;
    const version = versionAt(versions, p.start);
    if (!version) throw new LedgerInputError(`no rate card version is in effect on ${p.start}`);
    let t = tables.get(version.id);
    if (!t) {
      const table = creditsPerUnitTable(version, terms.creditsPerUnit, terms.environmentMultipliers);
      t = { table, words: tableWords(table) };
      tables.set(version.id, t);
    }
    const { table, words } = t;
    const year = contractYear(termStart, p.start);
    const card = pricePerCredit(version.creditPrice);
    const list = card === null ? null : escalation && year > 0 ? card.mul(ONE.add(pctToFraction(escalation)).pow(year)) : card;
    let contract: Decimal | null;
    const prev = i > 0 ? pricing[i - 1]! : null;
    if (policy.kind === "list") contract = list;
    else if (policy.kind === "pinned") contract = policy.pricePerCredit ?? (i === 0 ? list : prev!.contract);
    else if (!prev) contract = list;
    else if (prev.year === year) contract = prev.contract;
    else {
      // A capped price moves once a contract year, to the lower of the new list and the capped rise.
      const capped = prev.contract === null ? null : prev.contract.mul(ONE.add(pctToFraction(policy.maxIncreasePctPerYear)));
      contract = list === null ? capped : capped === null ? list : minDecimal(list, capped);
    }
    pricing.push({ version, table, words, year, list, contract });
  }

  if (discount.kind === "volumeTiers") {
    for (let t = 1; t < discount.tiers.length; t++) {
      const a = discount.tiers[t - 1]!;
      const b = discount.tiers[t]!;
      if (b.fromCredits.lte(a.fromCredits)) throw new LedgerInputError("volume tiers must be sorted by increasing fromCredits");
      // Caps in money are converted to credits at the marginal price; that is only safe when the
      // marginal price never rises with volume.
      if (b.pct.lt(a.pct)) throw new LedgerInputError("volume tier discounts must not decrease with volume");
    }
  }

  let tierCum = ZERO;
  let tierYear = 0;
  const tierCumAt = (i: number) => {
    const y = pricing[i]!.year;
    if (y !== tierYear) {
      tierYear = y;
      tierCum = ZERO;
    }
    return tierCum;
  };
  /** Contract price after discount for the next credit bought in period i. */
  const effectivePrice = (i: number): Decimal | null => {
    const c = pricing[i]!.contract;
    switch (discount.kind) {
      case "none":
        return c;
      case "committedPrice":
        return discount.pricePerCredit;
      case "flat":
        return c === null ? null : c.mul(ONE.sub(pctToFraction(discount.pct)));
      case "volumeTiers":
        return c === null ? null : c.mul(ONE.sub(pctToFraction(marginalTierPct(discount.tiers, tierCumAt(i)))));
    }
  };
  /** Exact amount for `q` credits bought at the contract price in period i; advances volume tiers. */
  const buyAtContract = (i: number, q: Decimal): Decimal | null => {
    if (discount.kind !== "volumeTiers") {
      const price = effectivePrice(i);
      return price === null ? null : exact(q).mul(price);
    }
    const c = pricing[i]!.contract;
    const cum = tierCumAt(i);
    tierCum = cum.add(q);
    return c === null ? null : tieredCost(c, discount.tiers, cum, q);
  };
  const priceFor = (b: PriceBasis, i: number): Decimal | null =>
    b.kind === "fixed" ? b.pricePerCredit : b.kind === "list" ? pricing[i]!.list : effectivePrice(i);
  /** Exact amount for q credits at a price basis (advancing tiers for the contract basis). */
  const amountFor = (b: PriceBasis, i: number, q: Decimal): Decimal | null => {
    if (b.kind === "contract") return buyAtContract(i, q);
    const price = priceFor(b, i);
    return price === null ? null : exact(q).mul(price);
  };

  // ── sources ──────────────────────────────────────────────────────────────────────────────
  const allotments = terms.allotments ?? [];
  const packs = terms.packs ?? [];
  const sourceKinds = new Map<string, SourceKind>();
  for (const a of allotments) {
    if (sourceKinds.has(a.id)) throw new LedgerInputError(`duplicate source id "${a.id}"`);
    sourceKinds.set(a.id, a.kind);
    if (a.rollover?.expiresAfterCycles !== undefined && !(Number.isInteger(a.rollover.expiresAfterCycles) && a.rollover.expiresAfterCycles >= 1)) {
      throw new LedgerInputError(`rollover of "${a.id}": expiresAfterCycles must be a whole number ≥ 1`);
    }
  }
  for (const p of packs) {
    if (sourceKinds.has(p.id)) throw new LedgerInputError(`duplicate source id "${p.id}"`);
    sourceKinds.set(p.id, "pack");
  }
  if (exhaustionBehaviour.kind === "autoPack") {
    if (sourceKinds.has(AUTO_PACK_SOURCE_ID)) throw new LedgerInputError(`"${AUTO_PACK_SOURCE_ID}" is reserved for automatic packs`);
    if (!exhaustionBehaviour.pack.packCredits.gt(0)) throw new LedgerInputError("automatic packs need a positive number of credits");
    sourceKinds.set(AUTO_PACK_SOURCE_ID, "autoPack");
  }
  const drawOrder = terms.drawOrder ?? [];
  const rankOf = new Map<string, number>();
  drawOrder.forEach((id, idx) => {
    if (!sourceKinds.has(id)) throw new LedgerInputError(`drawOrder names an unknown source "${id}"`);
    if (!rankOf.has(id)) rankOf.set(id, idx);
  });
  const rank = (id: string) => rankOf.get(id) ?? drawOrder.length;

  const plans: AllotmentPlan[] = allotments.map((a) => ({
    allotment: a,
    ...planCycles(periods, a.cadence, a.anchor ?? "anniversary", termStart),
    headcountBasis: 0,
    currentGrant: null,
  }));
  const inWindow = (a: Allotment, date: IsoDate) => (a.from === undefined || date >= a.from) && (a.until === undefined || date < a.until);

  // Scheduled packs by arrival period; credits usable in periods that start before expiry.
  const termFirst = periods[0]!.start;
  const termEnd = periods[lastIndex]!.end;
  const packsByPeriod = new Map<number, typeof packs>();
  for (const pack of packs) {
    if (pack.purchaseDate < termFirst || pack.purchaseDate >= termEnd) {
      throw new LedgerInputError(`pack "${pack.id}" is bought on ${pack.purchaseDate}, outside the term ${termFirst}–${termEnd}`);
    }
    const idx = periods.findIndex((p) => p.start <= pack.purchaseDate && pack.purchaseDate < p.end);
    if (idx < 0) throw new LedgerInputError(`pack "${pack.id}": no period contains ${pack.purchaseDate}`);
    const list = packsByPeriod.get(idx) ?? [];
    list.push(pack);
    packsByPeriod.set(idx, list);
  }
  const lastPeriodStartingBefore = (date: IsoDate | undefined): number => {
    if (date === undefined) return Infinity;
    if (date > periods[lastIndex]!.start) return Infinity;
    let last = -1;
    for (let j = 0; j < n && periods[j]!.start < date; j++) last = j;
    return last;
  };

  // ── limits ───────────────────────────────────────────────────────────────────────────────
  const ceiling = terms.ceiling;
  if (ceiling) validateLimit(ceiling, "the consumption ceiling");
  const ceilingKeys = ceiling ? planCycles(periods, ceiling.cadence, ceiling.anchor ?? "anniversary", termStart).cycleKeys : null;
  const overageTerms = exhaustionBehaviour.kind === "overage" ? exhaustionBehaviour.overage : null;
  if (overageTerms?.cap) validateLimit(overageTerms.cap, "the overage cap");
  const overageKeys = overageTerms?.cap ? planCycles(periods, overageTerms.cap.cadence, overageTerms.cap.anchor ?? "anniversary", termStart).cycleKeys : null;
  const overageCapAmount = overageTerms?.cap?.limit.kind === "amount" ? round(overageTerms.cap.limit.amount) : null;
  const trueUpTerms = exhaustionBehaviour.kind === "trueUp" ? exhaustionBehaviour.trueUp : null;
  if (trueUpTerms?.schedule.kind === "everyNPeriods" && !(Number.isInteger(trueUpTerms.schedule.n) && trueUpTerms.schedule.n >= 1)) {
    throw new LedgerInputError("a true-up every n periods needs a whole n ≥ 1");
  }

  let trueUpCap: Decimal | null = null;
  if (trueUpTerms?.cap) {
    const cap = trueUpTerms.cap;
    if (cap.kind === "amount") trueUpCap = round(cap.amount);
    else {
      let value: Decimal | null = exact(cap.contractValue ?? 0);
      if (cap.contractValue === undefined) {
        // Committed spend of the term: allotment fees of every grant plus scheduled packs.
        for (const plan of plans) {
          const fee = plan.allotment.feePerCycle;
          if (!fee) continue;
          for (let i = 0; i < n; i++) if (plan.isCycleStart[i] && inWindow(plan.allotment, periods[i]!.start)) value = addOrNull(value, fee);
        }
        for (const [idx, list] of packsByPeriod) {
          for (const pack of list) {
            const price = effectivePrice(idx);
            value = addOrNull(value, pack.price ?? (price === null ? null : exact(pack.credits).mul(price)));
          }
        }
      }
      if (value === null) throw new LedgerInputError("a true-up cap as a share of contract value needs a known contract value or credit price");
      trueUpCap = round(value.mul(pctToFraction(cap.pct)));
    }
  }

  const thresholds = [...(terms.alertThresholdsPct ?? DEFAULT_ALERTS)].filter((t) => t > 0).sort((a, b) => a - b);
  const thresholdFractions = thresholds.map((t) => new Decimal(t).div(HUNDRED));

  // ── state ────────────────────────────────────────────────────────────────────────────────
  let lots: Lot[] = [];
  let seq = 0;
  let ceilingKey = NaN;
  let ceilingCredits = ZERO;
  let ceilingValue = EXACT_ZERO;
  let overageKey = NaN;
  let overageCapCredits = ZERO;
  let overageCapBilled = ZERO;
  let arrearsOutstanding = ZERO;
  let trueUpBilledTotal = ZERO;
  let cumulativeCost: Decimal | null = ZERO;
  let exhaustion: DatedEvent | null = null;
  const alerts: AlertCrossing[] = [];
  const rows: LedgerRow[] = [];
  let priceUnpinned = false;

  for (let i = 0; i < n; i++) {
    const dp = demandPeriods[i]!;
    const period = periods[i]!;
    const pr = pricing[i]!;
    const effective = effectivePrice(i);
    if (effective === null) priceUnpinned = true;

    const moves = new Map<string, SourceMovement>();
    for (const [id, kind] of sourceKinds) {
      moves.set(id, { kind, granted: ZERO, purchased: ZERO, drawn: ZERO, expired: ZERO, rolledOver: ZERO, closing: ZERO });
    }
    const move = (id: string) => moves.get(id)!;
    let opening = ZERO;
    for (const lot of lots) opening = opening.add(lot.remaining);

    let fixedCost: Decimal | null = EXACT_ZERO;
    let packCost: Decimal | null = EXACT_ZERO;
    let autoPackCost: Decimal | null = EXACT_ZERO;
    let overageCost: Decimal | null = ZERO;
    let trueUpCost: Decimal | null = ZERO;
    let granted = ZERO;
    let purchased = ZERO;

    // 1. grants, top-ups and scheduled packs
    for (const plan of plans) {
      const a = plan.allotment;
      const size = a.size;
      if (plan.isCycleStart[i]) {
        plan.currentGrant = null;
        if (!inWindow(a, period.start)) continue;
        let credits: Decimal;
        if (size.kind === "fixed") credits = quantizeCredits(size.credits, "down");
        else if (size.kind === "perHead") {
          plan.headcountBasis = headcountAt(size.headcount, period.start);
          credits = quantizeCredits(size.creditsPerHead.mul(plan.headcountBasis), "down");
        } else {
          if (effective === null) throw new LedgerInputError(`allotment "${a.id}" is sized in money but the price of a credit is unknown`);
          if (effective.isZero()) throw new LedgerInputError(`allotment "${a.id}" is sized in money but a credit costs 0`);
          credits = quantizeCredits(size.amount.div(effective), "down");
        }
        const ord = plan.ordinal[i]!;
        const lot: Lot = {
          sourceId: a.id,
          kind: a.kind,
          rank: rank(a.id),
          priority: a.priority ?? DEFAULT_PRIORITY[a.kind],
          lastUsable: a.cadence === "term" ? lastIndex : plan.lastIndexOfOrdinal[ord]!,
          expiresAt: a.cadence === "term" ? toDay(termEnd) : toDay(cycleStart(plan.cycleKeys[i]! + 1, a.cadence, a.anchor ?? "anniversary", termStart)),
          seq: seq++,
          remaining: credits,
          grant: {
            allotment: a,
            granted: credits,
            drawn: ZERO,
            cycleStart: cycleStart(plan.cycleKeys[i]!, a.cadence, a.anchor ?? "anniversary", termStart),
            nextAlert: 0,
          },
        };
        // A cycle cut short by the term end runs on after it: its credits are still valid at the
        // end of the ledger, so they close the term as balance rather than as expired.
        if (lot.lastUsable === lastIndex && a.cadence !== "term") {
          const nextCycleStart = cycleStart(plan.cycleKeys[i]! + 1, a.cadence, a.anchor ?? "anniversary", termStart);
          if (nextCycleStart > termEnd) lot.lastUsable = Infinity;
        }
        lots.push(lot);
        plan.currentGrant = lot;
        granted = granted.add(credits);
        move(a.id).granted = move(a.id).granted.add(credits);
        if (a.feePerCycle) fixedCost = addOrNull(fixedCost, a.feePerCycle);
      } else if (size.kind === "perHead" && size.onChange === "prorateIncreases" && plan.currentGrant) {
        const now = headcountAt(size.headcount, period.start);
        if (now > plan.headcountBasis) {
          const ord = plan.ordinal[i]!;
          const last = plan.lastIndexOfOrdinal[ord]!;
          const first = plan.isCycleStart.lastIndexOf(true, i);
          // Share of the cycle still to come, counted in periods (the change's own period included).
          const share = new Decimal(last - i + 1).div(last - first + 1);
          const extra = quantizeCredits(size.creditsPerHead.mul(now - plan.headcountBasis).mul(share), "down");
          plan.headcountBasis = now;
          const lot = plan.currentGrant;
          lot.remaining = lot.remaining.add(extra);
          lot.grant!.granted = lot.grant!.granted.add(extra);
          granted = granted.add(extra);
          move(a.id).granted = move(a.id).granted.add(extra);
        }
      }
    }
    for (const pack of packsByPeriod.get(i) ?? []) {
      const lastUsable = lastPeriodStartingBefore(pack.expiresOn);
      if (lastUsable < i) throw new LedgerInputError(`pack "${pack.id}" expires before it can be used`);
      const packCredits = quantizeCredits(pack.credits, "down");
      lots.push({
        sourceId: pack.id,
        kind: "pack",
        rank: rank(pack.id),
        priority: pack.priority ?? DEFAULT_PRIORITY.pack,
        lastUsable,
        expiresAt: pack.expiresOn === undefined ? Infinity : toDay(pack.expiresOn),
        seq: seq++,
        remaining: packCredits,
        grant: null,
      });
      purchased = purchased.add(packCredits);
      move(pack.id).purchased = move(pack.id).purchased.add(packCredits);
      packCost = addOrNull(packCost, pack.price ?? buyAtContract(i, packCredits));
    }

    // 2. demand
    const { credits: demandCredits, actions, production: prodCredits, nonProduction: nonProdCredits, directCredits, byUnit } =
      periodDemandWords(dp, pr.table, pr.words, pr.version.id, breakdown) ?? periodDemand(dp, pr.table, pr.version.id, breakdown);

    // 3. ceiling
    let allowed = demandCredits;
    let unservedCeiling = ZERO;
    if (ceiling && ceilingKeys) {
      if (ceilingKeys[i] !== ceilingKey) {
        ceilingKey = ceilingKeys[i]!;
        ceilingCredits = ZERO;
        ceilingValue = EXACT_ZERO;
      }
      let room: Decimal;
      if (ceiling.limit.kind === "credits") room = ceiling.limit.credits.sub(ceilingCredits);
      else {
        if (effective === null) throw new LedgerInputError("a consumption ceiling in money needs a known price of a credit");
        room = effective.isZero() ? demandCredits : ceiling.limit.amount.sub(ceilingValue).div(effective);
      }
      room = quantizeCredits(maxDecimal(room, ZERO), "down");
      if (allowed.gt(room)) {
        unservedCeiling = allowed.sub(room);
        allowed = room;
      }
    }

    // 4. draw in order
    lots.sort(compareLots);
    let drawn = ZERO;
    for (const lot of lots) {
      if (drawn.gte(allowed)) break;
      if (lot.remaining.isZero() || lot.lastUsable < i) continue;
      const take = minDecimal(lot.remaining, allowed.sub(drawn));
      if (lot.grant && !lot.grant.granted.isZero()) {
        const g = lot.grant;
        const after = g.drawn.add(take);
        while (g.nextAlert < thresholds.length) {
          const mark = g.granted.mul(thresholdFractions[g.nextAlert]!);
          if (after.lt(mark)) break;
          const position = drawn.add(maxDecimal(mark.sub(g.drawn), ZERO));
          alerts.push({
            allotmentId: g.allotment.id,
            cycleStart: g.cycleStart,
            thresholdPct: thresholds[g.nextAlert]!,
            grantCredits: g.granted,
            periodIndex: i,
            date: dayAtFraction(period, position.div(demandCredits).toNumber(), basis, "reach"),
          });
          g.nextAlert++;
        }
        g.drawn = after;
      }
      lot.remaining = lot.remaining.sub(take);
      drawn = drawn.add(take);
      const m = move(lot.sourceId);
      m.drawn = m.drawn.add(take);
    }

    // 5. shortfall
    const shortfall = allowed.sub(drawn);
    let unservedExhausted = ZERO;
    let unservedOverageCap = ZERO;
    let overage = ZERO;
    let arrears = ZERO;
    let preApprovalCredits = ZERO;
    let autoDrawn = ZERO;
    if (shortfall.gt(0)) {
      if (!exhaustion) {
        exhaustion = { periodIndex: i, date: dayAtFraction(period, drawn.div(demandCredits).toNumber(), basis, "fail") };
      }
      switch (exhaustionBehaviour.kind) {
        case "pause":
          unservedExhausted = shortfall;
          break;
        case "autoPack": {
          const t = exhaustionBehaviour.pack;
          const packCredits = quantizeCredits(t.packCredits, "down");
          if (packCredits.isZero()) throw new LedgerInputError("automatic packs need at least a micro-credit each");
          const count = shortfall.div(packCredits).ceil();
          const credits = count.mul(packCredits);
          const expiry = t.expiresAfterMonths === undefined ? undefined : addMonths(period.start, t.expiresAfterMonths);
          const lastUsable = lastPeriodStartingBefore(expiry);
          lots.push({
            sourceId: AUTO_PACK_SOURCE_ID,
            kind: "autoPack",
            rank: rank(AUTO_PACK_SOURCE_ID),
            priority: t.priority ?? DEFAULT_PRIORITY.autoPack,
            lastUsable: Math.max(lastUsable, i),
            expiresAt: expiry === undefined ? Infinity : toDay(expiry),
            seq: seq++,
            remaining: credits.sub(shortfall),
            grant: null,
          });
          purchased = purchased.add(credits);
          autoDrawn = shortfall;
          const m = move(AUTO_PACK_SOURCE_ID);
          m.purchased = m.purchased.add(credits);
          m.drawn = m.drawn.add(shortfall);
          autoPackCost = addOrNull(autoPackCost, t.packPrice ? exact(count).mul(t.packPrice) : buyAtContract(i, credits));
          break;
        }
        case "overage": {
          const o = exhaustionBehaviour.overage;
          const priceBasis: PriceBasis = o.price ?? { kind: "list" };
          let servable = shortfall;
          if (o.cap && overageKeys) {
            if (overageKeys[i] !== overageKey) {
              overageKey = overageKeys[i]!;
              overageCapCredits = ZERO;
              overageCapBilled = ZERO;
            }
            let room: Decimal;
            if (o.cap.limit.kind === "credits") room = o.cap.limit.credits.sub(overageCapCredits);
            else {
              const price = priceFor(priceBasis, i);
              if (price === null) throw new LedgerInputError("an overage cap in money needs a known overage price");
              room = price.isZero() ? shortfall : overageCapAmount!.sub(overageCapBilled).div(price);
            }
            room = quantizeCredits(maxDecimal(room, ZERO), "down");
            if (servable.gt(room)) {
              preApprovalCredits = servable.sub(room);
              if ((o.aboveCap ?? "unserved") === "unserved") {
                unservedOverageCap = preApprovalCredits;
                servable = room;
              }
            }
          }
          overage = servable;
          const exact = servable.isZero() ? ZERO : amountFor(priceBasis, i, servable);
          overageCost = exact === null ? null : round(exact);
          overageCapCredits = overageCapCredits.add(servable);
          if (overageCost !== null) overageCapBilled = overageCapBilled.add(overageCost);
          break;
        }
        case "trueUp":
          arrears = shortfall;
          arrearsOutstanding = arrearsOutstanding.add(shortfall);
          break;
      }
    }

    // true-up billing point
    let trueUpBilledCredits = ZERO;
    let trueUpWaived: Decimal | null = ZERO;
    if (trueUpTerms) {
      const due = i === lastIndex || (trueUpTerms.schedule.kind === "everyNPeriods" && (i + 1) % trueUpTerms.schedule.n === 0);
      if (due && arrearsOutstanding.gt(0)) {
        trueUpBilledCredits = arrearsOutstanding;
        const exact = amountFor(trueUpTerms.price ?? { kind: "contract" }, i, arrearsOutstanding);
        arrearsOutstanding = ZERO;
        if (exact === null) {
          trueUpCost = null;
          trueUpWaived = null;
        } else {
          const full = round(exact);
          let billed = full;
          if (trueUpCap !== null) {
            const room = (trueUpTerms.capScope ?? "term") === "term" ? maxDecimal(trueUpCap.sub(trueUpBilledTotal), ZERO) : trueUpCap;
            billed = minDecimal(full, room);
          }
          trueUpBilledTotal = trueUpBilledTotal.add(billed);
          trueUpCost = billed;
          trueUpWaived = full.sub(billed);
        }
      }
    }

    const served = drawn.add(autoDrawn).add(overage).add(arrears);
    if (ceiling) {
      ceilingCredits = ceilingCredits.add(served);
      if (effective !== null) ceilingValue = ceilingValue.add(exact(served).mul(effective));
    }

    // 6. expiry and rollover at the end of the period
    let expired = ZERO;
    let rolledOver = ZERO;
    const kept: Lot[] = [];
    const carriedLots: Lot[] = [];
    for (const lot of lots) {
      if (lot.lastUsable > i) {
        if (lot.remaining.gt(0) || lot.grant) kept.push(lot);
        continue;
      }
      const m = move(lot.sourceId);
      let carried = ZERO;
      const rollover = lot.grant?.allotment.rollover;
      if (lot.grant && rollover && lot.remaining.gt(0)) {
        carried = lot.remaining.mul(pctToFraction(rollover.sharePct));
        if (rollover.cap) {
          const cap = rollover.cap.kind === "credits" ? rollover.cap.credits : lot.grant.granted.mul(pctToFraction(rollover.cap.pct));
          carried = minDecimal(carried, maxDecimal(cap, ZERO));
        }
        carried = quantizeCredits(minDecimal(maxDecimal(carried, ZERO), lot.remaining), "down");
        if (carried.gt(0)) {
          const plan = plans.find((p) => p.allotment === lot.grant!.allotment)!;
          const k = rollover.expiresAfterCycles;
          const target = k === undefined ? Infinity : plan.ordinal[i]! + k;
          const a = lot.grant.allotment;
          carriedLots.push({
            sourceId: lot.sourceId,
            kind: lot.kind,
            rank: lot.rank,
            priority: lot.priority,
            lastUsable: Number.isFinite(target) && target < plan.lastIndexOfOrdinal.length ? plan.lastIndexOfOrdinal[target]! : Infinity,
            expiresAt: k === undefined ? Infinity : toDay(cycleStart(plan.cycleKeys[i]! + k + 1, a.cadence, a.anchor ?? "anniversary", termStart)),
            seq: seq++,
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
    lots = kept.concat(carriedLots);
    let closing = ZERO;
    for (const lot of lots) {
      closing = closing.add(lot.remaining);
      const m = move(lot.sourceId);
      m.closing = m.closing.add(lot.remaining);
    }
    // Grant lots are kept while their cycle runs (for top-ups and alerts) even when empty.
    lots = lots.filter((l) => l.remaining.gt(0) || (l.grant !== null && l.lastUsable > i));

    // costs: one rounding per component
    const cost: LedgerCost = {
      fixed: fixedCost === null ? null : round(fixedCost),
      packs: packCost === null ? null : round(packCost),
      autoPacks: autoPackCost === null ? null : round(autoPackCost),
      overage: overageCost,
      trueUp: trueUpCost,
      total: null,
    };
    cost.total = [cost.fixed, cost.packs, cost.autoPacks, cost.overage, cost.trueUp].reduce<Decimal | null>((s, c) => addOrNull(s, c), ZERO);
    cumulativeCost = addOrNull(cumulativeCost, cost.total);

    const drawnTotal = drawn.add(autoDrawn);
    rows.push({
      period,
      rateCardVersionId: pr.version.id,
      listPricePerCredit: pr.list,
      contractPricePerCredit: pr.contract,
      effectivePricePerCredit: effective,
      demand: {
        credits: demandCredits,
        actions,
        byUnit,
        byEnvironment: { production: prodCredits, nonProduction: nonProdCredits },
        directCredits,
      },
      credits: {
        opening,
        granted,
        purchased,
        drawn: drawnTotal,
        expired,
        rolledOver,
        closing,
        overage,
        arrears,
        unserved: unservedCeiling.add(unservedExhausted).add(unservedOverageCap),
        unservedByReason: { ceiling: unservedCeiling, exhausted: unservedExhausted, overageCap: unservedOverageCap },
        preApprovalCredits,
        bySource: Object.fromEntries(moves),
      },
      cost,
      trueUp: { billedCredits: trueUpBilledCredits, waived: trueUpWaived },
      arrearsOutstanding,
      cumulativeCost,
      actionsServed: demandCredits.isZero() || served.eq(demandCredits) ? actions : actions.mul(served).div(demandCredits),
    });
  }

  return { rows, summary: summarize(rows, input, currency, priceUnpinned, exhaustion, basis, alerts) };
}

function summarize(
  rows: LedgerRow[],
  input: LedgerInput,
  currency: string,
  priceUnpinned: boolean,
  exhaustion: DatedEvent | null,
  basis: "workingDays" | "calendarDays",
  alerts: AlertCrossing[],
): LedgerSummary {
  const byComponent: Omit<LedgerCost, "total"> = { fixed: ZERO, packs: ZERO, autoPacks: ZERO, overage: ZERO, trueUp: ZERO };
  let total: Decimal | null = ZERO;
  let demand = ZERO;
  let unserved = ZERO;
  let actions = ZERO;
  let actionsServed = ZERO;
  let waived: Decimal | null = ZERO;
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
    actions = actions.add(r.demand.actions);
    actionsServed = actionsServed.add(r.actionsServed);
    waived = addOrNull(waived, r.trueUp.waived);
    if (r.credits.preApprovalCredits.gt(0)) preApproval.push({ periodIndex: r.period.index, credits: r.credits.preApprovalCredits });
  }
  const servedCredits = demand.sub(unserved);
  const effectivePricePerAction = divOrNull(total, actionsServed);
  const summary: LedgerSummary = {
    currency,
    priceUnpinned,
    totalCost: total,
    costByComponent: byComponent,
    demandCredits: demand,
    servedCredits,
    unservedCredits: unserved,
    actionsDemanded: actions,
    actionsServed,
    effectivePricePerAction,
    effectivePricePerCredit: divOrNull(total, servedCredits),
    exhaustion,
    interpolation: basis,
    alerts,
    preApproval,
    trueUpWaived: waived,
    closingBalance: rows[rows.length - 1]?.credits.closing ?? ZERO,
  };
  if (input.perUser) {
    let perUserTotal = ZERO;
    for (const r of rows) perUserTotal = perUserTotal.add(roundMoney(perUserCostForPeriod(input.perUser, r.period, input.demand.granularity), currency));
    const pricePerUser = input.perUser.pricePerUserPerMonth;
    const savings = total === null ? null : perUserTotal.sub(total);
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
