// Monte Carlo over uncertain drivers: P10 / P50 / P90 (or any percentiles) of total cost, overage,
// true-up and the exhaustion period per scenario, and a per-period band for charts.
//
// How figures are produced (THE ROUNDING RULE of the analysis):
//  - every path is sampled and costed in floats (ranges.ts, fastledger.ts);
//  - paths are ranked by cost to serve (what the terms bill plus what the demand they leave unserved
//    costs, so that pausing agents never ranks as cheap); each percentile names one path (nearest
//    rank, quantiles.ts); that path's drivers are handed to the exact ledger (ranges.ts
//    pickForPath) and the reported total, cost to serve, unserved demand, overage, true-up and
//    exhaustion date of the path are the exact ledger's, to the cent;
//  - the float ledger's error is measured on those re-run paths (|float − exact| cost to serve)
//    and reported with its tolerance; a gap above it is a warning in the result;
//  - percentiles of overage, true-up, the mean, and the per-period band are float statistics over
//    all paths, rounded once at the end: money half-up to the currency's minor unit, credits
//    half-up to whole credits (toLedgerDecimal, the engine's one float → Decimal rule).
import type Decimal from "@/lib/engine/decimal";
import { toLedgerDecimal } from "@/lib/engine/demand/burn";
import type { LedgerResult } from "@/lib/engine/ledger/types";
import { minorUnits } from "@/lib/engine/money";
import type { Period } from "@/lib/engine/types";
import type { FastLedger } from "@/lib/engine/analysis/fastledger";
import { orderPaths, nearestRank, selectPercentiles } from "@/lib/engine/analysis/quantiles";
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
  /**
   * Cases with the same key re-run a path on the same exact demand: runMonteCarlo makes its
   * re-runs grouped by key, then path, so that a caller caching that demand need keep only one.
   */
  exactKey?: string;
}

export interface MonteCarloOptions {
  percentiles?: readonly number[];
  /** per-period band; default true */
  band?: boolean;
  /** index of the case whose cost-to-serve ranking picks the percentile paths of every case: their
   *  figures in one percentile are then on the same demand path */
  pairedBy?: number;
}

export interface PercentilePath {
  pct: number;
  /** path number (0-based) whose cost to serve sits at this percentile */
  path: number;
  /** exact ledger figures of that path: what the terms bill… */
  totalCost: Decimal | null;
  /** …what the demand they leave unserved costs, and the sum of both */
  unservedCredits: Decimal;
  unservedActions: Decimal;
  unservedCost: Decimal | null;
  costToServe: Decimal | null;
  /** why the unserved credits were not served: held at a ceiling, above an overage cap awaiting
   *  pre-approval, paused when the balance ran out */
  unservedByReason: { ceiling: Decimal; exhausted: Decimal; overageCap: Decimal };
  overage: Decimal | null;
  trueUp: Decimal | null;
  demandCredits: Decimal;
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
  /** the paths at the percentiles of cost to serve, with their exact figures */
  totalCost: PercentilePath[];
  /** float means over paths, rounded once */
  meanTotalCost: Decimal | null;
  meanCostToServe: Decimal | null;
  overage: Pctl<Decimal | null>[];
  trueUp: Pctl<Decimal | null>[];
  exhaustion: {
    /** share of paths on which the balance runs out within the term, 0–100, one decimal */
    probabilityPct: number;
    /** period of exhaustion at each percentile of time; null = not within the term */
    byPercentile: Pctl<{ periodIndex: number; label: string } | null>[];
  };
  /** largest |float − exact| cost to serve over the re-run paths: the float ledger's error on this
   *  case, against its stated tolerance (floatTolerance) */
  fastVsExact: { maxGap: number | null; tolerance: number; withinTolerance: boolean };
  /** what a reader of these figures must know (a float gap above tolerance) */
  warnings: string[];
  band?: BandPoint[];
  /** per-path float totals, for asks and commitment sizing; not serialised */
  pathTotals: Float64Array;
  /** paths in ranking order (cost to serve, then demand, then path number); not serialised */
  pathOrder: Uint32Array;
}

