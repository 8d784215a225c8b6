// The compiled contract plan: everything about a contract's terms that does not depend on demand,
// computed once and checked once, for both ledgers. The exact ledger (./evaluate.ts) and the float
// ledger of Monte Carlo (../analysis/fastledger.ts) consume the same plan; only their per-period
// loops differ (decimals there, numbers here). Every input check of the terms lives here, so the
// two ledgers refuse exactly the same contracts with the same message and path.
//
// What is in a plan, per period: the rate card version in effect and its credits per unit, the
// contract year, the list and contract price of a credit; per allotment: its cycles, where grants
// happen and what they hold, when they and their rollover lots expire, fees and prorated top-ups;
// scheduled packs by arrival period; the ceiling, overage cap and true-up limits; automatic pack
// terms; alert thresholds; how unserved demand is priced; and warnings for clauses with no effect.
import Decimal, { own } from "@/lib/engine/decimal";
import { EngineInputError, type InputPath } from "@/lib/engine/errors";
import { addOrNull, exact, HUNDRED, minDecimal, ONE, pctToFraction, quantizeCredits, roundMoney, ZERO, minorUnits } from "@/lib/engine/money";
import { creditsPerUnitTable, pricePerCredit, sortVersions, versionAt, type CreditsPerUnitTable } from "@/lib/engine/ratecard";
import type { IsoDate, Period, RateCardVersion } from "@/lib/engine/types";
import { addMonths, contractYear, cycleKey, cycleStart, isIsoDate, toDayNumber } from "@/lib/engine/calendar";
import {
  AUTO_PACK_SOURCE_ID,
  type Allotment,
  type Cadence,
  type ContractTerms,
  type CycleLimit,
  type Discount,
  type LedgerAssumptions,
  type LedgerWarning,
  type PriceBasis,
  type ResetAnchor,
  type SourceKind,
  type UnservedPricing,
} from "@/lib/engine/ledger/types";

/** A contract the ledger cannot evaluate; `at` is the path of the clause at fault within the terms. */
export class LedgerInputError extends EngineInputError {
  override name = "LedgerInputError";
}

export const DEFAULT_ALERTS = [60, 70, 85, 100];
export const DEFAULT_PRIORITY: Record<SourceKind, number> = { complimentary: 0, allocation: 1, pack: 2, autoPack: 3 };

export const UNSERVED_RULE_LIST =
  "Demand left unserved (a ceiling, an overage cap awaiting pre-approval, a pause at exhaustion) is priced at what serving it would cost: the credits bought as emergency packs at the rate card's list (spot) price of the period, or at the contract price when the card publishes none. It is a cost to price, never a saving.";

export interface LedgerSpec {
  periods: readonly Period[];
  rateCard: readonly RateCardVersion[];
  terms: ContractTerms;
  assumptions?: LedgerAssumptions;
}

export interface PeriodPricing {
  version: RateCardVersion;
  table: CreditsPerUnitTable;
  /** contract year (0-based) of the period start */
  year: number;
  /** rate card list price with the assumed escalation; null when the card gives none */
  list: Decimal | null;
  /** contract price before discount (rate policy applied) */
  contract: Decimal | null;
}

export interface GrantPlan {
  allotment: Allotment;
  id: string;
  kind: Allotment["kind"];
  rank: number;
  priority: number;
  anchor: ResetAnchor;
  cycleKeys: number[];
  isCycleStart: boolean[];
  ordinal: number[];
  lastIndexOfOrdinal: number[];
  /** per period: a grant happens here (a cycle start inside the allotment's window) */
  grantAt: boolean[];
  /** per grant period: credits granted; null for a grant sized in money (priced when granted) */
  grantCredits: (Decimal | null)[];
  /** money of a grant sized in money */
  amount: Decimal | null;
  /** per grant period: the last period in which the grant can be drawn (Infinity: beyond the term) */
  grantLastUsable: number[];
  /** per grant period: day number of the grant's expiry (the draw-order sort key) */
  grantExpiresAt: number[];
  /** per grant period: the first day of the grant's cycle, for alerts */
  grantCycleStart: IsoDate[];
  /** per period: prorated top-up of a per-head grant after a headcount increase, null when none */
  topUp: (Decimal | null)[];
  fee: Decimal | null;
  rollover: { share: Decimal; capCredits: Decimal | null; capShare: Decimal | null } | null;
  /** per period: last usable period and expiry day of credits carried at the end of that period */
  carryLastUsable: number[];
  carryExpiresAt: number[];
}

export interface PackPlan {
  id: string;
  credits: Decimal;
  price: Decimal | null;
  lastUsable: number;
  expiresAt: number;
  rank: number;
  priority: number;
}

