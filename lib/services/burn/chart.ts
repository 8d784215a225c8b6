// What the burn page's charts show, read from the stored forecast of record (no engine run here):
// the observed burn it rests on, its forecast per period up to the term's end with the trend's
// prediction band, the credits the allotments grant and the run-out date; and the skill mix from
// SQL sums, with the rate card's unit names.
import type { ForecastBasis } from "@/lib/db/schema/contracts";
import type { WorkspaceCtx } from "../context";
import { getContractOrThrow } from "../contracts/get";
import { getForecast, type ForecastView } from "../forecast/read";
import { getRateCardVersionOrThrow } from "../ratecards/get";
import { burnMixByPeriod } from "./totals";

export interface BurnChartPoint {
  label: string;
  start: string;
  observed: string | null;
  /** the forecast of record's demand in the period (after the observations, or every period from the drivers) */
  point: string | null;
  /** the trend's prediction band (basis observedTrend) */
  low: string | null;
  high: string | null;
  /** credits granted by the contract's allotments in the period (term periods only) */
  allotment: string | null;
}

export interface BurnChartData {
  quantity: "credits" | "amount" | null;
  points: BurnChartPoint[];
  /** first day the balance cannot serve the demand, with the chart label of its period */
  exhaustion: { date: string; label: string } | null;
  hasAllotment: boolean;
  intervalLevelPct: number | null;
  basis: ForecastBasis | null;
  fit: { explanation: string } | null;
  /** why there is no forecast, when there is none */
  forecastMessage: string | null;
  /** credits per period (label = the period's first day) and metered unit; `names` are the rate card's */
  mix: { units: string[]; names: Record<string, string>; rows: Array<{ label: string; credits: Record<string, string | null> }> };
}

export async function burnChartData(ctx: WorkspaceCtx, input: { contractId: string }, stored?: ForecastView): Promise<BurnChartData> {
  const contract = await getContractOrThrow(ctx, input.contractId);
  const [mixRows, rcv, forecast] = await Promise.all([
    burnMixByPeriod(ctx, input),
    getRateCardVersionOrThrow(ctx, contract.rateCardVersionId),
    stored ? Promise.resolve(stored) : getForecast(ctx, contract.id),
  ]);
  const units = [...new Set(mixRows.map((r) => r.unit ?? "(no unit)"))];
  const names = Object.fromEntries(units.map((u) => [u, rcv.units.find((x) => x.id === u)?.name ?? u]));
  const byLabel = new Map<string, Record<string, string | null>>();
  for (const r of mixRows) {
    const row = byLabel.get(r.period) ?? {};
    row[r.unit ?? "(no unit)"] = r.credits;
    byLabel.set(r.period, row);
  }
  const mix = { units, names, rows: [...byLabel.entries()].map(([label, credits]) => ({ label, credits })) };

  const result = forecast.result;
  if (!result) {
    return {
      quantity: null,
      points: [],
      exhaustion: null,
      hasAllotment: false,
      intervalLevelPct: null,
      basis: null,
      fit: null,
      forecastMessage: forecast.state === "unavailable" ? forecast.message : "The forecast is being computed.",
      mix,
    };
  }
  const points = new Map<string, BurnChartPoint>();
  const at = (label: string, start: string): BurnChartPoint => {
    let p = points.get(label);
    if (!p) {
      p = { label, start, observed: null, point: null, low: null, high: null, allotment: null };
      points.set(label, p);
    }
    return p;
  };
  const observed = result.observed;
  const quantity = observed?.quantity ?? "credits";
  for (const o of observed?.periods ?? []) at(o.label, o.start).observed = o.value;
  const lastObserved = observed?.periods.at(-1);
  const fromDrivers = result.basis === "drivers";
  let hasAllotment = false;
  for (const r of result.scenario.rows) {
    const p = at(r.period.label, r.period.start);
    p.allotment = r.credits.granted;
    if (Number(r.credits.granted) > 0) hasAllotment = true;
    if (quantity === "credits" && (fromDrivers || !lastObserved || r.period.start > lastObserved.start)) p.point = r.demand.credits;
  }
  if (result.trend) {
    for (const f of result.trend.projection) {
      const p = at(f.label, f.start);
      Object.assign(p, { low: f.low, high: f.high });
      if (quantity === "amount") p.point = f.point;
    }
  }
  // The forecast line starts at the last observation, so that the two join up.
  if (lastObserved && !fromDrivers) {
    const p = at(lastObserved.label, lastObserved.start);
    Object.assign(p, { point: lastObserved.value, ...(result.trend ? { low: lastObserved.value, high: lastObserved.value } : {}) });
  }
  const sorted = [...points.values()].filter((p) => p.start < result.termEnd).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const ex = result.scenario.summary.exhaustion;
  const exRow = ex ? result.scenario.rows[ex.periodIndex] : undefined;
  return {
    quantity,
    points: sorted,
    exhaustion: ex && exRow ? { date: ex.date, label: exRow.period.label } : null,
    hasAllotment: hasAllotment && quantity === "credits",
    intervalLevelPct: result.trend?.intervalLevelPct ?? null,
    basis: result.basis,
    fit: result.trend ? { explanation: result.trend.explanation } : null,
    forecastMessage: null,
    mix,
  };
}