export interface MonteCarloResult {
  paths: number;
  seed: number;
  percentiles: number[];
  /** the scenario whose ranking picks every scenario's percentile paths, when they are paired */
  pairedBy: string | null;
  distribution: "triangular";
  rule: string;
  scenarios: ScenarioMonteCarlo[];
}

export const MONTE_CARLO_RULE =
  "Each path draws one quantile per driver kind (activation, actions, growth, mix, non-production) and maps every range of that kind through a triangular distribution (low, likely, high). " +
  "Paths are costed with a float ledger and ranked by cost to serve (billed cost + the cost of demand left unserved); a percentile is the path at nearest rank ⌈p·N⌉ (ties by path number), re-run in the exact ledger, whose figures are reported, and the float ledger's gap on it is measured against its tolerance. " +
  "Overage, true-up, mean and band percentiles are float statistics rounded once (money half-up to the minor unit, credits to whole credits).";

/** One sampler's paths in a runMonteCarlo call. */
interface SampledDemand {
  /** every path's demand, path-major (path k's periods at k·n…); null when every path is alike */
  demand: Float64Array | null;
  /** every path's actions, as demand */
  actions: Float64Array | null;
  /** its demand band, `n × percentiles` values, period-major, once computed */
  band: Float64Array | null;
}

function sampleAll(sampler: DemandSampler, draws: Draws, n: number, take: (length: number) => Float64Array): SampledDemand {
  if (!sampler.uncertain) return { demand: null, actions: null, band: null };
  const demand = take(draws.paths * n);
  const actions = take(draws.paths * n);
  const row = new Float64Array(n);
  const acts = new Float64Array(n);
  for (let k = 0; k < draws.paths; k++) {
    sampler.sample(draws, k, row, acts);
    demand.set(row, k * n);
    actions.set(acts, k * n);
  }
  return { demand, actions, band: null };
}

/** The float ledger's tolerance on a total over `periods` periods: a cent per period and money
 *  component (fixed, packs, automatic packs, overage, true-up, unserved), plus a relative 1e-9. */
export function floatTolerance(periods: number, value: number): number {
  return 0.01 * 6 * periods + 1e-9 * Math.abs(value);
}

/**
 * Per-period values of all paths, period-major (N × n, the largest buffer of a run), and two
 * columns: one set per runMonteCarlo call, reused by its scenarios one after the other.
 */
interface Scratch {
  byPeriod: Float64Array;
  column: Float64Array;
  cumulative: Float64Array;
}

/** Path-major N × n values into period-major order. */
function transpose(byPath: Float64Array, byPeriod: Float64Array, N: number, n: number): void {
  for (let k = 0; k < N; k++) {
    const from = k * n;
    for (let i = 0; i < n; i++) byPeriod[i * N + k] = byPath[from + i]!;
  }
}

/**
 * The demand band of a sampler's paths: per period, the percentiles of every path's demand (as
 * selectPercentiles of that period's column), `n × pcts` values.
 */
function demandBand(sampler: DemandSampler, sampled: SampledDemand, draws: Draws, pcts: readonly number[], n: number, scratch: Scratch): Float64Array {
  if (sampled.band) return sampled.band;
  const N = draws.paths;
  const P = pcts.length;
  const band = new Float64Array(n * P);
  const { byPeriod } = scratch;
  const paths = sampled.demand;
  // period-major order, then each period's column is selected in place
  if (paths) transpose(paths, byPeriod, N, n);
  else {
    const row = new Float64Array(n);
    sampler.sample(draws, 0, row);
    for (let i = 0; i < n; i++) byPeriod.fill(row[i]!, i * N, (i + 1) * N);
  }
  for (let i = 0; i < n; i++) {
    const d = selectPercentiles(byPeriod.subarray(i * N, (i + 1) * N), pcts);
    for (let j = 0; j < P; j++) band[i * P + j] = d[j]!;
  }
  sampled.band = band;
  return band;
}

const money = (x: number, minor: number): Decimal | null => (Number.isNaN(x) ? null : toLedgerDecimal(x, "amount", minor));