export interface LimitPlan {
  keys: number[];
  credits: Decimal | null;
  amount: Decimal | null;
}

export interface OveragePlan {
  basis: PriceBasis;
  cap: LimitPlan | null;
  unservedAbove: boolean;
}

export interface TrueUpPlan {
  basis: PriceBasis;
  /** billed after every `every` periods; 0 = at term end only */
  every: number;
  perBill: boolean;
  cap: Decimal | null;
}

export interface AutoPackPlan {
  credits: Decimal;
  price: Decimal | null;
  rank: number;
  priority: number;
  /** per period of purchase */
  lastUsable: number[];
  expiresAt: number[];
}

export type UnservedPlan =
  | { kind: "perCredit"; price: (Decimal | null)[]; rule: string }
  | { kind: "perAction"; costPerAction: Decimal; rule: string };

export interface ContractPlan {
  n: number;
  lastIndex: number;
  periods: readonly Period[];
  termStart: IsoDate;
  termEnd: IsoDate;
  currency: string;
  minor: number;
  pricing: PeriodPricing[];
  discount: Discount;
  /** volume tiers: each with its pct as a fraction, or its own price per credit */
  tiers: PlanTier[] | null;
  /** per period: the contract price after discount for the first credit bought in the contract year */
  effectiveAtStart: (Decimal | null)[];
  /** every source id with its kind, in declaration order (allotments, packs, automatic packs) */
  sourceKinds: Map<string, SourceKind>;
  grants: GrantPlan[];
  packsAt: PackPlan[][];
  ceiling: LimitPlan | null;
  behaviour: "pause" | "autoPack" | "overage" | "trueUp";
  overage: OveragePlan | null;
  trueUp: TrueUpPlan | null;
  autoPack: AutoPackPlan | null;
  thresholds: number[];
  thresholdFractions: Decimal[];
  unserved: UnservedPlan;
  warnings: LedgerWarning[];
}

