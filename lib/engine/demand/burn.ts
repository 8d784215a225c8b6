// Demand from observed burn: fit a flat level, a linear trend and accelerating trends to a series of
// per-period credits or spend, choose one by an information criterion, project it forward with a
// prediction interval, and find the runway of a balance.
//
// The fit runs in floats (it is statistics, not accounting). Anything handed to the ledger goes
// through `toLedgerDecimal`, the single float → Decimal rule.
import { EngineInputError } from "@/lib/engine/errors";
import Decimal from "@/lib/engine/decimal";
import { addDays, addMonths, buildPeriods, daysBetween, toDayNumber } from "@/lib/engine/calendar";
import { leastSquares, quadForm, invert, gram, studentTQuantile, type Matrix } from "@/lib/engine/demand/stats";
import type { DemandPath, DemandPeriod, Granularity, IsoDate, Period } from "@/lib/engine/types";

export type BurnModelKind = "flat" | "linear" | "exponential" | "quadratic";
export type BurnQuantity = "credits" | "amount";

export interface BurnSeries {
  granularity: Granularity;
  /** first day of the first observed period; the periods are contiguous */
  start: IsoDate;
  /** burn of each observed period, in `quantity` units */
  values: readonly Decimal[];
  quantity: BurnQuantity;
}

export interface BurnCandidate {
  model: BurnModelKind;
  /** coefficients in period number t = 1, 2, …: flat [a]; linear [a, b] for a + b·t;
   *  quadratic [a, b, c] for a + b·t + c·t²; exponential [a, b] for a·e^(b·t) */
  coefficients: number[];
  parameters: number;
  rss: number;
  /** information criterion value (lower is better) */
  score: number;
  /** score minus the best score */
  delta: number;
}

export interface BurnFit {
  series: BurnSeries;
  periods: Period[];
  n: number;
  criterion: "AICc" | "AIC";
  candidates: BurnCandidate[];
  chosen: BurnCandidate;
  trend: "flat" | "rising" | "falling" | "accelerating" | "decelerating";
  /** one sentence a person can read: which model, why, and what it says */
  explanation: string;
  /** two-sided prediction interval level, e.g. 0.8 for a 10th–90th percentile band */
  level: number;
  /** residual standard error; 0 when there are no residual degrees of freedom */
  sigma: number;
  /** (JᵀJ)⁻¹ of the chosen model at the estimate, for prediction intervals */
  covarianceUnscaled: Matrix;
  tQuantile: number;
}

export interface BurnProjection {
  /** period number t, continuing the observed 1…n */
  t: number;
  period: Period;
  point: number;
  low: number;
  high: number;
}

export class BurnFitError extends EngineInputError {
  override name = "BurnFitError";
}

/** Within this many criterion points of the best, the model with fewer parameters is kept
 *  (Burnham & Anderson: Δ < 2 means both have substantial support, so take the simpler story). */
export const PARSIMONY_MARGIN = 2;
export const DEFAULT_INTERVAL_LEVEL = 0.8;

const PARAMS: Record<BurnModelKind, number> = { flat: 1, linear: 2, exponential: 2, quadratic: 3 };

function evaluate(model: BurnModelKind, c: readonly number[], t: number): number {
  const [a = 0, b = 0, q = 0] = c;
  switch (model) {
    case "flat":
      return a;
    case "linear":
      return a + b * t;
    case "quadratic":
      return a + b * t + q * t * t;
    case "exponential":
      return a * Math.exp(b * t);
  }
}

/** Gradient of the model in its coefficients at t: the design row for linear models, the
 *  Jacobian row for the exponential (so intervals use the usual linearisation). */
function gradient(model: BurnModelKind, c: readonly number[], t: number): number[] {
  switch (model) {
    case "flat":
      return [1];
    case "linear":
      return [1, t];
    case "quadratic":
      return [1, t, t * t];
    case "exponential": {
      const [a = 0, b = 0] = c;
      const e = Math.exp(b * t);
      return [e, a * t * e];
    }
  }
}

function rssOf(model: BurnModelKind, c: readonly number[], ts: readonly number[], ys: readonly number[]): number {
  let s = 0;
  ts.forEach((t, i) => {
    const r = (ys[i] ?? 0) - evaluate(model, c, t);
    s += r * r;
  });
  return s;
}