/** What the float paths of one scenario leave for its result: all but the exact re-runs. */
interface FloatScenario {
  /** cost to serve per path */
  totals: Float64Array;
  costKnown: boolean;
  /** path at each percentile of cost to serve */
  chosen: number[];
  order: Uint32Array;
  /** Σ cost to serve and Σ billed, in path order */
  sum: number;
  billedSum: number;
  exhaustedPaths: number;
  overageAt: number[];
  trueUpAt: number[];
  exhaustionAt: number[];
  band: BandPoint[] | undefined;
}

/** Per-path figures of the case being run (reused from case to case), and one path's rows. */
interface PathFigures {
  billed: Float64Array;
  overage: Float64Array;
  trueUp: Float64Array;
  /** period of exhaustion, Infinity when none */
  exhaustion: Float64Array;
  demandTotals: Float64Array;
  demand: Float64Array;
  actions: Float64Array;
  costs: Float64Array;
}

/**
 * Costs every path of a case with the float ledger: totals, the per-path figures, and each
 * period's cost into costByPeriod when given (period-major: all paths of period 0, then of period
 * 1, …, so that the band reads a period's column as one contiguous block). A function of its own so
 * that the JIT compiles this loop alone, not the code after it.
 */
function costPaths(c: ScenarioCase, draws: Draws, shared: SampledDemand, totals: Float64Array, f: PathFigures, costByPeriod: Float64Array | null): void {
  const N = draws.paths;
  const { demand, actions, costs } = f;
  const n = demand.length;
  const sharedDemand = shared.demand;
  const sharedActions = shared.actions;
  for (let k = 0; k < N; k++) {
    if (sharedDemand && sharedActions) {
      // a copy loop, not set(subarray): a view object per path is garbage ten thousand times over
      const from = k * n;
      for (let i = 0; i < n; i++) {
        demand[i] = sharedDemand[from + i]!;
        actions[i] = sharedActions[from + i]!;
      }
    }
    else if (k === 0) c.sampler.sample(draws, 0, demand, actions);
    const r = c.fast.run(demand, costByPeriod ? costs : undefined, actions);
    totals[k] = r.costToServe;
    f.billed[k] = r.totalCost;
    f.overage[k] = r.overage;
    f.trueUp[k] = r.trueUp;
    f.exhaustion[k] = r.exhaustionPeriod < 0 ? Infinity : r.exhaustionPeriod;
    f.demandTotals[k] = r.demandCredits;
    if (costByPeriod) {
      for (let i = 0; i < n; i++) costByPeriod[i * N + k] = costs[i]!;
    }
  }
}

/** sum[k] += column[from + k] for every path k (its own function, so that the JIT compiles the loop alone). */
function accumulate(sum: Float64Array, values: Float64Array, from: number): void {
  for (let k = 0; k < sum.length; k++) sum[k] = sum[k]! + values[from + k]!;
}

/** The band: per period, percentiles of demand (demandAt), of cost and of cumulative cost. */
function bandOf(periods: readonly Period[], pcts: readonly number[], N: number, costByPeriod: Float64Array, demandAt: Float64Array, scratch: Scratch, minor: number): BandPoint[] {
  const P = pcts.length;
  const { column, cumulative } = scratch;
  cumulative.fill(0);
  return periods.map((p, i) => {
    // Each column is selected in place once it has been read for everything else.
    const from = i * N;
    accumulate(cumulative, costByPeriod, from);
    const cost = selectPercentiles(costByPeriod.subarray(from, from + N), pcts);
    column.set(cumulative);
    const cum = selectPercentiles(column, pcts);
    return {
      label: p.label,
      start: p.start,
      demandCredits: pcts.map((pct, j) => ({ pct, value: toLedgerDecimal(demandAt[i * P + j]!, "credits") })),
      cost: pcts.map((pct, j) => ({ pct, value: money(cost[j]!, minor) })),
      cumulativeCost: pcts.map((pct, j) => ({ pct, value: money(cum[j]!, minor) })),
    };
  });
}

/**
 * The ArrayBuffer that a Monte Carlo call carves its scratch from (the sampled paths, the
 * period-major costs, the per-path figures: about 16 MB for 10,000 paths of 36 periods), held
 * through a WeakRef so that the next call reuses it unless the garbage collector has taken it.
 * With a new set of typed arrays each call, the old ones waited for a full collection: three or
 * four calls' worth (50–65 MB) were alive at once, which was most of the Monte Carlo's peak memory.
 * Nothing carved from it outlives the call (the path totals and order that the result keeps are
 * allocated on their own), and every view is written before it is read.
 */