const fail = (message: string, ...at: (string | number)[]): never => {
  throw new LedgerInputError(message, at.length ? at : null);
};

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
export function planCycles(periods: readonly Period[], cadence: Cadence, anchor: ResetAnchor, termStart: IsoDate) {
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

function checkDate(date: IsoDate, ...at: (string | number)[]): void {
  if (!isIsoDate(date)) fail(`${JSON.stringify(date)} is not a date (YYYY-MM-DD)`, ...at);
}

function checkNonNegative(x: Decimal, what: string, ...at: (string | number)[]): void {
  if (!x.isFinite() || x.isNeg()) fail(`${what} must be zero or more, got ${x.toString()}`, ...at);
}

function limitPlan(limit: CycleLimit, periods: readonly Period[], termStart: IsoDate, what: string, at: (string | number)[], currency: string | null): LimitPlan {
  const v = limit.limit.kind === "credits" ? limit.limit.credits : limit.limit.amount;
  if (v.isNeg()) fail(`${what} must not be negative`, ...at, "limit");
  return {
    keys: planCycles(periods, limit.cadence, limit.anchor ?? "anniversary", termStart).cycleKeys,
    credits: limit.limit.kind === "credits" ? own(limit.limit.credits) : null,
    amount: limit.limit.kind === "amount" ? (currency ? roundMoney(own(limit.limit.amount), currency) : own(limit.limit.amount)) : null,
  };
}

/** Compiles the terms against a term's periods and rate card; throws LedgerInputError naming the clause at fault. */
export function compileContractPlan(spec: LedgerSpec): ContractPlan {
  const { terms } = spec;
  const periods = spec.periods;
  const n = periods.length;
  if (n === 0) fail("the demand path has no period");
  const lastIndex = n - 1;
  const versions = sortVersions(spec.rateCard);
  const currency = versions[0]!.currency;
  if (terms.termStart !== undefined) checkDate(terms.termStart, "termStart");
  const termStart = terms.termStart ?? periods[0]!.start;
  const termFirst = periods[0]!.start;
  const termEnd = periods[lastIndex]!.end;
  const discount: Discount = terms.discount ?? { kind: "none" };
  const behaviour = terms.onExhaustion ?? { kind: "pause" as const };
  const round = (x: Decimal) => roundMoney(x, currency);
  const warnings: LedgerWarning[] = [];

  // ── prices per period ────────────────────────────────────────────────────────────────────
  const escalation = spec.assumptions?.listEscalationPctPerYear;
  if (escalation !== undefined) checkNonNegative(escalation, "the list escalation", "assumptions", "listEscalationPctPerYear");
  const tables = new Map<string, CreditsPerUnitTable>();
  const pricing: PeriodPricing[] = [];
  const policy = terms.ratePolicy ?? { kind: "list" as const };
  if (policy.kind === "pinned" && policy.pricePerCredit !== undefined) checkNonNegative(policy.pricePerCredit, "the pinned price", "ratePolicy", "pricePerCredit");
  if (policy.kind === "capped") checkNonNegative(policy.maxIncreasePctPerYear, "the yearly increase cap", "ratePolicy", "maxIncreasePctPerYear");
  for (const [env, m] of Object.entries(terms.environmentMultipliers ?? {})) if (m) checkNonNegative(m, `the ${env} multiplier`, "environmentMultipliers", env);
  for (const [id, c] of Object.entries(terms.creditsPerUnit ?? {})) checkNonNegative(c, `the negotiated credits of unit "${id}"`, "creditsPerUnit", id);
  for (let i = 0; i < n; i++) {
    const p = periods[i]!;
    const version = versionAt(versions, p.start);
    if (!version) fail(`no rate card version is in effect on ${p.start}`);
    let table = tables.get(version!.id);
    if (!table) {
      table = creditsPerUnitTable(version!, terms.creditsPerUnit, terms.environmentMultipliers);
      tables.set(version!.id, table);
    }
    const year = contractYear(termStart, p.start);
    const card = pricePerCredit(version!.creditPrice);
    const list = card === null ? null : escalation && year > 0 ? card.mul(ONE.add(pctToFraction(escalation)).pow(year)) : card;
    let contract: Decimal | null;
    const prev = i > 0 ? pricing[i - 1]! : null;
    if (policy.kind === "list") contract = list;
    else if (policy.kind === "pinned") contract = policy.pricePerCredit ? own(policy.pricePerCredit) : i === 0 ? list : prev!.contract;
    else if (!prev) contract = list;
    else if (prev.year === year) contract = prev.contract;
    else {
      // A capped price moves once a contract year, to the lower of the new list and the capped rise.
      const capped = prev.contract === null ? null : prev.contract.mul(ONE.add(pctToFraction(policy.maxIncreasePctPerYear)));
      contract = list === null ? capped : capped === null ? list : minDecimal(list, capped);
    }
    pricing.push({ version: version!, table, year, list, contract });
  }

  let tiers: ContractPlan["tiers"] = null;
  if (discount.kind === "volumeTiers") {
    if (discount.tiers.length === 0) fail("volume tiers need at least one tier", "discount", "tiers");
    const byPrice = discount.tiers[0]!.pricePerCredit !== undefined;
    discount.tiers.forEach((t, k) => {
      checkNonNegative(t.fromCredits, "a tier's fromCredits", "discount", "tiers", k, "fromCredits");
      if ((t.pricePerCredit !== undefined) !== byPrice) fail("give every tier as a discount (pct) or every tier as a price per credit, not a mix", "discount", "tiers", k);
      if (t.pricePerCredit !== undefined) checkNonNegative(t.pricePerCredit, "a tier's price", "discount", "tiers", k, "pricePerCredit");
      else if (t.pct.lt(0) || t.pct.gt(100)) fail(`a tier's discount must be between 0 and 100 %, got ${t.pct.toString()}`, "discount", "tiers", k, "pct");
    });
    for (let t = 1; t < discount.tiers.length; t++) {
      const a = discount.tiers[t - 1]!;
      const b = discount.tiers[t]!;
      if (b.fromCredits.lte(a.fromCredits)) fail("volume tiers must be listed by increasing fromCredits", "discount", "tiers", t, "fromCredits");
      // Caps in money are converted to credits at the marginal price; that is only safe when the
      // marginal price never rises with volume.
      if (a.pricePerCredit !== undefined && b.pricePerCredit !== undefined && b.pricePerCredit.gt(a.pricePerCredit)) {
        fail(`volume tier prices must not rise with volume (${b.pricePerCredit.toString()} after ${a.pricePerCredit.toString()})`, "discount", "tiers", t, "pricePerCredit");
      }
      if (a.pct !== undefined && b.pct !== undefined && b.pct.lt(a.pct)) {
        fail(`volume tier discounts must not decrease with volume (${b.pct.toString()} % after ${a.pct.toString()} %)`, "discount", "tiers", t, "pct");
      }
    }
    tiers = discount.tiers.map((t) =>
      t.pricePerCredit !== undefined ? { fromCredits: own(t.fromCredits), fraction: null, price: own(t.pricePerCredit) } : { fromCredits: own(t.fromCredits), fraction: pctToFraction(t.pct), price: null },
    );
  } else if (discount.kind === "flat") {
    if (discount.pct.lt(0) || discount.pct.gt(100)) fail(`a flat discount must be between 0 and 100 %, got ${discount.pct.toString()}`, "discount", "pct");
  } else if (discount.kind === "committedPrice") {
    checkNonNegative(discount.pricePerCredit, "the committed price", "discount", "pricePerCredit");
  }
  const effectiveAtStart = pricing.map((pr) => {
    const c = pr.contract;
    switch (discount.kind) {
      case "none":
        return c;
      case "committedPrice":
        return own(discount.pricePerCredit);
      case "flat":
        return c === null ? null : c.mul(ONE.sub(pctToFraction(discount.pct)));
      case "volumeTiers":
        return tierPrice(marginalTier(tiers!, ZERO), c);
    }
  });

  // ── sources ──────────────────────────────────────────────────────────────────────────────
  const allotments = terms.allotments ?? [];
  const packs = terms.packs ?? [];
  const sourceKinds = new Map<string, SourceKind>();
  allotments.forEach((a, k) => {
    if (!a.id) fail("an allotment needs an id", "allotments", k, "id");
    if (sourceKinds.has(a.id)) fail(`two sources share the id "${a.id}"`, "allotments", k, "id");
    sourceKinds.set(a.id, a.kind);
    if (a.rollover?.expiresAfterCycles !== undefined && !(Number.isInteger(a.rollover.expiresAfterCycles) && a.rollover.expiresAfterCycles >= 1)) {
      fail(`rolled-over credits of "${a.id}" must expire after a whole number of cycles (1 or more)`, "allotments", k, "rollover", "expiresAfterCycles");
    }
    if (a.rollover && (a.rollover.sharePct.lt(0) || a.rollover.sharePct.gt(100))) fail(`the rollover share of "${a.id}" must be between 0 and 100 %`, "allotments", k, "rollover", "sharePct");
    if (a.feePerCycle) checkNonNegative(a.feePerCycle, `the fee of "${a.id}"`, "allotments", k, "feePerCycle");
    if (a.from !== undefined) checkDate(a.from, "allotments", k, "from");
    if (a.until !== undefined) checkDate(a.until, "allotments", k, "until");
    if (a.from !== undefined && a.until !== undefined && a.until <= a.from) fail(`allotment "${a.id}" ends (${a.until}) before it starts (${a.from})`, "allotments", k, "until");
    const size = a.size;
    if (size.kind === "fixed") checkNonNegative(size.credits, `the credits of "${a.id}"`, "allotments", k, "size", "credits");
    else if (size.kind === "perHead") {
      checkNonNegative(size.creditsPerHead, `the credits per head of "${a.id}"`, "allotments", k, "size", "creditsPerHead");
      size.headcount.forEach((h, j) => {
        checkDate(h.from, "allotments", k, "size", "headcount", j, "from");
        if (!Number.isInteger(h.headcount) || h.headcount < 0) fail(`a headcount must be a whole number of people, got ${h.headcount}`, "allotments", k, "size", "headcount", j, "headcount");
      });
    } else if (!size.amount.gt(0)) fail(`the amount of "${a.id}" must be more than zero`, "allotments", k, "size", "amount");
  });
  packs.forEach((p, k) => {
    if (!p.id) fail("a pack needs an id", "packs", k, "id");
    if (sourceKinds.has(p.id)) fail(`two sources share the id "${p.id}"`, "packs", k, "id");
    sourceKinds.set(p.id, "pack");
  });
  if (behaviour.kind === "autoPack") {
    if (sourceKinds.has(AUTO_PACK_SOURCE_ID)) fail(`"${AUTO_PACK_SOURCE_ID}" is reserved for automatic packs`, sourceKinds.get(AUTO_PACK_SOURCE_ID) === "pack" ? "packs" : "allotments");
    if (!behaviour.pack.packCredits.gt(0)) fail("automatic packs need a positive number of credits", "onExhaustion", "pack", "packCredits");
    if (quantizeCredits(behaviour.pack.packCredits, "down").isZero()) fail("automatic packs need at least a micro-credit each", "onExhaustion", "pack", "packCredits");
    if (behaviour.pack.packPrice) checkNonNegative(behaviour.pack.packPrice, "the price of an automatic pack", "onExhaustion", "pack", "packPrice");
    sourceKinds.set(AUTO_PACK_SOURCE_ID, "autoPack");
  }
  const drawOrder = terms.drawOrder ?? [];
  const rankOf = new Map<string, number>();
  drawOrder.forEach((id, idx) => {
    if (!sourceKinds.has(id)) fail(`the draw order names "${id}", which is not an allotment, a pack${behaviour.kind === "autoPack" ? ` or "${AUTO_PACK_SOURCE_ID}"` : ""} of this contract`, "drawOrder", idx);
    if (!rankOf.has(id)) rankOf.set(id, idx);
  });
  const rank = (id: string) => rankOf.get(id) ?? drawOrder.length;
  const inWindow = (a: Allotment, date: IsoDate) => (a.from === undefined || date >= a.from) && (a.until === undefined || date < a.until);
  /** Last period that starts before `date`; Infinity when none ends the usability within the term. */
  const lastPeriodStartingBefore = (date: IsoDate | undefined): number => {
    if (date === undefined) return Infinity;
    if (date > periods[lastIndex]!.start) return Infinity;
    let last = -1;
    for (let j = 0; j < n && periods[j]!.start < date; j++) last = j;
    return last;
  };

  const grants: GrantPlan[] = allotments.map((a, k) => {
    const anchor = a.anchor ?? "anniversary";
    const c = planCycles(periods, a.cadence, anchor, termStart);
    const size = a.size;
    const grantAt = new Array<boolean>(n).fill(false);
    const grantCredits = new Array<Decimal | null>(n).fill(null);
    const grantLastUsable = new Array<number>(n).fill(-1);
    const grantExpiresAt = new Array<number>(n).fill(Infinity);
    const grantCycleStart = new Array<IsoDate>(n).fill("");
    const topUp = new Array<Decimal | null>(n).fill(null);
    const carryLastUsable = new Array<number>(n);
    const carryExpiresAt = new Array<number>(n);
    let basis = 0;
    let granting = false;
    for (let i = 0; i < n; i++) {
      const start = periods[i]!.start;
      if (c.isCycleStart[i]) {
        granting = inWindow(a, start);
        if (granting) {
          grantAt[i] = true;
          if (size.kind === "fixed") grantCredits[i] = quantizeCredits(own(size.credits), "down");
          else if (size.kind === "perHead") {
            basis = headcountAt(size.headcount, start);
            grantCredits[i] = quantizeCredits(own(size.creditsPerHead).mul(basis), "down");
          }
          let last = a.cadence === "term" ? lastIndex : c.lastIndexOfOrdinal[c.ordinal[i]!]!;
          // A cycle cut short by the term end runs on after it: its credits are still valid at the
          // end of the ledger, so they close the term as balance rather than as expired.
          if (last === lastIndex && a.cadence !== "term" && cycleStart(c.cycleKeys[i]! + 1, a.cadence, anchor, termStart) > termEnd) last = Infinity;
          grantLastUsable[i] = last;
          grantExpiresAt[i] = toDayNumber(a.cadence === "term" ? termEnd : cycleStart(c.cycleKeys[i]! + 1, a.cadence, anchor, termStart));
          grantCycleStart[i] = cycleStart(c.cycleKeys[i]!, a.cadence, anchor, termStart);
        }
      } else if (size.kind === "perHead" && size.onChange === "prorateIncreases" && granting) {
        const now = headcountAt(size.headcount, start);
        if (now > basis) {
          const last = c.lastIndexOfOrdinal[c.ordinal[i]!]!;
          const first = c.isCycleStart.lastIndexOf(true, i);
          // Share of the cycle still to come, counted in periods (the change's own period included).
          const share = new Decimal(last - i + 1).div(last - first + 1);
          topUp[i] = quantizeCredits(own(size.creditsPerHead).mul(now - basis).mul(share), "down");
          basis = now;
        }
      }
      const cycles = a.rollover?.expiresAfterCycles;
      const target = cycles === undefined ? Infinity : c.ordinal[i]! + cycles;
      carryLastUsable[i] = Number.isFinite(target) && target < c.lastIndexOfOrdinal.length ? c.lastIndexOfOrdinal[target]! : Infinity;
      carryExpiresAt[i] = cycles === undefined ? Infinity : toDayNumber(cycleStart(c.cycleKeys[i]! + cycles + 1, a.cadence, anchor, termStart));
    }
    if (!grantAt.some(Boolean)) {
      warnings.push({ at: ["allotments", k], message: `allotment "${a.id}" is never granted within the term ${termFirst} to ${termEnd}${a.from || a.until ? ` (its window runs ${a.from ?? "from the start"} to ${a.until ?? "the end"})` : ""}: it changes nothing` });
    }
    const r = a.rollover;
    return {
      allotment: a,
      id: a.id,
      kind: a.kind,
      rank: rank(a.id),
      priority: a.priority ?? DEFAULT_PRIORITY[a.kind],
      anchor,
      ...c,
      grantAt,
      grantCredits,
      amount: size.kind === "fromAmount" ? own(size.amount) : null,
      grantLastUsable,
      grantExpiresAt,
      grantCycleStart,
      topUp,
      fee: a.feePerCycle ? own(a.feePerCycle) : null,
      rollover: r
        ? {
            share: pctToFraction(r.sharePct),
            capCredits: r.cap?.kind === "credits" ? own(r.cap.credits) : null,
            capShare: r.cap?.kind === "pctOfGrant" ? pctToFraction(r.cap.pct) : null,
          }
        : null,
      carryLastUsable,
      carryExpiresAt,
    };
  });

  // Scheduled packs by arrival period; credits usable in periods that start before expiry.
  const packsAt: PackPlan[][] = Array.from({ length: n }, () => []);
  packs.forEach((pack, k) => {
    checkDate(pack.purchaseDate, "packs", k, "purchaseDate");
    if (pack.expiresOn !== undefined) checkDate(pack.expiresOn, "packs", k, "expiresOn");
    if (!pack.credits.gt(0)) fail(`pack "${pack.id}" must hold more than zero credits`, "packs", k, "credits");
    if (pack.price) checkNonNegative(pack.price, `the price of pack "${pack.id}"`, "packs", k, "price");
    if (pack.purchaseDate < termFirst || pack.purchaseDate >= termEnd) {
      fail(`pack "${pack.id}" is bought on ${pack.purchaseDate}, outside the term ${termFirst} to ${termEnd}`, "packs", k, "purchaseDate");
    }
    const idx = periods.findIndex((p) => p.start <= pack.purchaseDate && pack.purchaseDate < p.end);
    if (idx < 0) fail(`pack "${pack.id}": no period contains ${pack.purchaseDate}`, "packs", k, "purchaseDate");
    const lastUsable = lastPeriodStartingBefore(pack.expiresOn);
    if (lastUsable < idx) fail(`pack "${pack.id}" expires on ${pack.expiresOn} before it can be used`, "packs", k, "expiresOn");
    packsAt[idx]!.push({
      id: pack.id,
      credits: quantizeCredits(own(pack.credits), "down"),
      price: pack.price ? own(pack.price) : null,
      lastUsable,
      expiresAt: pack.expiresOn === undefined ? Infinity : toDayNumber(pack.expiresOn),
      rank: rank(pack.id),
      priority: pack.priority ?? DEFAULT_PRIORITY.pack,
    });
  });

  // ── limits ───────────────────────────────────────────────────────────────────────────────
  const ceiling = terms.ceiling ? limitPlan(terms.ceiling, periods, termStart, "the consumption ceiling", ["ceiling"], null) : null;
  let overage: OveragePlan | null = null;
  let trueUp: TrueUpPlan | null = null;
  let autoPack: AutoPackPlan | null = null;
  if (behaviour.kind === "overage") {
    const o = behaviour.overage;
    if (o.price?.kind === "fixed") checkNonNegative(o.price.pricePerCredit, "the overage price", "onExhaustion", "overage", "price", "pricePerCredit");
    overage = {
      basis: o.price ?? { kind: "list" },
      cap: o.cap ? limitPlan(o.cap, periods, termStart, "the overage cap", ["onExhaustion", "overage", "cap"], currency) : null,
      unservedAbove: (o.aboveCap ?? "unserved") === "unserved",
    };
  } else if (behaviour.kind === "trueUp") {
    const t = behaviour.trueUp;
    if (t.schedule.kind === "everyNPeriods" && !(Number.isInteger(t.schedule.n) && t.schedule.n >= 1)) {
      fail("a true-up every n periods needs a whole n of 1 or more", "onExhaustion", "trueUp", "schedule", "n");
    }
    if (t.price?.kind === "fixed") checkNonNegative(t.price.pricePerCredit, "the true-up price", "onExhaustion", "trueUp", "price", "pricePerCredit");
    let cap: Decimal | null = null;
    if (t.cap) {
      const c = t.cap;
      if (c.kind === "amount") {
        checkNonNegative(c.amount, "the true-up cap", "onExhaustion", "trueUp", "cap", "amount");
        cap = round(own(c.amount));
      } else {
        checkNonNegative(c.pct, "the true-up cap", "onExhaustion", "trueUp", "cap", "pct");
        let value: Decimal | null = exact(c.contractValue ?? 0);
        if (c.contractValue === undefined) {
          // Committed spend of the term: allotment fees of every grant plus scheduled packs, unpriced
          // packs at the contract price before any purchase.
          for (const g of grants) {
            if (!g.fee) continue;
            for (let i = 0; i < n; i++) if (g.grantAt[i]) value = addOrNull(value, g.fee);
          }
          for (let i = 0; i < n; i++) {
            for (const pack of packsAt[i]!) {
              const price = effectiveAtStart[i]!;
              value = addOrNull(value, pack.price ?? (price === null ? null : exact(packs.find((p) => p.id === pack.id)!.credits).mul(price)));
            }
          }
        }
        if (value === null) fail("a true-up cap as a share of contract value needs a known contract value or credit price", "onExhaustion", "trueUp", "cap");
        cap = round(value!.mul(pctToFraction(c.pct)));
      }
    }
    trueUp = {
      basis: t.price ?? { kind: "contract" },
      every: t.schedule.kind === "everyNPeriods" ? t.schedule.n : 0,
      perBill: (t.capScope ?? "term") === "perTrueUp",
      cap,
    };
  } else if (behaviour.kind === "autoPack") {
    const t = behaviour.pack;
    if (t.expiresAfterMonths !== undefined && !(Number.isInteger(t.expiresAfterMonths) && t.expiresAfterMonths >= 1)) {
      fail("automatic packs must expire after a whole number of months (1 or more)", "onExhaustion", "pack", "expiresAfterMonths");
    }
    const lastUsable = new Array<number>(n);
    const expiresAt = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const expiry = t.expiresAfterMonths === undefined ? undefined : addMonths(periods[i]!.start, t.expiresAfterMonths);
      lastUsable[i] = Math.max(lastPeriodStartingBefore(expiry), i);
      expiresAt[i] = expiry === undefined ? Infinity : toDayNumber(expiry);
    }
    autoPack = {
      credits: quantizeCredits(own(t.packCredits), "down"),
      price: t.packPrice ? own(t.packPrice) : null,
      rank: rank(AUTO_PACK_SOURCE_ID),
      priority: t.priority ?? DEFAULT_PRIORITY.autoPack,
      lastUsable,
      expiresAt,
    };
  }

  // A discount applies to credits bought at the contract price; say so when the terms buy none.
  if (discount.kind !== "none") {
    const buysAtContract =
      packs.some((p) => !p.price) ||
      (autoPack !== null && autoPack.price === null) ||
      overage?.basis.kind === "contract" ||
      trueUp?.basis.kind === "contract" ||
      allotments.some((a) => a.size.kind === "fromAmount") ||
      ceiling?.amount != null;
    if (!buysAtContract) {
      const what = discount.kind === "volumeTiers" ? "Volume tiers apply" : discount.kind === "flat" ? "The discount applies" : "The committed price applies";
      const why =
        overage?.basis.kind === "list"
          ? "overage is billed at the list price (it has no price of its own on contract terms)"
          : overage?.basis.kind === "fixed"
            ? "overage has a fixed price of its own"
            : "every pack has its own price and nothing else is bought at the contract price";
      warnings.push({ at: ["discount"], message: `${what} to credits bought at the contract price, and these terms buy none: ${why}. It changes no figure.` });
    }
  }

  const thresholds = [...(terms.alertThresholdsPct ?? DEFAULT_ALERTS)].filter((t) => t > 0).sort((a, b) => a - b);
  const thresholdFractions = thresholds.map((t) => new Decimal(t).div(HUNDRED));
  return {
    n,
    lastIndex,
    periods,
    termStart,
    termEnd,
    currency,
    minor: minorUnits(currency),
    pricing,
    discount,
    tiers,
    effectiveAtStart,
    sourceKinds,
    grants,
    packsAt,
    ceiling,
    behaviour: behaviour.kind,
    overage,
    trueUp,
    autoPack,
    thresholds,
    thresholdFractions,
    unserved: unservedPlan(spec.assumptions?.unserved, pricing, effectiveAtStart),
    warnings,
  };
}