/** Least squares on the original scale by Gauss–Newton, started from the log-linear fit, so that
 *  its residuals are comparable with the other candidates'. */
function fitExponential(ts: readonly number[], ys: readonly number[]): number[] | null {
  if (ys.some((y) => !(y > 0))) return null;
  const start = leastSquares(
    ts.map((t) => [1, t]),
    ys.map((y) => Math.log(y)),
  );
  if (!start) return null;
  let c = [Math.exp(start.beta[0] ?? 0), start.beta[1] ?? 0];
  let rss = rssOf("exponential", c, ts, ys);
  for (let iter = 0; iter < 100; iter++) {
    const rows = ts.map((t) => gradient("exponential", c, t));
    const inv = invert(gram(rows));
    if (!inv) break;
    const jtr = [0, 0];
    rows.forEach((g, i) => {
      const r = (ys[i] ?? 0) - evaluate("exponential", c, ts[i] ?? 0);
      jtr[0] = (jtr[0] ?? 0) + (g[0] ?? 0) * r;
      jtr[1] = (jtr[1] ?? 0) + (g[1] ?? 0) * r;
    });
    const step = [0, 1].map((i) => (inv[i]?.[0] ?? 0) * (jtr[0] ?? 0) + (inv[i]?.[1] ?? 0) * (jtr[1] ?? 0));
    let lambda = 1;
    let improved = false;
    for (let h = 0; h < 30; h++) {
      const next = [(c[0] ?? 0) + lambda * (step[0] ?? 0), (c[1] ?? 0) + lambda * (step[1] ?? 0)];
      const nextRss = rssOf("exponential", next, ts, ys);
      if (Number.isFinite(nextRss) && nextRss <= rss) {
        const done = rss - nextRss <= 1e-14 * Math.max(rss, 1e-300);
        c = next;
        rss = nextRss;
        improved = !done;
        break;
      }
      lambda /= 2;
    }
    if (!improved) break;
  }
  return c;
}

function fitCandidate(model: BurnModelKind, ts: readonly number[], ys: readonly number[]): number[] | null {
  switch (model) {
    case "flat":
      return [ys.reduce((s, y) => s + y, 0) / ys.length];
    case "linear":
      return leastSquares(ts.map((t) => [1, t]), ys)?.beta ?? null;
    case "quadratic":
      return leastSquares(ts.map((t) => [1, t, t * t]), ys)?.beta ?? null;
    case "exponential":
      return fitExponential(ts, ys);
  }
}

/** Direction at the last observation: a convex curve that is still falling there is "falling",
 *  not "accelerating". "decelerating" means rising, but more slowly each period. */
function describeTrend(model: BurnModelKind, c: readonly number[], n: number): BurnFit["trend"] {
  const [, b = 0, q = 0] = c;
  if (model === "flat") return "flat";
  if (model === "linear") return b > 0 ? "rising" : b < 0 ? "falling" : "flat";
  if (model === "exponential") return b > 0 ? "accelerating" : b < 0 ? "falling" : "flat";
  const slope = b + 2 * q * n;
  if (slope <= 0) return slope < 0 ? "falling" : "flat";
  return q > 0 ? "accelerating" : q < 0 ? "decelerating" : "rising";
}

const MODEL_WORDS: Record<BurnModelKind, string> = {
  flat: "a flat level",
  linear: "a linear trend",
  exponential: "an exponential trend",
  quadratic: "a quadratic trend",
};

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString("en-US") : x.toPrecision(3);
}

