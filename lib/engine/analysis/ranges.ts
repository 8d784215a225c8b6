// Uncertain drivers: one quantile per driver kind and path, the float demand of a path for the
// fast ledger, and the same path's drivers as Decimals for the exact ledger.
//
// Every range of one kind (each month's activation, every unit's actions) is driven by the same
// quantile of the path: forecast errors of one driver move together (a slow roll-out is slow in
// every month), and kinds are independent of each other.
import Decimal from "@/lib/engine/decimal";
import { monthIndexInTerm, monthsOfYear } from "@/lib/engine/calendar";
import type { DriverInputs } from "@/lib/engine/demand/drivers";
import type { ContractTerms } from "@/lib/engine/ledger/types";
import { creditsPerUnitTable, RateCardError, sortVersions, versionAt } from "@/lib/engine/ratecard";
import type { DemandPath, RateCardVersion } from "@/lib/engine/types";
import { dec, driverInputsOf, isOutcomes, isRange, likelyOutcome, outcomeAt, outcomeSteps, pickLikely, type DriverKind, type DriverPick, type ModelTerm, type UncertainValue } from "@/lib/engine/model/map";
import type { DriversDocParsed } from "@/lib/engine/model/schema";
import { seededUniforms, triangularQuantile } from "@/lib/engine/analysis/random";

export const DRIVER_KINDS: readonly DriverKind[] = ["activation", "actions", "growth", "mix", "nonProduction"];
const KIND_INDEX: Record<DriverKind, number> = { activation: 0, actions: 1, growth: 2, mix: 3, nonProduction: 4 };
const K = DRIVER_KINDS.length;

/** Quantiles of every path: `paths × 5` values, path-major, in DRIVER_KINDS order. */
export interface Draws {
  paths: number;
  seed: number;
  quantiles: Float64Array;
  /** one path at every range's likely value (no Monte Carlo asked for) */
  likely?: boolean;
}

export function drawPaths(paths: number, seed: number): Draws {
  return { paths, seed, quantiles: seededUniforms(seed, paths * K) };
}

/** A single path at the likely values: the deterministic forecast. */
export function likelyDraws(): Draws {
  return { paths: 1, seed: 0, quantiles: new Float64Array(K), likely: true };
}

export function quantileOf(draws: Draws, path: number, kind: DriverKind): number {
  return draws.quantiles[path * K + KIND_INDEX[kind]]!;
}

/** Driver values as numbers, parsed once: plain values have low = likely = high; discrete outcomes
 *  keep their steps (low and high are then the smallest and largest outcome). */
interface NumericValues {
  low: Float64Array;
  likely: Float64Array;
  high: Float64Array;
  steps: ({ values: number[]; cumulative: number[] } | null)[];
}

function numeric(values: readonly UncertainValue[]): NumericValues {
  const low = new Float64Array(values.length);
  const likely = new Float64Array(values.length);
  const high = new Float64Array(values.length);
  const steps: NumericValues["steps"] = [];
  values.forEach((v, j) => {
    if (isOutcomes(v)) {
      const st = outcomeSteps(v);
      low[j] = st.values[0]!;
      likely[j] = Number(likelyOutcome(v));
      high[j] = st.values.at(-1)!;
      steps[j] = st;
      return;
    }
    low[j] = Number(isRange(v) ? v.low : v);
    likely[j] = Number(isRange(v) ? v.likely : v);
    high[j] = Number(isRange(v) ? v.high : v);
    steps[j] = null;
  });
  return { low, likely, high, steps };
}

function valueAt(v: NumericValues, j: number, u: number, likely: boolean): number {
  const l = v.likely[j]!;
  if (likely) return l;
  const st = v.steps[j];
  return st ? st.values[outcomeAt(st.cumulative, u)]! : triangularQuantile(v.low[j]!, l, v.high[j]!, u);
}

/** triangularQuantile's per-range constants, computed once per distinct range: a path then costs
 *  one square root per distinct range (200 units often have far fewer distinct ranges). The
 *  expressions are triangularQuantile's, term for term, so the values are its values; equal
 *  (low, likely, high) give equal values, so computing one of them once changes nothing. */