function unservedPlan(rule: UnservedPricing | undefined, pricing: readonly PeriodPricing[], effectiveAtStart: readonly (Decimal | null)[]): UnservedPlan {
  const r = rule ?? { kind: "list" as const };
  switch (r.kind) {
    case "list":
      return { kind: "perCredit", price: pricing.map((p, i) => p.list ?? effectiveAtStart[i]!), rule: UNSERVED_RULE_LIST };
    case "perCredit":
      checkNonNegative(r.pricePerCredit, "the price of an unserved credit", "assumptions", "unserved", "pricePerCredit");
      return {
        kind: "perCredit",
        price: pricing.map(() => own(r.pricePerCredit)),
        rule: `Demand left unserved is priced at ${r.pricePerCredit.toString()} per credit, as the model document states. It is a cost to price, never a saving.`,
      };
    case "perAction":
      checkNonNegative(r.costPerAction, "the business cost of an unserved action", "assumptions", "unserved", "costPerAction");
      return {
        kind: "perAction",
        costPerAction: own(r.costPerAction),
        rule: `Demand left unserved is priced at its business cost, ${r.costPerAction.toString()} per action not served, as the model document states. It is a cost to price, never a saving.`,
      };
  }
}

// ── prices at contract terms (exact) ─────────────────────────────────────────────────────────