function explain(fit: Omit<BurnFit, "explanation">, unitWord: string): string {
  const { chosen, candidates, criterion, granularity } = { ...fit, granularity: fit.series.granularity };
  const others = candidates
    .filter((c) => c !== chosen)
    .map((c) => `${c.model} ${c.score.toFixed(1)}`)
    .join(", ");
  const best = candidates.reduce((m, c) => (c.score < m.score ? c : m));
  const why =
    best === chosen
      ? `it fits the observed ${granularity}s best (fit score ${criterion}, lower is better: ${chosen.score.toFixed(1)}${others ? `; ${others}` : ""})`
      : `its fit score (${criterion}, lower is better: ${chosen.score.toFixed(1)}) is within ${PARSIMONY_MARGIN} of the best (${best.model} ${best.score.toFixed(1)}), so the simpler model is kept`;
  const [a = 0, b = 0, q = 0] = chosen.coefficients;
  let says: string;
  switch (chosen.model) {
    case "flat":
      says = `burn holds at about ${fmt(a)} ${unitWord} a ${granularity}`;
      break;
    case "linear":
      says = `burn ${b >= 0 ? "rises" : "falls"} by about ${fmt(Math.abs(b))} ${unitWord} each ${granularity}`;
      break;
    case "exponential":
      says =
        b >= 0
          ? `burn grows about ${((Math.exp(b) - 1) * 100).toFixed(0)}% each ${granularity}`
          : `burn falls about ${((1 - Math.exp(b)) * 100).toFixed(0)}% each ${granularity}`;
      break;
    case "quadratic":
      says = `the ${granularity}-on-${granularity} change ${q >= 0 ? "grows" : "shrinks"} by about ${fmt(Math.abs(2 * q))} ${unitWord} each ${granularity}`;
      break;
  }
  const curve = chosen.model === "exponential" || chosen.model === "quadratic";
  const words =
    curve && fit.trend === "accelerating"
      ? `an accelerating (${chosen.model}) trend`
      : curve && fit.trend === "decelerating"
        ? `a decelerating (${chosen.model}) trend`
        : MODEL_WORDS[chosen.model];
  return `Chose ${words} over ${fit.n} observed ${granularity}s because ${why}: ${says}.`;
}

export interface FitOptions {
  /** prediction interval level, default 0.8 */
  level?: number;
  /** restrict the candidates (default: every candidate the sample size allows) */
  models?: readonly BurnModelKind[];
  /** unit named in the explanation: default "credits", or "currency units" for spend (pass "USD") */
  unitLabel?: string;
}

/**
 * Fits each candidate that leaves at least one residual degree of freedom (n > parameters; the
 * exponential also needs every value positive), scores them by AICc, or by AIC when the sample is
 * too small for AICc to be defined for every candidate (n < parameters + 3), and keeps the model
 * with the fewest parameters among those within PARSIMONY_MARGIN of the best score.
 */
export function fitBurn(series: BurnSeries, options: FitOptions = {}): BurnFit {
  const n = series.values.length;
  if (n < 2) throw new BurnFitError(`a burn fit needs at least 2 observed periods, got ${n}`);
  const level = options.level ?? DEFAULT_INTERVAL_LEVEL;
  if (!(level > 0 && level < 1)) throw new BurnFitError(`interval level must be in (0, 1), got ${level}`);
  const ys = series.values.map((v) => v.toNumber());
  const ts = ys.map((_, i) => i + 1);
  const wanted = options.models ?? (["flat", "linear", "exponential", "quadratic"] as const);
  const fitted: { model: BurnModelKind; coefficients: number[]; rss: number }[] = [];
  for (const model of wanted) {
    if (n <= PARAMS[model]) continue;
    const c = fitCandidate(model, ts, ys);
    if (!c || c.some((x) => !Number.isFinite(x))) continue;
    fitted.push({ model, coefficients: c, rss: rssOf(model, c, ts, ys) });
  }
  if (fitted.length === 0) throw new BurnFitError("no candidate model could be fitted to the observed burn");

  // AICc = n·ln(RSS/n) + 2k + 2k(k+1)/(n−k−1), k = coefficients + 1 (the error variance).
  const useAicc = fitted.every((f) => n - (PARAMS[f.model] + 1) - 1 > 0);
  const sumSq = ys.reduce((s, y) => s + y * y, 0);
  // An exact fit would score −∞; flooring the RSS keeps the comparison finite and still decisive.
  const rssFloor = Math.max(1e-12 * sumSq, 1e-300);
  const scored = fitted.map((f) => {
    const k = PARAMS[f.model] + 1;
    const aic = n * Math.log(Math.max(f.rss, rssFloor) / n) + 2 * k;
    const score = useAicc ? aic + (2 * k * (k + 1)) / (n - k - 1) : aic;
    return { ...f, parameters: PARAMS[f.model], score, delta: 0 };
  });
  const bestScore = Math.min(...scored.map((s) => s.score));
  for (const s of scored) s.delta = s.score - bestScore;
  const chosen = scored
    .filter((s) => s.delta <= PARSIMONY_MARGIN)
    .sort((x, y) => x.parameters - y.parameters || x.score - y.score)[0] as BurnCandidate;

  const df = n - chosen.parameters;
  const sigma = df > 0 ? Math.sqrt(chosen.rss / df) : 0;
  const rows = ts.map((t) => gradient(chosen.model, chosen.coefficients, t));
  const covarianceUnscaled = invert(gram(rows)) ?? rows[0]!.map(() => rows[0]!.map(() => 0));
  const tQuantile = df > 0 ? studentTQuantile(1 - (1 - level) / 2, df) : 0;
  const periods = buildPeriods({ start: series.start, periods: n, granularity: series.granularity });
  const partial: Omit<BurnFit, "explanation"> = {
    series,
    periods,
    n,
    criterion: useAicc ? "AICc" : "AIC",
    candidates: scored,
    chosen,
    trend: describeTrend(chosen.model, chosen.coefficients, n),
    level,
    sigma,
    covarianceUnscaled,
    tQuantile,
  };
  return { ...partial, explanation: explain(partial, options.unitLabel ?? (series.quantity === "credits" ? "credits" : "currency units")) };
}

