// Shapes the engine's result for the browser: picks fields, renames nothing, computes nothing.
import type { ModelResult } from "@/lib/engine/model/evaluate";

export type ScenarioResult = ModelResult["scenarios"][number];
export type ComparisonRow = ModelResult["comparison"][number];

export interface ChartRow {
  label: string;
  start: string;
  cumulativeCost: string | null;
  costTotal: string | null;
  granted: string;
  purchased: string;
  closing: string;
  demand: string;
  unserved: string;
  byUnit: Record<string, string>;
  direct: string;
}

export function chartRows(s: ScenarioResult): ChartRow[] {
  return s.rows.map((r) => ({
    label: r.period.label,
    start: r.period.start,
    cumulativeCost: r.cumulativeCost,
    costTotal: r.cost.total,
    granted: r.credits.granted,
    purchased: r.credits.purchased,
    closing: r.credits.closing,
    demand: r.demand.credits,
    unserved: r.credits.unserved,
    byUnit: Object.fromEntries(Object.entries(r.demand.byUnit).map(([k, v]) => [k, v.credits])),
    direct: r.demand.directCredits,
  }));
}

/** The period label in which the balance runs out, for the chart's reference line. */
export function exhaustionLabel(s: ScenarioResult): { label: string; date: string } | null {
  const ex = s.summary.exhaustion;
  if (!ex) return null;
  const row = s.rows[ex.periodIndex];
  return row ? { label: row.period.label, date: ex.date } : null;
}