/** Credits bought at the contract price so far in a contract year: the volume-tier position. */
export interface TierPosition {
  cum: Decimal;
  year: number;
}

export interface PlanTier {
  fromCredits: Decimal;
  /** the tier's discount as a fraction of the contract price, or null for a priced tier */
  fraction: Decimal | null;
  /** the tier's own price per credit, or null for a discount tier */
  price: Decimal | null;
}

/** The tier the next credit falls in after `cum` credits, null below the first tier. */
export function marginalTier(tiers: readonly PlanTier[], cum: Decimal): PlanTier | null {
  let found: PlanTier | null = null;
  for (const t of tiers) if (t.fromCredits.lte(cum)) found = t;
  return found;
}

/** Price of a credit in a tier (below the first tier: the contract price, undiscounted). */
export function tierPrice(tier: PlanTier | null, contract: Decimal | null): Decimal | null {
  if (tier?.price) return tier.price;
  if (contract === null) return null;
  return tier?.fraction ? contract.mul(ONE.sub(tier.fraction)) : contract;
}

function tierCumAt(plan: ContractPlan, tier: TierPosition, i: number): Decimal {
  const y = plan.pricing[i]!.year;
  if (y !== tier.year) {
    tier.year = y;
    tier.cum = ZERO;
  }
  return tier.cum;
}

