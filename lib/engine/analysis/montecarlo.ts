// Monte Carlo over uncertain drivers: P10 / P50 / P90 (or any percentiles) of total cost, overage,
// true-up and the exhaustion period per scenario, and a per-period band for charts.
//
// How figures are produced (THE ROUNDING RULE of the analysis):
//  - every path is sampled and costed in floats (ranges.ts, fastledger.ts);
//  - total cost percentiles name one path each (nearest rank, quantiles.ts); that path's drivers are
//    handed to the exact ledger (ranges.ts pickForPath) and the reported total, overage, true-up and
//    exhaustion date of the path are the exact ledger's, to the cent;
//  - percentiles of overage, true-up, the mean, and the per-period band are float statistics over
//    all paths, rounded once at the end: money half-up to the currency's minor unit, credits
//    half-up to whole credits (toLedgerDecimal, the engine's one float → Decimal rule).
import type Decimal from "decimal.js";
import { toLedgerDecimal } from "@/lib/engine/demand/burn";
import type { LedgerResult } from "@/lib/engine/ledger/types";
import { minorUnits } from "@/lib/engine/money";
import type { Period } from "@/lib/engine/types";
import type { FastLedger } from "@/lib/engine/analysis/fastledger";
import { orderPaths, nearestRank, percentilesOf, selectPercentiles } from "@/lib/engine/analysis/quantiles";
import type { DemandSampler, Draws } from "@/lib/engine/analysis/ranges";

export const DEFAULT_PERCENTILES = [10, 50, 90] as const;

/** What Monte Carlo needs of one scenario. */
export interface ScenarioCase {
  id: string;
  name: string;
  sampler: DemandSampler;
  fast: FastLedger;
  /** the exact ledger of one path */
  exact(path: number): LedgerResult;
}

export interface MonteCarloOptions {
  percentiles?: readonly number[];
  /** per-period band; default true */
  band?: boolean;
}

export interface PercentilePath {
  pct: number;
  /** path number (0-based) whose total cost sits at this percentile */
  path: number;
  /** exact ledger figures of that path */
  totalCost: Decimal | null;
  overage: Decimal | null;
  trueUp: Decimal | null;
  demandCredits: Decimal;
  unservedCredits: Decimal;
  actionsDemanded: Decimal;
  exhaustionDate: string | null;
}

export interface Pctl<T> {
  pct: number;
  value: T;
}

export interface BandPoint {
  label: string;
  start: string;
  demandCredits: Pctl<Decimal>[];
  cost: Pctl<Decimal | null>[];
  cumulativeCost: Pctl<Decimal | null>[];
}

export interface ScenarioMonteCarlo {
  id: string;
  name: string;
  /** false when every path demands the same (no range, or observed burn) */
  uncertain: boolean;
  totalCost: PercentilePath[];
  /** float mean over paths, rounded once */
  meanTotalCost: Decimal | null;
  overage: Pctl<Decimal | null>[];
  trueUp: Pctl<Decimal | null>[];
  exhaustion: {
    /** share of paths on which the balance runs out within the term, 0–100, one decimal */
    probabilityPct: number;
    /** period of exhaustion at each percentile of time; null = not within the term */
    byPercentile: Pctl<{ periodIndex: number; label: string } | null>[];
  };
  /** largest |float − exact| total over the re-run paths: the fast ledger's error on this case */
  fastVsExactMaxGap: number | null;
  band?: BandPoint[];
  /** per-path float totals, for asks and commitment sizing; not serialised */
  pathTotals: Float64Array;
}

export interface MonteCarloResult {
  paths: number;
  seed: number;
  percentiles: number[];
  distribution: "triangular";
  rule: string;
  scenarios: ScenarioMonteCarlo[];
}

export const MONTE_CARLO_RULE =
  "Each path draws one quantile per driver kind (activation, actions, growth, mix, non-production) and maps every range of that kind through a triangular distribution (low, likely, high). " +
  "Paths are costed with a float ledger; a total-cost percentile is the path at nearest rank ⌈p·N⌉ (ties by path number), re-run in the exact ledger, whose figures are reported. " +
  "Overage, true-up, mean and band percentiles are float statistics rounded once (money half-up to the minor unit, credits to whole credits).";

// Scenarios that differ only in clauses share one sampler (document.ts): their paths are sampled
// once per set of draws.
const sampleCache = new WeakMap<DemandSampler, { draws: Draws; demand: Float64Array }>();

function sampledDemand(sampler: DemandSampler, draws: Draws, n: number): Float64Array | null {
  if (!sampler.uncertain) return null;
  const hit = sampleCache.get(sampler);
  if (hit && hit.draws === draws) return hit.demand;
  const demand = new Float64Array(draws.paths * n);
  const row = new Float64Array(n);
  for (let k = 0; k < draws.paths; k++) {
    sampler.sample(draws, k, row);
    demand.set(row, k * n);
  }
  sampleCache.set(sampler, { draws, demand });
  return demand;
}

const money = (x: number, minor: number): Decimal | null => (Number.isNaN(x) ? null : toLedgerDecimal(x, "amount", minor));

