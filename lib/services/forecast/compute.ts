// The forecast of record of one contract, computed by the engine from its inputs: the demand basis
// (chosen on the contract, or the default for its data), the engine's document on that demand, its
// ledger and summary, the fixed lines apart. Pure: no database; run by the forecast job.
import { addDays, addMonths } from "@/lib/engine/calendar";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { buildModelDocument, observedSeries, type ContractBundle } from "@/lib/workbench/model";
import type { ForecastBasis } from "@/lib/db/schema/contracts";
import { DomainError } from "../errors";
import { evaluateDocument } from "../scenarios/evaluate";
import { fixedLinesCost, inMinorUnits, plusOrNull } from "./fixed-lines";
import type { ForecastInputs } from "./inputs";
import { BASIS_LABEL, type EngineScenario, type ForecastAlert, type ForecastHeadline, type ForecastResult, type RunOutRemedy } from "./types";

export const FORECAST_SCENARIO_ID = "forecast";

export interface BasisAvailability {
  drivers: boolean;
  /** observed periods with credits, contiguous from the first */
  creditPeriods: number;
  /** the engine can fit a trend: two or more contiguous periods, all with credits or all with a cost */
  trend: boolean;
  observedPeriods: number;
}

export function availability(bundle: ContractBundle): BasisAvailability {
  let creditPeriods = 0;
  let expected = bundle.burn[0]?.periodStart;
  for (const b of bundle.burn) {
    if (b.periodStart !== expected || b.credits === null) break;
    creditPeriods += 1;
    expected = bundle.contract.granularity === "week" ? addDays(expected, 7) : addMonths(expected, 1);
  }
  const series = observedSeries(bundle.burn, bundle.contract.granularity);
  return { drivers: bundle.contract.drivers != null, creditPeriods, trend: series !== undefined, observedPeriods: series?.values.length ?? creditPeriods };
}

/** Why a basis cannot be used on this data, or null when it can. */
export function basisProblem(basis: ForecastBasis, a: BasisAvailability): string | null {
  switch (basis) {
    case "drivers":
      return a.drivers ? null : "the contract has no demand drivers";
    case "observedTrend":
      return a.trend ? null : "a trend needs burn in at least two consecutive periods, each with credits (or each with a cost)";
    case "observedThenDrivers":
      if (!a.drivers) return "the contract has no demand drivers";
      return a.creditPeriods >= 1 ? null : "no observed burn in credits yet";
  }
}

/**
 * The default: a trend once there are three or more periods to fit it on; before that the drivers,
 * after whatever burn has been observed; a trend on two periods only when there are no drivers.
 */
export function defaultBasis(a: BasisAvailability): ForecastBasis | null {
  if (a.trend && a.observedPeriods >= 3) return "observedTrend";
  if (a.drivers) return a.creditPeriods >= 1 ? "observedThenDrivers" : "drivers";
  if (a.trend) return "observedTrend";
  return null;
}

export function resolveBasis(chosen: ForecastBasis | null, a: BasisAvailability): { basis: ForecastBasis | null; source: "chosen" | "default"; note: string | null } {
  const fallback = defaultBasis(a);
  if (!chosen) return { basis: fallback, source: "default", note: null };
  const problem = basisProblem(chosen, a);
  if (!problem) return { basis: chosen, source: "chosen", note: null };
  return {
    basis: fallback,
    source: "default",
    note: `"${BASIS_LABEL[chosen]}" is not possible: ${problem}.${fallback ? ` The forecast uses "${BASIS_LABEL[fallback]}" until it is.` : ""}`,
  };
}

const period = (granularity: "month" | "week", start: string, n: number) => (granularity === "week" ? addDays(start, 7 * n) : addMonths(start, n));

/**
 * Observed to date, then the drivers: the observed credits, then the drivers' demand of each later
 * period up to the term's end, as one series the engine takes period by period (a series covering
 * the whole term is used as it stands, with no trend drawn from it). The drivers keep their own
 * start (the estate's go-live), so their ramp and growth continue where the observations stop.
 */