interface Triangles {
  /** per value: its distinct range */
  of: Int32Array;
  low: Float64Array;
  likely: Float64Array;
  high: Float64Array;
  degenerate: Uint8Array;
  span: Float64Array;
  split: Float64Array;
  below: Float64Array;
  above: Float64Array;
  /** per distinct range: its value at the current path's quantile (fillTriangles) */
  value: Float64Array;
  /** per distinct range: discrete outcomes, null for a triangle */
  steps: ({ values: number[]; cumulative: number[] } | null)[];
}

/** A key that tells −0 from 0 (String(−0) is "0"), so that only bit-equal ranges are merged. */
const keyOf = (x: number): string => (Object.is(x, -0) ? "-0" : String(x));

function triangles(v: NumericValues): Triangles {
  const m = v.low.length;
  const of = new Int32Array(m);
  const distinct = new Map<string, number>();
  const first: number[] = [];
  for (let j = 0; j < m; j++) {
    const st = v.steps[j];
    const key = `${keyOf(v.low[j]!)} ${keyOf(v.likely[j]!)} ${keyOf(v.high[j]!)}${st ? ` ${st.values.map(keyOf).join(",")}:${st.cumulative.map(keyOf).join(",")}` : ""}`;
    let d = distinct.get(key);
    if (d === undefined) {
      d = first.length;
      distinct.set(key, d);
      first.push(j);
    }
    of[j] = d;
  }
  const c = first.length;
  const t: Triangles = {
    of,
    low: new Float64Array(c),
    likely: new Float64Array(c),
    high: new Float64Array(c),
    degenerate: new Uint8Array(c),
    span: new Float64Array(c),
    split: new Float64Array(c),
    below: new Float64Array(c),
    above: new Float64Array(c),
    value: new Float64Array(c),
    steps: first.map((j) => v.steps[j] ?? null),
  };
  first.forEach((j, d) => {
    const low = v.low[j]!;
    const likely = v.likely[j]!;
    const high = v.high[j]!;
    t.low[d] = low;
    t.likely[d] = likely;
    t.high[d] = high;
    t.degenerate[d] = low === high ? 1 : 0;
    const span = high - low;
    t.span[d] = span;
    t.split[d] = (likely - low) / span;
    t.below[d] = likely - low;
    t.above[d] = high - likely;
  });
  return t;
}

/** Fills t.value with every distinct range's value at quantile u (triangularQuantile's). */
function fillTriangles(t: Triangles, u: number, likely: boolean): void {
  const value = t.value;
  for (let d = 0; d < value.length; d++) {
    const l = t.likely[d]!;
    if (likely || t.degenerate[d] === 1) {
      value[d] = l;
      continue;
    }
    const st = t.steps[d];
    if (st) {
      value[d] = st.values[outcomeAt(st.cumulative, u)]!;
      continue;
    }
    const low = t.low[d]!;
    const high = t.high[d]!;
    const span = t.span[d]!;
    const x = u < t.split[d]! ? low + Math.sqrt(u * span * t.below[d]!) : high - Math.sqrt((1 - u) * span * t.above[d]!);
    value[d] = Math.min(high, Math.max(low, x));
  }
}

/**
 * The driver values of one path as Decimals, for the exact ledger. THE HAND-OVER RULE: a sampled
 * value is the float quantile rounded to 15 significant digits (the same rule as observed burn's
 * projection, lib/engine/demand/burn.ts); a degenerate range (low = likely = high) and a plain value
 * are taken as written, so that such a path is the deterministic forecast digit for digit.
 */
export function pickForPath(draws: Draws, path: number): DriverPick {
  if (draws.likely) return pickLikely;
  return (v, kind) => {
    if (isOutcomes(v)) {
      // an outcome is taken as written: discrete outcomes are exact values, not samples
      const st = outcomeSteps(v);
      return dec(st.written[outcomeAt(st.cumulative, quantileOf(draws, path, kind))]!);
    }
    if (!isRange(v)) return dec(v);
    const low = dec(v.low);
    if (low.eq(dec(v.high))) return dec(v.likely);
    const x = triangularQuantile(Number(v.low), Number(v.likely), Number(v.high), quantileOf(draws, path, kind));
    return new Decimal(x.toPrecision(15));
  };
}

