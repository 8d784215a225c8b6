// Commitment sizing: the prepaid commitment per cycle that minimises expected total cost over the
// forecast distribution, given its prepay price, the spot price paid beyond it, rollover and expiry.
//
// The commitment is an allocation of C credits a cycle, billed C × prepay price at each grant; what
// it cannot serve is bought at the spot price (uncapped overage). The base terms keep their
// complimentary allotments and everything else; their paid allocations and scheduled packs are
// what the commitment replaces. Every level is costed on every path with the float ledger (the
// same paths as Monte Carlo, so levels are compared on common random numbers); expected cost is the
// mean over paths, rounded once to the currency's minor unit.
//
// The search: `levels` evenly spaced commitments from 0 to the largest cycle demand seen on any
// path (a step rounded up to 1, 2, 2.5 or 5 × 10^k credits, or to whole packs), then the same
// number of levels between the best level's neighbours. Expected cost is piecewise linear and
// convex in C when the only choice is prepay vs spot, so the refined grid lands on the kink that is
// the minimum whenever the kink lies on it (a two-point demand puts the kinks at the two demands).
import Decimal from "@/lib/engine/decimal";
import { planCycles } from "@/lib/engine/ledger/plan";
import type { Allotment, ContractTerms, LedgerAssumptions, RolloverTerms } from "@/lib/engine/ledger/types";
import { minorUnits } from "@/lib/engine/money";
import type { Period, RateCardVersion } from "@/lib/engine/types";
import { compileFastLedger } from "@/lib/engine/analysis/fastledger";
import { toLedgerDecimal } from "@/lib/engine/demand/burn";

export const COMMITMENT_SOURCE_ID = "commitment";

export interface CommitmentSpec {
  cadence: "month" | "quarter" | "year" | "term";
  anchor?: "calendar" | "anniversary";
  prepayPricePerCredit: Decimal;
  /** price of credits beyond the commitment; absent = list price */
  spotPricePerCredit?: Decimal;
  rollover?: RolloverTerms;
  /** commitments are whole packs of this many credits */
  packCredits?: Decimal;
  /** levels per search pass; default 21 */
  levels?: number;
  /** largest commitment searched; default the largest cycle demand on any path */
  maxCredits?: Decimal;
}

export interface CommitmentLevel {
  credits: Decimal;
  /** money per cycle for the commitment itself */
  commitmentCostPerCycle: Decimal;
  expectedCost: Decimal | null;
  /** share of paths on which the balance runs out before the term ends, 0–100, one decimal */
  exhaustionProbabilityPct: number;
}

export interface CommitmentResult {
  cadence: CommitmentSpec["cadence"];
  prepayPricePerCredit: Decimal;
  spotPricePerCredit: Decimal | "list";
  rule: string;
  curve: CommitmentLevel[];
  recommended: CommitmentLevel | null;
  /** expected cost of the base terms as they are, on the same paths */
  baseExpectedCost: Decimal | null;
}

export const COMMITMENT_RULE =
  "Expected cost = mean over Monte Carlo paths of the float ledger's cost to serve (billed + the cost of demand left unserved) with a commitment of C credits a cycle (billed C × prepay price) and uncapped overage at the spot price beyond it, rounded once to the minor unit. " +
  "Levels: an even grid from 0 to the largest cycle demand, refined between the best level's neighbours; the recommendation is the lowest expected cost (the smaller commitment on a tie).";