function observedThenDriversSeries(inputs: ForecastInputs, creditPeriods: number): NonNullable<ModelDocumentInput["observedBurn"]> {
  const { bundle, contract } = inputs;
  const g = contract.granularity;
  const observed = bundle.burn.slice(0, creditPeriods);
  const start = observed[0]!.periodStart;
  let next = period(g, start, creditPeriods);
  const values = observed.map((b) => b.credits!);
  // Periods before the term starts carry no driver demand: the estate is not live yet.
  while (next < contract.termStart && next < contract.termEnd) {
    values.push("0");
    next = period(g, next, 1);
  }
  if (next < contract.termEnd) {
    const drivers = { ...contract.drivers!, start: contract.drivers!.start ?? contract.termStart };
    // Demand only: the clauses play no part (and cannot refuse it), the rest of the term from `next`.
    const part = evaluateDocument(
      buildModelDocument({
        ...bundle,
        contract: { ...contract, termStart: next, clauses: {}, perUser: null, assumptions: null, drivers },
        burn: [],
        scenarios: [{ id: "drivers", name: "Drivers", doc: { id: "drivers", name: "Drivers", demand: { source: "drivers" } } }],
      }),
    ).scenarios[0]!;
    for (const r of part.rows) values.push(r.demand.credits);
  }
  // The engine needs two values; a term already over after one observed period has just that one.
  if (values.length < 2) values.push("0");
  return { quantity: "credits", granularity: g, start, values };
}

/**
 * The model document of the contract on the demand of `basis`, with `scenarios` (each evaluated on
 * that demand unless it names its own): what the forecast and the Compare page both evaluate.
 */
export function documentOnBasis(inputs: ForecastInputs, basis: ForecastBasis, scenarios: ContractBundle["scenarios"]): ModelDocumentInput {
  const doc = buildModelDocument({ ...inputs.bundle, scenarios });
  if (basis === "observedThenDrivers") doc.observedBurn = observedThenDriversSeries(inputs, availability(inputs.bundle).creditPeriods);
  return doc;
}

/** The scenario demand that stands for `basis` in a model document built by documentOnBasis. */
export function demandOf(basis: ForecastBasis): { source: "drivers" | "observedBurn" } {
  return { source: basis === "drivers" ? "drivers" : "observedBurn" };
}

export type ComputedForecast = { status: "ready"; result: ForecastResult; headline: ForecastHeadline } | { status: "unavailable"; message: string };