/** True when some range of the drivers has low < high, i.e. paths differ. */
export function hasUncertainty(drivers: DriversDocParsed): boolean {
  const values: UncertainValue[] = [
    ...(drivers.activationPctByMonth ?? []),
    ...drivers.units.map((u) => u.actionsPerActiveAgentPerDay ?? u.actionsPerMonth ?? 0),
    ...Object.values(drivers.unitMultipliers ?? {}),
  ];
  if (drivers.monthlyGrowthPct !== undefined) values.push(drivers.monthlyGrowthPct);
  if (drivers.nonProductionPct !== undefined) values.push(drivers.nonProductionPct);
  return values.some((v) => (isRange(v) && !dec(v.low).eq(dec(v.high))) || (isOutcomes(v) && new Set(v.outcomes.map((o) => dec(o.value).toString())).size > 1));
}

/** Exact driver inputs of one path. */
export function driverInputsForPath(drivers: DriversDocParsed, termStart: string, draws: Draws, path: number): DriverInputs {
  return driverInputsOf(drivers, termStart, pickForPath(draws, path));
}

/** Fills `out` (one value per period) with the credits a path demands, and `actions` (when given)
 *  with the actions behind them. */
export interface DemandSampler {
  periods: number;
  /** false when every path demands the same */
  uncertain: boolean;
  sample(draws: Draws, path: number, out: Float64Array, actions?: Float64Array): void;
}

/** A demand that does not depend on the path (observed burn, or drivers without ranges). */
export function constantSampler(demand: DemandPath, rateCard: readonly RateCardVersion[], terms: ContractTerms): DemandSampler {
  const versions = sortVersions(rateCard);
  const credits = new Float64Array(demand.periods.length);
  const actions = new Float64Array(demand.periods.length);
  demand.periods.forEach((dp, i) => {
    const version = versionAt(versions, dp.period.start);
    const table = version ? creditsPerUnitTable(version, terms.creditsPerUnit, terms.environmentMultipliers) : new Map();
    let sum = dp.directCredits.toNumber();
    let count = 0;
    for (const [id, a] of Object.entries(dp.actions)) {
      const cpu = table.get(id);
      if (cpu) sum += a.production.toNumber() * cpu.production.toNumber() + a.nonProduction.toNumber() * cpu.nonProduction.toNumber();
      count += a.production.toNumber() + a.nonProduction.toNumber();
    }
    credits[i] = sum;
    actions[i] = count;
  });
  return {
    periods: credits.length,
    uncertain: false,
    sample: (_d, _p, out, actionsOut) => {
      out.set(credits);
      actionsOut?.set(actions);
    },
  };
}

/** Fills `g.rates` (each unit's rate of actions on this path: volume × mix × week scale) and returns
 *  their sum, added in unit order. */
function rateSumOf(g: { volumeOf: Int32Array; multiplierOf: Int32Array; week: Float64Array; rates: Float64Array }, volume: Float64Array, multiplier: Float64Array): number {
  const { volumeOf, multiplierOf, week, rates } = g;
  let sum = 0;
  for (let a = 0; a < rates.length; a++) {
    const r = volume[volumeOf[a]!]! * multiplier[multiplierOf[a]!]! * week[a]!;
    rates[a] = r;
    sum += r;
  }
  return sum;
}

/** Σ rate × credits per unit, production and non-production, in unit order, into out[at], out[at + 1]. */
function sumsOf(rates: Float64Array, cpu: { prod: Float64Array; non: Float64Array }, out: Float64Array, at: number): void {
  const { prod, non } = cpu;
  let p = 0;
  let q = 0;
  for (let a = 0; a < rates.length; a++) {
    const r = rates[a]!;
    p += r * prod[a]!;
    q += r * non[a]!;
  }
  out[at] = p;
  out[at + 1] = q;
}

/**
 * The float twin of demandFromDrivers followed by the ledger's Σ actions × credits per unit, per
 * path. Credits per period are linear in each unit's rate, so per path and rate card version four
 * sums over units (per active agent or per month, production or not) are enough; a period then
 * costs a handful of multiplications whatever the number of units.
 *
 * Work that gives the same float whatever the path is done once here, and nothing is reordered:
 * every sum still adds its units in unit order (the per-agent and per-month lists keep that order),
 * rate card versions with the same credits per unit share their sums, and equal ranges their value.
 */