/** The chosen model's value at period number t, floored at zero (burn cannot be negative). */
export function burnAt(fit: BurnFit, t: number): { point: number; low: number; high: number } {
  const { model, coefficients } = fit.chosen;
  const point = evaluate(model, coefficients, t);
  const g = gradient(model, coefficients, t);
  const half = fit.tQuantile * fit.sigma * Math.sqrt(1 + quadForm(fit.covarianceUnscaled, g));
  return { point: Math.max(0, point), low: Math.max(0, point - half), high: Math.max(0, point + half) };
}

/** Projects the next `count` periods after the observed ones. */
export function projectBurn(fit: BurnFit, count: number): BurnProjection[] {
  const periods = buildPeriods({ start: fit.series.start, periods: fit.n + count, granularity: fit.series.granularity });
  return periods.slice(fit.n).map((period) => {
    const t = period.index + 1;
    return { t, period, ...burnAt(fit, t) };
  });
}

export interface RunwayOptions {
  /** the balance at the start of the first observed period, in the series' quantity */
  balance: Decimal;
  /** the date the balance was meant to last until, for the shortfall in days */
  plannedEnd?: IsoDate;
  /** how many periods past the observations to look; default 3 years */
  horizonPeriods?: number;
}

export interface RunwayPoint {
  /** null when the balance outlasts the horizon */
  exhaustedOn: IsoDate | null;
  /** days from the series start to exhaustion, one decimal */
  daysFromStart: number | null;
  /** period (t = 1…) in which the balance runs out */
  periodNumber: number | null;
  periodLabel: string | null;
  /** already exhausted inside the observed periods */
  withinObserved: boolean;
}

export interface Runway {
  balance: Decimal;
  /** burn at the projected point */
  expected: RunwayPoint;
  /** if every projected period ran at the interval's upper bound (earliest plausible date) */
  early: RunwayPoint;
  /** if every projected period ran at the interval's lower bound */
  late: RunwayPoint;
  plannedEnd: IsoDate | null;
  plannedDays: number | null;
  /** planned days minus expected days (positive: runs out that many days early) */
  daysShort: number | null;
  horizonPeriods: number;
}

function runwayAlong(fit: BurnFit, balance: number, horizon: number, pick: "point" | "low" | "high"): RunwayPoint {
  const periods = buildPeriods({ start: fit.series.start, periods: fit.n + horizon, granularity: fit.series.granularity });
  let remaining = balance;
  for (const period of periods) {
    const t = period.index + 1;
    const observed = t <= fit.n;
    const burn = observed ? (fit.series.values[t - 1]?.toNumber() ?? 0) : burnAt(fit, t)[pick];
    if (burn > 0 && burn >= remaining) {
      // Burn is spread evenly over the calendar days of the period it falls in.
      const length = daysBetween(period.start, period.end);
      const into = (Math.max(remaining, 0) / burn) * length;
      const days = daysBetween(fit.series.start, period.start) + into;
      return {
        exhaustedOn: addDays(period.start, Math.min(length - 1, Math.floor(into))),
        daysFromStart: Math.round(days * 10) / 10,
        periodNumber: t,
        periodLabel: period.label,
        withinObserved: observed,
      };
    }
    remaining -= burn;
  }
  return { exhaustedOn: null, daysFromStart: null, periodNumber: null, periodLabel: null, withinObserved: false };
}