export function computeForecast(inputs: ForecastInputs): ComputedForecast {
  const { contract, bundle } = inputs;
  const a = availability(bundle);
  const resolved = resolveBasis(contract.forecastBasis, a);
  if (!resolved.basis) {
    return { status: "unavailable", message: resolved.note ?? "No forecast yet: import observed burn, or enter demand drivers on the Terms tab." };
  }
  const basis = resolved.basis;
  const scenario = { id: FORECAST_SCENARIO_ID, name: BASIS_LABEL[basis], doc: { id: FORECAST_SCENARIO_ID, name: BASIS_LABEL[basis], demand: demandOf(basis) } };
  let evaluated;
  try {
    evaluated = evaluateDocument(documentOnBasis(inputs, basis, [scenario]));
  } catch (e) {
    if (e instanceof DomainError && e.code === "invalid") return { status: "unavailable", message: e.message };
    throw e;
  }
  const s = evaluated.scenarios[0]!;
  const burn = evaluated.observedBurn;
  const observedCount = basis === "observedThenDrivers" ? a.creditPeriods : (burn?.observed.length ?? 0);
  const fixed = fixedLinesCost(contract.fixedLines, contract.termStart, contract.termEnd, contract.currency);
  const summary = s.summary;
  const remedy: RunOutRemedy = (bundle.contract.clauses.onExhaustion?.kind ?? "pause") as RunOutRemedy;
  const cur = contract.currency;
  const remedyCost = inMinorUnits(remedy === "autoPack" ? summary.costByComponent.autoPacks : remedy === "overage" ? summary.costByComponent.overage : remedy === "trueUp" ? summary.costByComponent.trueUp : null, cur);
  const consumption = inMinorUnits(summary.totalCost, cur);
  const result: ForecastResult = {
    basis,
    basisSource: resolved.source,
    basisNote: resolved.note,
    availability: a,
    asOf: inputs.today,
    currency: contract.currency,
    termStart: contract.termStart,
    termEnd: contract.termEnd,
    granularity: contract.granularity,
    observed: burn
      ? {
          quantity: burn.quantity,
          periods: burn.observed.slice(0, observedCount).map((o) => ({ label: o.label, start: o.start, value: o.value })),
          partialPeriod: inputs.partialPeriod,
        }
      : null,
    trend:
      basis === "observedTrend" && burn
        ? {
            explanation: burn.fit.explanation,
            intervalLevelPct: burn.fit.intervalLevelPct,
            projection: burn.projection.filter((p) => p.start < contract.termEnd).map((p) => ({ label: p.label, start: p.start, point: p.point, low: p.low, high: p.high })),
          }
        : null,
    scenario: s,
    units: inputs.rateCardVersion.units.map((u) => ({ id: u.id, name: u.name })),
    fixedLines: fixed,
    cost: { consumption, fixed: fixed.total, total: plusOrNull(consumption, fixed.total, cur) },
    runOut: summary.exhaustion ? { date: summary.exhaustion.date, remedy, remedyCost, unservedCredits: summary.unservedCredits } : null,
  };
  const headline: ForecastHeadline = {
    basis,
    asOf: inputs.today,
    currency: contract.currency,
    runOut: result.runOut,
    cost: result.cost,
    demandCredits: summary.demandCredits,
    priceUnpinned: summary.priceUnpinned,
    alerts: forecastAlerts(s, result.runOut, inputs.today, contract.termEnd),
  };
  return { status: "ready", result, headline };
}

/**
 * The alerts of a forecast as of `today`. A run-out in the past is an alert until the term ends; a
 * threshold crossed is one until the allotment's next grant (the latest crossing of its current cycle
 * counts); the next crossing ahead is announced, one per allotment, up to the term's end.
 */
export function forecastAlerts(s: EngineScenario, runOut: ForecastResult["runOut"], today: string, termEnd: string): ForecastAlert[] {
  const out: ForecastAlert[] = [];
  if (today >= termEnd) return out;
  if (runOut) out.push({ kind: runOut.date <= today ? "ranOut" : "runsOut", date: runOut.date });
  const byAllotment = new Map<string, typeof s.summary.alerts>();
  for (const a of s.summary.alerts) byAllotment.set(a.allotmentId, [...(byAllotment.get(a.allotmentId) ?? []), a]);
  for (const [allotmentId, crossings] of byAllotment) {
    // The current cycle: the allotment's latest grant on or before today.
    let cycleStart: string | null = null;
    for (const r of s.rows) if (r.period.start <= today && Number(r.credits.bySource[allotmentId]?.granted ?? 0) > 0) cycleStart = r.period.start;
    const past = crossings.filter((c) => c.date <= today && cycleStart !== null && c.cycleStart >= cycleStart);
    const latest = past.reduce<(typeof past)[number] | null>((m, c) => (m === null || c.thresholdPct > m.thresholdPct ? c : m), null);
    if (latest) out.push({ kind: "crossed", date: latest.date, allotmentId, thresholdPct: latest.thresholdPct });
    const next = crossings.filter((c) => c.date > today).sort((x, y) => x.date.localeCompare(y.date))[0];
    if (next) out.push({ kind: "willCross", date: next.date, allotmentId, thresholdPct: next.thresholdPct });
  }
  return out;
}