let arenaRef: WeakRef<ArrayBuffer> | null = null;

function scratchArena(bytes: number): (length: number) => Float64Array {
  let buffer = arenaRef?.deref();
  if (!buffer || buffer.byteLength < bytes) {
    buffer = new ArrayBuffer(bytes);
    arenaRef = new WeakRef(buffer);
  }
  const held = buffer;
  let offset = 0;
  return (length) => {
    const view = new Float64Array(held, offset, length);
    offset += length * Float64Array.BYTES_PER_ELEMENT;
    return view;
  };
}

/**
 * Samples every path of every case, costs it with the float ledger, and reduces the per-path
 * figures to what the result reports. Cases with the same sampler (scenarios that differ only in
 * clauses, document.ts) share its paths and demand band. Every buffer here is dropped on return,
 * before the exact re-runs: only the path totals are kept (pathTotals).
 */
function runAllPaths(cases: readonly ScenarioCase[], draws: Draws, periods: readonly Period[], pcts: readonly number[], wantBand: boolean): FloatScenario[] {
  const N = draws.paths;
  const n = periods.length;
  const samples = new Map<DemandSampler, SampledDemand>();
  const band = wantBand && cases.length > 0;
  const samplers = new Set(cases.filter((c) => c.sampler.uncertain).map((c) => c.sampler)).size;
  const take = scratchArena(8 * (samplers * 2 * N * n + (band ? N * n + 2 * N : 0) + 5 * N + 3 * n));
  const scratch: Scratch | null = band ? { byPeriod: take(N * n), column: take(N), cumulative: take(N) } : null;
  const f: PathFigures = {
    billed: take(N),
    overage: take(N),
    trueUp: take(N),
    exhaustion: take(N),
    demandTotals: take(N),
    demand: take(n),
    actions: take(n),
    costs: take(n),
  };
  return cases.map((c): FloatScenario => {
    const totals = new Float64Array(N);
    let sampled = samples.get(c.sampler);
    if (!sampled) {
      sampled = sampleAll(c.sampler, draws, n, take);
      samples.set(c.sampler, sampled);
    }
    // The demand band first: it uses the scratch buffer that the path loop then fills with costs.
    const demandAt = scratch ? demandBand(c.sampler, sampled, draws, pcts, n, scratch) : null;
    costPaths(c, draws, sampled, totals, f, scratch ? scratch.byPeriod : null);
    const costKnown = !totals.some(Number.isNaN);
    // An unknown price leaves only demand to rank paths by.
    const order = orderPaths(costKnown ? totals : f.demandTotals, f.demandTotals);
    let sum = 0;
    let billedSum = 0;
    for (let k = 0; k < N; k++) {
      sum += totals[k]!;
      billedSum += f.billed[k]!;
    }
    let exhaustedPaths = 0;
    for (let k = 0; k < N; k++) if (Number.isFinite(f.exhaustion[k]!)) exhaustedPaths++;
    return {
      totals,
      costKnown,
      chosen: pcts.map((p) => order[nearestRank(p, N)]!),
      order,
      sum,
      billedSum,
      exhaustedPaths,
      band: scratch && demandAt ? bandOf(periods, pcts, N, scratch.byPeriod, demandAt, scratch, minorUnits(c.fast.currency)) : undefined,
      // selected in place: these buffers are refilled by the next case
      overageAt: selectPercentiles(f.overage, pcts),
      trueUpAt: selectPercentiles(f.trueUp, pcts),
      exhaustionAt: selectPercentiles(f.exhaustion, pcts),
    };
  });
}