/** Contract price after discount for the next credit bought in period i. */
export function effectivePrice(plan: ContractPlan, tier: TierPosition, i: number): Decimal | null {
  if (!plan.tiers) return plan.effectiveAtStart[i]!;
  return tierPrice(marginalTier(plan.tiers, tierCumAt(plan, tier, i)), plan.pricing[i]!.contract);
}

/** Exact cost of `q` credits at the contract price with graduated tiers, starting at cumulative
 *  `cum`; null when a segment's price is unknown. */
function tieredCost(contract: Decimal | null, tiers: readonly PlanTier[], cum: Decimal, q: Decimal): Decimal | null {
  let cost: Decimal = exact(0);
  let pos = cum;
  const end = cum.add(q);
  // Below the first tier no discount applies.
  for (let t = -1; t < tiers.length && pos.lt(end); t++) {
    const from = t < 0 ? ZERO : tiers[t]!.fromCredits;
    const to = t + 1 < tiers.length ? tiers[t + 1]!.fromCredits : null;
    if (to !== null && pos.gte(to)) continue;
    const segEnd = to === null ? end : minDecimal(end, to);
    if (segEnd.lte(pos) || segEnd.lte(from)) continue;
    const segStart = pos.gte(from) ? pos : from;
    const tier = t < 0 ? null : tiers[t]!;
    if (tier?.price) cost = cost.add(exact(segEnd.sub(segStart)).mul(tier.price));
    else if (contract === null) return null;
    // contract × (1 − fraction), as two products: the figures of discount tiers as they always were
    else cost = cost.add(exact(segEnd.sub(segStart)).mul(contract).mul(ONE.sub(tier?.fraction ?? ZERO)));
    pos = segEnd;
  }
  return cost;
}