export function runway(fit: BurnFit, options: RunwayOptions): Runway {
  const horizon = options.horizonPeriods ?? (fit.series.granularity === "week" ? 156 : 36);
  const balance = options.balance.toNumber();
  const expected = runwayAlong(fit, balance, horizon, "point");
  const plannedDays = options.plannedEnd ? daysBetween(fit.series.start, options.plannedEnd) : null;
  return {
    balance: options.balance,
    expected,
    early: runwayAlong(fit, balance, horizon, "high"),
    late: runwayAlong(fit, balance, horizon, "low"),
    plannedEnd: options.plannedEnd ?? null,
    plannedDays,
    daysShort:
      plannedDays !== null && expected.daysFromStart !== null ? Math.round((plannedDays - expected.daysFromStart) * 10) / 10 : null,
    horizonPeriods: horizon,
  };
}

/**
 * The one rule for handing a float to the ledger: drop binary noise by taking 15 significant
 * digits, then round half-up to whole credits (or to `amountDecimals` places for money).
 */
export function toLedgerDecimal(value: number, quantity: BurnQuantity, amountDecimals = 2): Decimal {
  if (!Number.isFinite(value)) throw new BurnFitError(`projected value is not finite: ${value}`);
  const d = new Decimal(value.toPrecision(15));
  return d.toDecimalPlaces(quantity === "credits" ? 0 : amountDecimals, Decimal.ROUND_HALF_UP);
}

export interface BurnDemandOptions {
  /** which edge of the projection to use; default the point forecast */
  band?: "point" | "low" | "high";
  /** credits per unit of the series' quantity: 1 for credits, 1 / price per credit for spend */
  creditsPerUnit: Decimal;
}

/**
 * Demand over a term's periods from the observed series and its projection, as direct credits.
 * Each day's burn is its series period's value spread evenly over that period's calendar days
 * (observed values where observed, the projection afterwards), so weekly burn maps onto monthly
 * terms and terms need not start where the observations end. Each term period's credits are
 * rounded to whole credits half-up after converting with `creditsPerUnit`.
 */
export function demandFromBurn(
  fit: BurnFit,
  term: { granularity: Granularity; periods: readonly Period[] },
  options: BurnDemandOptions,
): DemandPath {
  const band = options.band ?? "point";
  const seriesStart = toDayNumber(fit.series.start);
  const lastDay = Math.max(seriesStart, ...term.periods.map((p) => toDayNumber(p.end)));
  // Series periods (observed and projected) covering every day up to the term's end.
  const bounds: { start: number; end: number; perDay: number }[] = [];
  for (let t = 1; ; t++) {
    const start = toDayNumber(fit.series.granularity === "week" ? addDays(fit.series.start, 7 * (t - 1)) : addMonths(fit.series.start, t - 1));
    if (start >= lastDay) break;
    const end = toDayNumber(fit.series.granularity === "week" ? addDays(fit.series.start, 7 * t) : addMonths(fit.series.start, t));
    const value = t <= fit.n ? (fit.series.values[t - 1]?.toNumber() ?? 0) : burnAt(fit, t)[band];
    bounds.push({ start, end, perDay: value / (end - start) });
  }
  let cursor = 0;
  const periods: DemandPeriod[] = term.periods.map((period) => {
    let sum = 0;
    const a = toDayNumber(period.start);
    const b = toDayNumber(period.end);
    for (let day = a; day < b; day++) {
      // Days before the first observation carry no evidence of burn: they count as zero.
      if (day < seriesStart) continue;
      while (cursor > 0 && (bounds[cursor]?.start ?? Infinity) > day) cursor--;
      while ((bounds[cursor]?.end ?? -Infinity) <= day && cursor < bounds.length - 1) cursor++;
      const span = bounds[cursor];
      if (span && span.start <= day && day < span.end) sum += span.perDay;
    }
    const credits = new Decimal(sum.toPrecision(15)).times(options.creditsPerUnit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    return { period, actions: {}, directCredits: credits };
  });
  return { granularity: term.granularity, periods };
}
