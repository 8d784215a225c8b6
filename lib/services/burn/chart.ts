// What the burn page's charts show, computed on the server: the engine's observed-burn fit (its
// projection and prediction band), the allotment granted per period and the exhaustion date from
// the "Current terms" ledger run on observed demand, and the skill mix from SQL sums.
import type { ModelResult } from "@/lib/engine/model/evaluate";
import type { WorkspaceCtx } from "../context";
import { DomainError } from "../errors";
import { evaluateScenarios } from "../scenarios/evaluate";
import { burnMixByPeriod } from "./totals";

export interface BurnChartPoint {
  label: string;
  start: string;
  observed: string | null;
  /** forecast and its band (the engine's prediction interval), after the observations */
  point: string | null;
  low: string | null;
  high: string | null;
  /** credits granted by the contract's allotments in the period (term periods only) */
  allotment: string | null;
}

export interface BurnChartData {
  quantity: "credits" | "amount" | null;
  points: BurnChartPoint[];
  /** first day the balance cannot serve the burn, with the chart label of its period */
  exhaustion: { date: string; label: string } | null;
  hasAllotment: boolean;
  intervalLevelPct: number | null;
  fit: { trend: string; explanation: string } | null;
  /** why there is no forecast, when there is none */
  forecastMessage: string | null;
  /** credits per period (label = the period's first day) and metered unit */
  mix: { units: string[]; rows: Array<{ label: string; credits: Record<string, string | null> }> };
}

type Scenario = ModelResult["scenarios"][number];

export async function burnChartData(ctx: WorkspaceCtx, input: { contractId: string }): Promise<BurnChartData> {
  const mixRows = await burnMixByPeriod(ctx, input);
  const units = [...new Set(mixRows.map((r) => r.unit ?? "(no unit)"))];
  const byLabel = new Map<string, Record<string, string | null>>();
  for (const r of mixRows) {
    const label = r.period;
    const row = byLabel.get(label) ?? {};
    row[r.unit ?? "(no unit)"] = r.credits;
    byLabel.set(label, row);
  }
  const mix = { units, rows: [...byLabel.entries()].map(([label, credits]) => ({ label, credits })) };

  let result: ModelResult;
  try {
    ({ result } = await evaluateScenarios(ctx, { contractId: input.contractId, draft: { name: "Current terms", demand: { source: "observedBurn" } } }));
  } catch (e) {
    if (e instanceof DomainError && e.code === "invalid") {
      return {
        quantity: null,
        points: [],
        exhaustion: null,
        hasAllotment: false,
        intervalLevelPct: null,
        fit: null,
        forecastMessage: "A forecast needs burn in at least two consecutive periods, each with credits (or each with a cost).",
        mix,
      };
    }
    throw e;
  }
  const burn = result.observedBurn;
  const scenario: Scenario | undefined = result.scenarios[result.scenarios.length - 1];
  const points = new Map<string, BurnChartPoint>();
  const at = (label: string, start: string): BurnChartPoint => {
    let p = points.get(label);
    if (!p) {
      p = { label, start, observed: null, point: null, low: null, high: null, allotment: null };
      points.set(label, p);
    }
    return p;
  };
  for (const o of burn?.observed ?? []) at(o.label, o.start).observed = o.value;
  for (const f of burn?.projection ?? []) Object.assign(at(f.label, f.start), { point: f.point, low: f.low, high: f.high });
  let hasAllotment = false;
  for (const r of scenario?.rows ?? []) {
    const granted = r.credits.granted;
    if (Number(granted) > 0) hasAllotment = true;
    at(r.period.label, r.period.start).allotment = granted;
  }
  // The forecast line starts at the last observation, so that the two join up.
  const lastObserved = burn?.observed[burn.observed.length - 1];
  if (lastObserved) Object.assign(at(lastObserved.label, lastObserved.start), { point: lastObserved.value, low: lastObserved.value, high: lastObserved.value });

  const sorted = [...points.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const ex = scenario?.summary.exhaustion ?? null;
  const exRow = ex ? scenario?.rows[ex.periodIndex] : undefined;
  return {
    quantity: burn?.quantity ?? null,
    points: sorted,
    exhaustion: ex && exRow ? { date: ex.date, label: exRow.period.label } : null,
    hasAllotment,
    intervalLevelPct: burn?.fit.intervalLevelPct ?? null,
    fit: burn ? { trend: burn.fit.trend, explanation: burn.fit.explanation } : null,
    forecastMessage: burn ? null : "No forecast: the burn has too few periods.",
    mix,
  };
}
