import type { Metadata } from "next";
import Link from "next/link";
import { CompareCostChart } from "@/components/charts/scenario-charts";
import { formatDate, formatMoney, formatNumber, formatUnitPrice } from "@/components/format";
import { AutoRefresh } from "@/components/forecast/auto-refresh";
import { chartRows } from "@/components/scenarios/view-model";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState } from "@/components/ui/card";
import { getComparison, scenarioDemandLabel } from "@/lib/services/forecast/compare";
import { BASIS_LABEL, type ComparisonResult } from "@/lib/services/forecast/types";
import { listScenarios } from "@/lib/services/scenarios/list";
import { getContractPage } from "../../_lib/data";
import { ScrollRegion } from "@/components/ui/scroll-region";

function demandText(d: ComparisonResult["demand"]): string {
  return d.kind === "forecast" ? `the forecast of record (${BASIS_LABEL[d.basis].toLowerCase()})` : `the demand of ${d.label}`;
}

export const metadata: Metadata = { title: "Compare scenarios" };

export default async function ComparePage({ params, searchParams }: { params: Promise<{ workspaceId: string; contractId: string }>; searchParams: Promise<{ s?: string | string[]; demand?: string }> }) {
  const { workspaceId, contractId } = await params;
  const sp = await searchParams;
  const { ctx, contract } = await getContractPage(workspaceId, contractId);
  const saved = await listScenarios(ctx, contract.id);
  const base = `/w/${ctx.workspace.id}/contracts/${contract.id}`;
  const asked = (Array.isArray(sp.s) ? sp.s : sp.s ? [sp.s] : []).filter((id) => saved.some((s) => s.id === id));
  const ids = asked.length >= 2 ? asked : saved.slice(0, 4).map((s) => s.id);
  if (ids.length < 2) {
    return (
      <Card title="Compare scenarios">
        <EmptyState title="Save at least two scenarios to compare them">
          <Link href={`${base}/scenarios`} className="text-indigo-700 underline">
            Go to scenarios
          </Link>
        </EmptyState>
      </Card>
    );
  }
  // Every column on one demand: the forecast of record's by default, or one scenario's, chosen here.
  const demand = sp.demand && saved.some((s) => s.id === sp.demand) ? sp.demand : "forecast";
  const view = await getComparison(ctx, { contractId: contract.id, scenarioIds: ids, demand });
  const chooser = (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Demand of the comparison">
      {ids.map((id) => (
        <input key={id} type="hidden" name="s" value={id} />
      ))}
      <label className="block text-sm">
        <span className="font-medium text-slate-700">Evaluate every column on</span>
        <select aria-label="Evaluate every column on" name="demand" defaultValue={demand} className="mt-1 block w-full min-w-[18rem] rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300">
          <option value="forecast">The forecast of record</option>
          {saved
            .filter((s) => ids.includes(s.id))
            .map((s) => (
              <option key={s.id} value={s.id}>
                The demand of {scenarioDemandLabel(s)}
              </option>
            ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
        Compare
      </button>
    </form>
  );
  if (view.state !== "ready") {
    return (
      <Card title="Compare scenarios">
        <div className="space-y-4">
          {chooser}
          {view.state === "pending" ? (
            <p className="text-sm text-slate-600" role="status" data-testid="compare-pending">
              Computing the comparison on {demandText(view.demand)}… this page updates when it is ready.
              <AutoRefresh active everyMs={1500} />
            </p>
          ) : (
            <Alert>{view.message}</Alert>
          )}
        </div>
      </Card>
    );
  }
  const result = view.result;
  const cur = contract.currency;
  const cols = result.scenarios.map((s, i) => ({ s, c: result.comparison[i]! }));
  const metric = (label: string, f: (x: (typeof cols)[number]) => string, testId?: string) => ({ label, f, testId });
  const metrics = [
    metric("Total cost", ({ s }) => (s.summary.priceUnpinned && s.summary.totalCost === null ? "Price per credit not set" : formatMoney(s.summary.totalCost, cur)), "compare-total"),
    metric(`Difference vs ${cols[0]!.s.name}`, ({ c }) => (c.costVsFirst === null ? "—" : `${c.costVsFirst.startsWith("-") ? "" : "+"}${formatMoney(c.costVsFirst, cur)}`)),
    metric("Allotment fees", ({ s }) => formatMoney(s.summary.costByComponent.fixed, cur)),
    metric("Packs", ({ s }) => formatMoney(s.summary.costByComponent.packs, cur)),
    metric("Automatic packs", ({ s }) => formatMoney(s.summary.costByComponent.autoPacks, cur)),
    metric("Overage", ({ s }) => formatMoney(s.summary.costByComponent.overage, cur)),
    metric("True-up", ({ s }) => formatMoney(s.summary.costByComponent.trueUp, cur)),
    metric("True-up waived by cap", ({ s }) => formatMoney(s.summary.trueUpWaived, cur)),
    metric("Credits demanded", ({ s }) => formatNumber(s.summary.demandCredits, 0)),
    metric("Credits unserved", ({ s }) => formatNumber(s.summary.unservedCredits, 0)),
    metric(result.scenarios.some((s) => s.summary.exhaustion && s.summary.exhaustion.date <= result.asOf) ? "Balance runs (or ran) out" : "Balance runs out", ({ s }) => (s.summary.exhaustion ? formatDate(s.summary.exhaustion.date) : "Not within the term")),
    metric("Closing balance (credits)", ({ s }) => formatNumber(s.summary.closingBalance, 0)),
    metric("Effective price per action", ({ s }) => formatUnitPrice(s.summary.effectivePricePerAction, cur)),
    metric("Effective price per credit", ({ s }) => formatUnitPrice(s.summary.effectivePricePerCredit, cur)),
  ];
  return (
    <div className="space-y-6">
      <Card title="Compare scenarios" description="Side by side, computed together by the engine on one demand, so a difference between columns is what their clauses change. The first column is the baseline.">
        <div className="mb-4 space-y-3">
          {chooser}
          <p className="text-sm text-slate-700" data-testid="compare-demand">
            Every column uses {demandText(result.demand)}.
          </p>
        </div>
        <ScrollRegion>
          <table className="w-full text-sm" aria-label="Scenario comparison">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4 text-left font-medium">
                  <span className="sr-only">Figure</span>
                </th>
                {cols.map(({ s }) => (
                  <th key={s.id} scope="col" className="py-2 pr-4 text-right font-medium normal-case">
                    <Link href={`${base}/scenarios/${s.id}`} className="text-sm text-indigo-700 hover:underline">
                      {s.name}
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {metrics.map((m) => (
                <tr key={m.label}>
                  <th scope="row" className="py-2 pr-4 text-left font-medium text-slate-600">
                    {m.label}
                  </th>
                  {cols.map((x) => (
                    <td key={x.s.id} className="py-2 pr-4 text-right tabular-nums text-slate-900" {...(m.testId ? { "data-testid": m.testId } : {})}>
                      {m.f(x)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Card>
      <CompareCostChart series={result.scenarios.map((s) => ({ name: s.name, rows: chartRows(s) }))} currency={cur} />
    </div>
  );
}
