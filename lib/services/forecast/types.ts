// What a forecast of record stores: the engine's scenario as it came (ledger rows and summary, so
// fields the engine adds flow through), and the few things read next to it. Plain JSON.
import type { ForecastBasis } from "@/lib/db/schema/contracts";
import type { ModelResult } from "@/lib/engine/model/evaluate";

export type { ForecastBasis };
export type EngineScenario = ModelResult["scenarios"][number];
export type EngineSummary = EngineScenario["summary"];

export const BASIS_LABEL: Record<ForecastBasis, string> = {
  drivers: "From the drivers",
  observedTrend: "Observed to date, then the trend",
  observedThenDrivers: "Observed to date, then the drivers",
};

export const BASIS_DESCRIPTION: Record<ForecastBasis, string> = {
  drivers: "Every period from the demand drivers (seats, activation, actions per unit), observed burn or not.",
  observedTrend: "The burn observed so far, then the engine's trend fitted on it for the rest of the term.",
  observedThenDrivers: "The burn observed so far, then the demand drivers for the periods not observed yet.",
};

/** What happens at run-out, as the contract says (the engine's onExhaustion). */
export type RunOutRemedy = "pause" | "autoPack" | "overage" | "trueUp";

export interface FixedLineCost {
  description: string;
  quantity: string;
  unitPrice: string;
  per: "month" | "year" | "term";
  /** how many of `per` the term holds (months may be fractional for a term not in whole months) */
  count: string;
  /** quantity × unit price × count, rounded once to the currency's minor unit */
  total: string;
}

export interface ObservedPeriod {
  label: string;
  start: string;
  /** credits, or money when the burn carries costs only */
  value: string;
}

export interface ForecastResult {
  basis: ForecastBasis;
  basisSource: "chosen" | "default";
  /** when the chosen basis could not be used: why, and what was used instead */
  basisNote: string | null;
  /** what the contract's data allows, when computed (which bases the page may offer) */
  availability: { drivers: boolean; creditPeriods: number; trend: boolean; observedPeriods: number };
  /** the day the forecast was computed for */
  asOf: string;
  currency: string;
  termStart: string;
  termEnd: string;
  granularity: "month" | "week";
  /** observed burn the forecast rests on (a trailing period still running is left out and named) */
  observed: {
    quantity: "credits" | "amount";
    periods: ObservedPeriod[];
    partialPeriod: { start: string; through: string } | null;
  } | null;
  /** basis observedTrend: the engine's trend over the observations and its prediction band */
  trend: {
    explanation: string;
    intervalLevelPct: number;
    projection: { label: string; start: string; point: string; low: string; high: string }[];
  } | null;
  /** the engine's ledger and summary of the contract's current terms on this demand */
  scenario: EngineScenario;
  units: { id: string; name: string }[];
  fixedLines: { lines: FixedLineCost[]; total: string };
  /** forecast cost of the term: consumption (the engine's total), fixed lines apart, and both */
  cost: { consumption: string | null; fixed: string; total: string | null };
  /** the first day the balance cannot serve demand, and what the contract does then */
  runOut: { date: string; remedy: RunOutRemedy; remedyCost: string | null; unservedCredits: string } | null;
}

/** The figures of a forecast that lists need (portfolio, alerts): small, no ledger. */
export interface ForecastHeadline {
  basis: ForecastBasis;
  asOf: string;
  currency: string;
  runOut: ForecastResult["runOut"];
  cost: ForecastResult["cost"];
  demandCredits: string;
  priceUnpinned: boolean;
  /** what needs attention, read against `asOf` (recomputed every day) */
  alerts: ForecastAlert[];
}

/**
 * An alert of the forecast, as of the day it was computed for. An event in the past stays an alert
 * while its situation lasts: a run-out until the term ends, a threshold crossing until the
 * allotment's next grant.
 */
export interface ForecastAlert {
  kind: "ranOut" | "runsOut" | "crossed" | "willCross";
  date: string;
  allotmentId?: string;
  thresholdPct?: number;
}

export interface ComparisonResult {
  /** the demand every column was evaluated on */
  demand: { kind: "forecast"; basis: ForecastBasis } | { kind: "scenario"; scenarioId: string; scenarioName: string; label: string };
  asOf: string;
  scenarios: EngineScenario[];
  comparison: ModelResult["comparison"];
}