export function runMonteCarlo(cases: readonly ScenarioCase[], draws: Draws, periods: readonly Period[], options: MonteCarloOptions = {}): MonteCarloResult {
  const pcts = [...(options.percentiles ?? DEFAULT_PERCENTILES)].sort((a, b) => a - b);
  const N = draws.paths;
  // Every scenario's float paths first, then the exact re-runs of all of them.
  const floats = runAllPaths(cases, draws, periods, pcts, options.band ?? true);
  if (options.pairedBy !== undefined) {
    const lead = floats[options.pairedBy];
    if (!lead) throw new RangeError(`pairedBy ${options.pairedBy} names no case`);
    for (const f of floats) f.chosen = lead.chosen;
  }

  // The exact re-runs, grouped by exactKey and path: cases that share a key share the exact demand
  // of a path, which the caller then builds once and need not keep (document.ts keeps one). Only
  // the summary of a re-run is kept. Without uncertainty every path is the deterministic forecast:
  // one exact run serves all.
  const keyOf = (c: ScenarioCase, path: number) => (c.sampler.uncertain ? path : 0);
  const summaries = cases.map(() => new Map<number, LedgerResult["summary"]>());
  const reruns = cases.flatMap((c, ci) => [...new Set(floats[ci]!.chosen.map((path) => keyOf(c, path)))].map((path) => ({ ci, path, group: c.exactKey ?? "" })));
  reruns.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.path - b.path || a.ci - b.ci));
  for (const { ci, path } of reruns) summaries[ci]!.set(path, cases[ci]!.exact(path).summary);

  const scenarios = cases.map((c, ci): ScenarioMonteCarlo => {
    const { totals, order, costKnown, chosen, sum, billedSum, exhaustedPaths, overageAt, trueUpAt, exhaustionAt, band } = floats[ci]!;
    const minor = minorUnits(c.fast.currency);
    let gap: number | null = null;
    let tolerance = floatTolerance(periods.length, 0);
    const totalCost = chosen.map((path, j): PercentilePath => {
      const r = summaries[ci]!.get(keyOf(c, path))!;
      if (r.costToServe !== null && costKnown) {
        const exactValue = r.costToServe.toNumber();
        gap = Math.max(gap ?? 0, Math.abs(exactValue - totals[path]!));
        tolerance = Math.max(tolerance, floatTolerance(periods.length, exactValue));
      }
      return {
        pct: pcts[j]!,
        path,
        totalCost: r.totalCost,
        unservedCredits: r.unservedCredits,
        unservedActions: r.unservedActions,
        unservedCost: r.unservedCost,
        costToServe: r.costToServe,
        unservedByReason: r.unservedByReason,
        overage: r.costByComponent.overage,
        trueUp: r.costByComponent.trueUp,
        demandCredits: r.demandCredits,
        actionsDemanded: r.actionsDemanded,
        exhaustionDate: r.exhaustion?.date ?? null,
      };
    });
    const maxGap = gap === null ? null : Math.round((gap as number) * 100) / 100;
    const within = gap === null || (gap as number) <= tolerance;
    const warnings = within
      ? []
      : [
          `The float ledger that ranks the ${N} paths of "${c.name}" differs from the exact ledger by ${maxGap} on a re-run percentile path, above its tolerance of ${Math.round(tolerance * 100) / 100}: the paths chosen as percentiles may not be the exact ones.`,
        ];
    return {
      id: c.id,
      name: c.name,
      uncertain: c.sampler.uncertain,
      totalCost,
      meanTotalCost: money(billedSum / N, minor),
      meanCostToServe: money(sum / N, minor),
      overage: pcts.map((pct, j) => ({ pct, value: money(overageAt[j]!, minor) })),
      trueUp: pcts.map((pct, j) => ({ pct, value: money(trueUpAt[j]!, minor) })),
      exhaustion: {
        probabilityPct: Math.round((exhaustedPaths / N) * 1000) / 10,
        byPercentile: pcts.map((pct, j) => {
          const e = exhaustionAt[j]!;
          return { pct, value: Number.isFinite(e) ? { periodIndex: e, label: periods[e]!.label } : null };
        }),
      },
      fastVsExact: { maxGap, tolerance: Math.round(tolerance * 100) / 100, withinTolerance: within },
      warnings,
      ...(band ? { band } : {}),
      pathTotals: totals,
      pathOrder: order,
    };
  });
  const pairedBy = options.pairedBy === undefined ? null : (cases[options.pairedBy]?.id ?? null);
  return { paths: N, seed: draws.seed, percentiles: pcts, pairedBy, distribution: "triangular", rule: MONTE_CARLO_RULE, scenarios };
}