export function runMonteCarlo(cases: readonly ScenarioCase[], draws: Draws, periods: readonly Period[], options: MonteCarloOptions = {}): MonteCarloResult {
  const pcts = [...(options.percentiles ?? DEFAULT_PERCENTILES)].sort((a, b) => a - b);
  const N = draws.paths;
  const n = periods.length;
  const wantBand = options.band ?? true;
  const scenarios = cases.map((c): ScenarioMonteCarlo => {
    const minor = minorUnits(c.fast.currency);
    const totals = new Float64Array(N);
    const overage = new Float64Array(N);
    const trueUp = new Float64Array(N);
    const exhaustion = new Float64Array(N);
    const demandTotals = new Float64Array(N);
    // Period-major (all paths of period 0, then of period 1, …): the band reads a period's column
    // at a time, which is then one contiguous block instead of a stride through every path.
    const demandByPeriod = wantBand ? new Float64Array(N * n) : null;
    const costByPeriod = wantBand ? new Float64Array(N * n) : null;
    const demand = new Float64Array(n);
    const costs = new Float64Array(n);
    const shared = sampledDemand(c.sampler, draws, n);
    for (let k = 0; k < N; k++) {
      if (shared) {
        // a copy loop, not set(subarray): a view object per path is garbage ten thousand times over
        const from = k * n;
        for (let i = 0; i < n; i++) demand[i] = shared[from + i]!;
      }
      else if (k === 0) c.sampler.sample(draws, 0, demand);
      const r = c.fast.run(demand, costByPeriod ? costs : undefined);
      totals[k] = r.totalCost;
      overage[k] = r.overage;
      trueUp[k] = r.trueUp;
      exhaustion[k] = r.exhaustionPeriod < 0 ? Infinity : r.exhaustionPeriod;
      demandTotals[k] = r.demandCredits;
      if (demandByPeriod && costByPeriod) {
        for (let i = 0; i < n; i++) {
          demandByPeriod[i * N + k] = demand[i]!;
          costByPeriod[i * N + k] = costs[i]!;
        }
      }
    }
    const costKnown = !totals.some(Number.isNaN);
    // An unknown price leaves only demand to rank paths by.
    const order = orderPaths(costKnown ? totals : demandTotals);
    const chosen = pcts.map((p) => order[nearestRank(p, N)]!);
    const exactRuns = new Map<number, LedgerResult>();
    const exactOf = (path: number): LedgerResult => {
      // Without uncertainty every path is the deterministic forecast: one exact run serves all.
      const key = c.sampler.uncertain ? path : 0;
      let r = exactRuns.get(key);
      if (!r) {
        r = c.exact(key);
        exactRuns.set(key, r);
      }
      return r;
    };
    let gap: number | null = null;
    const totalCost = chosen.map((path, j): PercentilePath => {
      const r = exactOf(path).summary;
      if (r.totalCost !== null && costKnown) gap = Math.max(gap ?? 0, Math.abs(r.totalCost.toNumber() - totals[path]!));
      return {
        pct: pcts[j]!,
        path,
        totalCost: r.totalCost,
        overage: r.costByComponent.overage,
        trueUp: r.costByComponent.trueUp,
        demandCredits: r.demandCredits,
        unservedCredits: r.unservedCredits,
        actionsDemanded: r.actionsDemanded,
        exhaustionDate: r.exhaustion?.date ?? null,
      };
    });
    let sum = 0;
    for (const t of totals) sum += t;
    const exhaustedPaths = exhaustion.reduce((s, e) => s + (Number.isFinite(e) ? 1 : 0), 0);
    const exhaustionAt = percentilesOf(exhaustion, pcts);
    let band: BandPoint[] | undefined;
    if (demandByPeriod && costByPeriod) {
      const column = new Float64Array(N);
      const cumulative = new Float64Array(N);
      band = periods.map((p, i) => {
        // Each column is selected in place once it has been read for everything else.
        const from = i * N;
        const d = selectPercentiles(demandByPeriod.subarray(from, from + N), pcts);
        for (let k = 0; k < N; k++) cumulative[k] = cumulative[k]! + costByPeriod[from + k]!;
        const cost = selectPercentiles(costByPeriod.subarray(from, from + N), pcts);
        column.set(cumulative);
        const cum = selectPercentiles(column, pcts);
        return {
          label: p.label,
          start: p.start,
          demandCredits: pcts.map((pct, j) => ({ pct, value: toLedgerDecimal(d[j]!, "credits") })),
          cost: pcts.map((pct, j) => ({ pct, value: money(cost[j]!, minor) })),
          cumulativeCost: pcts.map((pct, j) => ({ pct, value: money(cum[j]!, minor) })),
        };
      });
    }
    const overageAt = percentilesOf(overage, pcts);
    const trueUpAt = percentilesOf(trueUp, pcts);
    return {
      id: c.id,
      name: c.name,
      uncertain: c.sampler.uncertain,
      totalCost,
      meanTotalCost: money(sum / N, minor),
      overage: pcts.map((pct, j) => ({ pct, value: money(overageAt[j]!, minor) })),
      trueUp: pcts.map((pct, j) => ({ pct, value: money(trueUpAt[j]!, minor) })),
      exhaustion: {
        probabilityPct: Math.round((exhaustedPaths / N) * 1000) / 10,
        byPercentile: pcts.map((pct, j) => {
          const e = exhaustionAt[j]!;
          return { pct, value: Number.isFinite(e) ? { periodIndex: e, label: periods[e]!.label } : null };
        }),
      },
      fastVsExactMaxGap: gap === null ? null : Math.round((gap as number) * 100) / 100,
      ...(band ? { band } : {}),
      pathTotals: totals,
    };
  });
  return { paths: N, seed: draws.seed, percentiles: pcts, distribution: "triangular", rule: MONTE_CARLO_RULE, scenarios };
}