export function compileDemandSampler(
  drivers: DriversDocParsed,
  term: ModelTerm,
  termStart: string,
  rateCard: readonly RateCardVersion[],
  terms: ContractTerms,
): DemandSampler {
  const versions = sortVersions(rateCard);
  const periods = term.periods;
  const n = periods.length;
  const weekly = term.granularity === "week";
  const tableIds: string[] = [];
  const tableOfVersion: number[] = [];
  const tableOf = new Int32Array(n);
  // Each period is one month or week, or the twelve months of a year: its sub-periods sub[i] to
  // sub[i + 1] − 1, each with its term month and working days.
  const subStart = new Int32Array(n + 1);
  const subMonths: number[] = [];
  const subDays: number[] = [];
  const cpus: { prod: Float64Array; non: Float64Array }[] = [];
  const units = drivers.units;
  const sameValues = (a: Float64Array, b: Float64Array) => a.every((x, j) => Object.is(x, b[j]));
  periods.forEach((p, i) => {
    const version = versionAt(versions, p.start);
    if (!version) throw new RateCardError(`no rate card version is in effect on ${p.start}`);
    let v = tableIds.indexOf(version.id);
    if (v < 0) {
      v = tableIds.length;
      tableIds.push(version.id);
      const table = creditsPerUnitTable(version, terms.creditsPerUnit, terms.environmentMultipliers);
      const prod = new Float64Array(units.length);
      const non = new Float64Array(units.length);
      units.forEach((u, j) => {
        const cpu = table.get(u.unit);
        if (!cpu) throw new RateCardError(`unit "${u.unit}" is not on rate card version "${version.id}"`);
        prod[j] = cpu.production.toNumber();
        non[j] = cpu.nonProduction.toNumber();
      });
      // A later version that meters every unit alike (only its price changed) has the same sums.
      let t = cpus.findIndex((c) => sameValues(c.prod, prod) && sameValues(c.non, non));
      if (t < 0) {
        t = cpus.length;
        cpus.push({ prod, non });
      }
      tableOfVersion.push(t);
    }
    tableOf[i] = tableOfVersion[v]!;
    subStart[i] = subMonths.length;
    if (term.granularity === "year") {
      for (const m of monthsOfYear(p)) {
        subMonths.push(monthIndexInTerm(termStart, m.period.start));
        subDays.push(m.workingDays.num / m.workingDays.den);
      }
    } else {
      subMonths.push(monthIndexInTerm(termStart, p.start));
      subDays.push(p.workingDays);
    }
  });
  subStart[n] = subMonths.length;
  const month = Int32Array.from(subMonths);
  const workingDays = Float64Array.from(subDays);
  const agentUnits = Int32Array.from(units.flatMap((u, j) => (u.actionsPerActiveAgentPerDay !== undefined ? [j] : [])));
  const monthUnits = Int32Array.from(units.flatMap((u, j) => (u.actionsPerActiveAgentPerDay !== undefined ? [] : [j])));
  const volumes = numeric(units.map((u) => u.actionsPerActiveAgentPerDay ?? u.actionsPerMonth ?? 0));
  const multipliers = numeric(units.map((u) => drivers.unitMultipliers?.[u.unit] ?? 1));
  const volumeT = triangles(volumes);
  const multiplierT = triangles(multipliers);
  const weekScale = Float64Array.from(units, (u) => (u.actionsPerActiveAgentPerDay === undefined && weekly ? 12 / 52 : 1));
  const activation = drivers.activationPctByMonth ? numeric(drivers.activationPctByMonth) : null;
  const growth = drivers.monthlyGrowthPct === undefined ? null : numeric([drivers.monthlyGrowthPct]);
  const nonProduction = drivers.nonProductionPct === undefined ? null : numeric([drivers.nonProductionPct]);
  const seats = drivers.licensedSeats === undefined ? 0 : Number(drivers.licensedSeats);
  const ramp = drivers.ramp?.belowSteadyStatePctByMonth
    ? drivers.ramp.belowSteadyStatePctByMonth.map((v) => Number(v) / 100)
    : Array.from({ length: drivers.ramp?.months ?? 0 }, () => Number(drivers.ramp?.belowSteadyStatePct ?? 0) / 100);
  const tables = cpus.length;
  const sums = new Float64Array(tables * 4);
  /** Σ rates of the units driven per active agent, and per month: actions do not depend on the card */
  const rateSums = new Float64Array(2);
  // The per-agent and per-month units each laid out in their own arrays, in unit order, so that the
  // loops below read memory in sequence: the same products added in the same order as over `units`.
  const floats = (from: Float64Array, idx: Int32Array) => Float64Array.from(idx, (j) => from[j]!);
  const ints = (from: Int32Array, idx: Int32Array) => Int32Array.from(idx, (j) => from[j]!);
  const laidOut = (idx: Int32Array) => ({ volumeOf: ints(volumeT.of, idx), multiplierOf: ints(multiplierT.of, idx), week: floats(weekScale, idx), rates: new Float64Array(idx.length) });
  const byAgent = laidOut(agentUnits);
  const byMonth = laidOut(monthUnits);
  const cpuAgent = cpus.map((c) => ({ prod: floats(c.prod, agentUnits), non: floats(c.non, agentUnits) }));
  const cpuMonth = cpus.map((c) => ({ prod: floats(c.prod, monthUnits), non: floats(c.non, monthUnits) }));
  const months = month.length === 0 ? 0 : Math.max(...month) + 1;
  // 1 − the ramp's shortfall, per month: the same for every path
  const steady = Float64Array.from({ length: months }, (_, m) => 1 - (ramp[m] ?? 0));
  const actByMonth = new Float64Array(months);
  const volByMonth = new Float64Array(months);
  return {
    periods: n,
    uncertain: hasUncertainty(drivers),
    sample(draws, path, out, actionsOut) {
      const L = draws.likely === true;
      fillTriangles(volumeT, quantileOf(draws, path, "actions"), L);
      fillTriangles(multiplierT, quantileOf(draws, path, "mix"), L);
      const volume = volumeT.value;
      const multiplier = multiplierT.value;
      const ra = rateSumOf(byAgent, volume, multiplier);
      const rm = rateSumOf(byMonth, volume, multiplier);
      rateSums[0] = ra;
      rateSums[1] = rm;
      for (let t = 0; t < tables; t++) {
        sumsOf(byAgent.rates, cpuAgent[t]!, sums, t * 4);
        sumsOf(byMonth.rates, cpuMonth[t]!, sums, t * 4 + 2);
      }
      const g = growth === null ? 0 : valueAt(growth, 0, quantileOf(draws, path, "growth"), L) / 100;
      const s = nonProduction === null ? 0 : valueAt(nonProduction, 0, quantileOf(draws, path, "nonProduction"), L) / 100;
      const grossUp = s / (1 - s);
      const uAct = quantileOf(draws, path, "activation");
      let last = Number.MIN_SAFE_INTEGER;
      let act = 1;
      for (let m = 0; m < months; m++) {
        volByMonth[m] = steady[m]! * (g === 0 ? 1 : Math.pow(1 + g, m));
        if (activation !== null) {
          // months past the list repeat its last value: computed once
          const a = Math.min(m, activation.low.length - 1);
          if (a !== last) {
            act = valueAt(activation, a, uAct, L) / 100;
            last = a;
          }
        }
        actByMonth[m] = act;
      }
      for (let i = 0; i < n; i++) {
        const t = tableOf[i]! * 4;
        // (0 + x is x: a one-month period gives the figure it always did)
        let credits = 0;
        let acts = 0;
        for (let k = subStart[i]!; k < subStart[i + 1]!; k++) {
          const m = month[k]!;
          const vol = volByMonth[m]!;
          const agentDays = seats * actByMonth[m]! * workingDays[k]! * vol;
          credits += sums[t]! * agentDays + sums[t + 2]! * vol + grossUp * (sums[t + 1]! * agentDays + sums[t + 3]! * vol);
          if (actionsOut) acts += (rateSums[0]! * agentDays + rateSums[1]! * vol) * (1 + grossUp);
        }
        out[i] = credits;
        if (actionsOut) actionsOut[i] = acts;
      }
    },
  };
}