/** Exact amount for `q` credits bought at the contract price in period i; advances volume tiers. */
export function buyAtContract(plan: ContractPlan, tier: TierPosition, i: number, q: Decimal): Decimal | null {
  if (!plan.tiers) {
    const price = plan.effectiveAtStart[i]!;
    return price === null ? null : exact(q).mul(price);
  }
  const c = plan.pricing[i]!.contract;
  const cum = tierCumAt(plan, tier, i);
  tier.cum = cum.add(q);
  return tieredCost(c, plan.tiers, cum, q);
}

/** Price of one credit at a price basis in period i (the marginal tier's for the contract basis). */
export function priceFor(plan: ContractPlan, tier: TierPosition, basis: PriceBasis, i: number): Decimal | null {
  return basis.kind === "fixed" ? own(basis.pricePerCredit) : basis.kind === "list" ? plan.pricing[i]!.list : effectivePrice(plan, tier, i);
}

/** Exact amount for q credits at a price basis (advancing tiers for the contract basis). */
export function amountFor(plan: ContractPlan, tier: TierPosition, basis: PriceBasis, i: number, q: Decimal): Decimal | null {
  if (basis.kind === "contract") return buyAtContract(plan, tier, i, q);
  const price = priceFor(plan, tier, basis, i);
  return price === null ? null : exact(q).mul(price);
}

export type { InputPath };
