import type { Metadata } from "next";
import Link from "next/link";
import { CompareCostChart } from "@/components/charts/scenario-charts";
import { formatDate, formatMoney, formatNumber, formatUnitPrice } from "@/components/format";
import { chartRows } from "@/components/scenarios/view-model";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState } from "@/components/ui/card";
import { getWorkspacePageCtx } from "@/lib/auth/page-context";
import { getContractOrThrow } from "@/lib/services/contracts/get";
import { evaluateScenarios } from "@/lib/services/scenarios/evaluate";
import { listScenarios } from "@/lib/services/scenarios/list";
import { evaluationOrMessage, orNotFound } from "../../_lib/data";

export const metadata: Metadata = { title: "Compare scenarios" };

export default async function ComparePage({ params, searchParams }: { params: Promise<{ workspaceId: string; contractId: string }>; searchParams: Promise<{ s?: string | string[] }> }) {
  const { workspaceId, contractId } = await params;
  const sp = await searchParams;
  const ctx = await getWorkspacePageCtx(workspaceId);
  const contract = await orNotFound(getContractOrThrow(ctx, contractId));
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
  const evaluation = await evaluationOrMessage(evaluateScenarios(ctx, { contractId: contract.id, scenarioIds: ids }));
  if (!evaluation.ok) {
    return (
      <Card title="Compare scenarios">
        <Alert>{evaluation.message}</Alert>
      </Card>
    );
  }
  const { result } = evaluation.value;
  const cur = contract.currency;
  const cols = result.scenarios.map((s, i) => ({ s, c: result.comparison[i]! }));
  const metric = (label: string, f: (x: (typeof cols)[number]) => string, testId?: string) => ({ label, f, testId });
  const metrics = [
    metric("Total cost", ({ s }) => (s.summary.priceUnpinned && s.summary.totalCost === null ? "Price unpinned" : formatMoney(s.summary.totalCost, cur)), "compare-total"),
    metric(`Difference vs ${cols[0]!.s.name}`, ({ c }) => (c.costVsFirst === null ? "—" : `${c.costVsFirst.startsWith("-") ? "" : "+"}${formatMoney(c.costVsFirst, cur)}`)),
    metric("Allotment fees", ({ s }) => formatMoney(s.summary.costByComponent.fixed, cur)),
    metric("Packs", ({ s }) => formatMoney(s.summary.costByComponent.packs, cur)),
    metric("Automatic packs", ({ s }) => formatMoney(s.summary.costByComponent.autoPacks, cur)),
    metric("Overage", ({ s }) => formatMoney(s.summary.costByComponent.overage, cur)),
    metric("True-up", ({ s }) => formatMoney(s.summary.costByComponent.trueUp, cur)),
    metric("True-up waived by cap", ({ s }) => formatMoney(s.summary.trueUpWaived, cur)),
    metric("Credits demanded", ({ s }) => formatNumber(s.summary.demandCredits, 0)),
    metric("Credits unserved", ({ s }) => formatNumber(s.summary.unservedCredits, 0)),
    metric("Balance runs out", ({ s }) => (s.summary.exhaustion ? formatDate(s.summary.exhaustion.date) : "Not within the term")),
    metric("Closing balance (credits)", ({ s }) => formatNumber(s.summary.closingBalance, 0)),
    metric("Effective price per action", ({ s }) => formatUnitPrice(s.summary.effectivePricePerAction, cur)),
    metric("Effective price per credit", ({ s }) => formatUnitPrice(s.summary.effectivePricePerCredit, cur)),
  ];
  return (
    <div className="space-y-6">
      <Card title="Compare scenarios" description={`Side by side, computed together by the engine. The first column is the baseline.`}>
        <div className="overflow-x-auto">
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
        </div>
      </Card>
      <CompareCostChart series={result.scenarios.map((s) => ({ name: s.name, rows: chartRows(s) }))} currency={cur} />
    </div>
  );
}
