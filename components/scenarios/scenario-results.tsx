import { CostAndBalanceCharts, SkillMixChart } from "@/components/charts/scenario-charts";
import { LedgerTable } from "./ledger-table";
import { SummaryTiles } from "./summary-tiles";
import { chartRows, exhaustionLabel, type ComparisonRow, type ScenarioResult } from "./view-model";

/** Figures, charts and ledger of one evaluated scenario. */
export function ScenarioResults({
  scenario,
  currency,
  units,
  comparison,
  baselineName,
}: {
  scenario: ScenarioResult;
  currency: string;
  units: { id: string; name: string }[];
  comparison?: ComparisonRow | undefined;
  baselineName?: string;
}) {
  const rows = chartRows(scenario);
  return (
    <div className="space-y-4" data-testid="scenario-results">
      <SummaryTiles scenario={scenario} currency={currency} comparison={comparison} {...(baselineName ? { baselineName } : {})} />
      <CostAndBalanceCharts rows={rows} currency={currency} exhaustion={exhaustionLabel(scenario)} />
      <SkillMixChart rows={rows} units={units} />
      <details className="rounded-md ring-1 ring-slate-200" open>
        <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-slate-800">Ledger by period</summary>
        <div className="p-2">
          <LedgerTable scenario={scenario} currency={currency} />
        </div>
      </details>
    </div>
  );
}