export function commitmentTerms(base: ContractTerms, spec: CommitmentSpec, credits: Decimal): ContractTerms {
  const allotment: Allotment = {
    id: COMMITMENT_SOURCE_ID,
    kind: "allocation",
    cadence: spec.cadence,
    ...(spec.anchor ? { anchor: spec.anchor } : {}),
    size: { kind: "fixed", credits },
    feePerCycle: credits.mul(spec.prepayPricePerCredit),
    ...(spec.rollover ? { rollover: spec.rollover } : {}),
  };
  // The commitment replaces the paid tier: allocations and scheduled packs go, and so do their
  // places in the draw order.
  const kept = (base.allotments ?? []).filter((a) => a.kind !== "allocation" && a.id !== COMMITMENT_SOURCE_ID);
  const rest: ContractTerms = { ...base };
  delete rest.packs;
  if (base.drawOrder) rest.drawOrder = base.drawOrder.filter((id) => kept.some((a) => a.id === id));
  return {
    ...rest,
    allotments: [...kept, allotment],
    onExhaustion: { kind: "overage", overage: { price: spec.spotPricePerCredit ? { kind: "fixed", pricePerCredit: spec.spotPricePerCredit } : { kind: "list" } } },
  };
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function sizeCommitment(args: {
  periods: readonly Period[];
  rateCard: readonly RateCardVersion[];
  baseTerms: ContractTerms;
  assumptions?: LedgerAssumptions;
  /** demand of each path: paths × periods, path-major */
  demand: Float64Array;
  /** actions behind it, as demand (needed when unserved actions are priced) */
  actions?: Float64Array;
  paths: number;
  spec: CommitmentSpec;
}): CommitmentResult {
  const { periods, rateCard, baseTerms, spec, paths, demand, actions } = args;
  const n = periods.length;
  const termStart = baseTerms.termStart ?? periods[0]!.start;
  const levels = Math.max(2, spec.levels ?? 21);
  const pack = spec.packCredits?.toNumber() ?? 0;
  const cycles = planCycles(periods, spec.cadence, spec.anchor ?? "anniversary", termStart);
  let maxCycle = 0;
  for (let k = 0; k < paths; k++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      if (cycles.isCycleStart[i]) acc = 0;
      acc += demand[k * n + i]!;
      maxCycle = Math.max(maxCycle, acc);
    }
  }
  const upper = spec.maxCredits ? spec.maxCredits.toNumber() : maxCycle;
  const row = new Float64Array(n);
  const acts = actions ? new Float64Array(n) : undefined;
  const spec1 = { ...args, assumptions: args.assumptions };
  const currency = rateCard[0]?.currency ?? "USD";
  const minor = minorUnits(currency);
  const evaluate = (terms: ContractTerms) => {
    const fast = compileFastLedger({ periods, rateCard, terms, ...(spec1.assumptions ? { assumptions: spec1.assumptions } : {}) });
    let sum = 0;
    let exhausted = 0;
    for (let k = 0; k < paths; k++) {
      row.set(demand.subarray(k * n, (k + 1) * n));
      acts?.set(actions!.subarray(k * n, (k + 1) * n));
      const r = fast.run(row, undefined, acts);
      // cost to serve: a commitment that leaves demand unserved (under a ceiling) is not cheaper for it
      sum += r.costToServe;
      if (r.exhaustionPeriod >= 0) exhausted++;
    }
    return { mean: sum / paths, exhaustedPct: Math.round((exhausted / paths) * 1000) / 10 };
  };
  const cache = new Map<number, CommitmentLevel & { mean: number }>();
  const at = (credits: number) => {
    const snapped = pack > 0 ? Math.round(credits / pack) * pack : Math.round(credits);
    const hit = cache.get(snapped);
    if (hit) return hit;
    const c = new Decimal(snapped);
    const r = evaluate(commitmentTerms(baseTerms, spec, c));
    const level = {
      credits: c,
      commitmentCostPerCycle: c.mul(spec.prepayPricePerCredit),
      expectedCost: Number.isNaN(r.mean) ? null : toLedgerDecimal(r.mean, "amount", minor),
      exhaustionProbabilityPct: r.exhaustedPct,
      mean: r.mean,
    };
    cache.set(snapped, level);
    return level;
  };
  let step = niceStep(upper / (levels - 1));
  if (pack > 0) step = Math.max(pack, Math.ceil(step / pack) * pack);
  for (let j = 0; j < levels; j++) at(j * step);
  const best = () => [...cache.values()].reduce((b, l) => (l.mean < b.mean || (l.mean === b.mean && l.credits.lt(b.credits)) ? l : b));
  const coarse = best();
  const centre = coarse.credits.toNumber();
  const fine = pack > 0 ? Math.max(pack, Math.floor(step / (levels - 1) / pack) * pack) : Math.max(1, niceStep((2 * step) / (levels - 1)) / 2);
  for (let x = Math.max(0, centre - step); x <= centre + step + 1e-9; x += fine) at(x);
  const curve = [...cache.values()].sort((a, b) => a.credits.cmp(b.credits));
  const chosen = curve.some((l) => Number.isNaN(l.mean)) ? null : best();
  const base = evaluate(baseTerms);
  const strip = (l: CommitmentLevel & { mean: number }): CommitmentLevel => ({
    credits: l.credits,
    commitmentCostPerCycle: l.commitmentCostPerCycle,
    expectedCost: l.expectedCost,
    exhaustionProbabilityPct: l.exhaustionProbabilityPct,
  });
  return {
    cadence: spec.cadence,
    prepayPricePerCredit: spec.prepayPricePerCredit,
    spotPricePerCredit: spec.spotPricePerCredit ?? "list",
    rule: COMMITMENT_RULE,
    curve: curve.map(strip),
    recommended: chosen ? strip(chosen) : null,
    baseExpectedCost: Number.isNaN(base.mean) ? null : toLedgerDecimal(base.mean, "amount", minor),
  };
}
