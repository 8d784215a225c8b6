import type { Metadata } from "next";
import Link from "next/link";
import { formatDate, formatMoney, formatNumber } from "@/components/format";
import { buttonClass } from "@/components/ui/button-class";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState } from "@/components/ui/card";
import { hasRole } from "@/lib/services/context";
import { evaluateScenarios } from "@/lib/services/scenarios/evaluate";
import { listScenarios } from "@/lib/services/scenarios/list";
import { evaluationOrMessage, getContractPage } from "../../../_lib/data";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { duplicateScenarioAction } from "../../../actions";

export const metadata: Metadata = { title: "Scenarios" };

export default async function ScenariosPage({ params, searchParams }: { params: Promise<{ workspaceId: string; contractId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { workspaceId, contractId } = await params;
  const { error } = await searchParams;
  const { ctx, contract } = await getContractPage(workspaceId, contractId);
  const saved = await listScenarios(ctx, contract.id);
  const canEdit = hasRole(ctx.role, "editor");
  const base = `/w/${ctx.workspace.id}/contracts/${contract.id}`;
  const evaluation = saved.length ? await evaluationOrMessage(evaluateScenarios(ctx, { contractId: contract.id })) : null;
  const figures = new Map(evaluation?.ok ? evaluation.value.result.comparison.map((c) => [c.id, c]) : []);
  return (
    <Card
      title="Scenarios"
      description="Saved what-ifs of this contract: a demand source and the clauses you would ask for. Tick two or more to compare them side by side."
      actions={
        canEdit ? (
          <Link href={`${base}/scenarios/new`} className={buttonClass("primary")}>
            New scenario
          </Link>
        ) : undefined
      }
    >
      {error && (
        <div className="mb-3">
          <Alert>{error.slice(0, 300)}</Alert>
        </div>
      )}
      {evaluation && !evaluation.ok && (
        <div className="mb-3">
          <Alert>{evaluation.message}</Alert>
        </div>
      )}
      {saved.length === 0 ? (
        <EmptyState title="No saved scenarios yet">{canEdit ? "Build one: start from the current terms and change the clauses you will negotiate." : "An editor of this workspace can build scenarios."}</EmptyState>
      ) : (
        <form action={`${base}/compare`} method="get" className="space-y-3">
          <ScrollRegion>
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="w-10 py-2 pr-2 font-medium">
                    <span className="sr-only">Compare</span>
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">Scenario</th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">Total cost</th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">Credits demanded</th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">Unserved</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Balance runs out</th>
                  {canEdit && (
                    <th scope="col" className="py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {saved.map((s) => {
                  const f = figures.get(s.id);
                  return (
                    <tr key={s.id}>
                      <td className="py-2 pr-2">
                        <input type="checkbox" name="s" value={s.id} aria-label={`Compare ${s.name}`} />
                      </td>
                      <td className="py-2 pr-4 font-medium">
                        <Link href={`${base}/scenarios/${s.id}`} className="text-indigo-700 hover:underline">
                          {s.name}
                        </Link>
                      </td>
                      <td className="py-2 pr-4 text-right tabular-nums">{f ? (f.priceUnpinned && f.totalCost === null ? "Price unpinned" : formatMoney(f.totalCost, contract.currency)) : "—"}</td>
                      <td className="py-2 pr-4 text-right tabular-nums">{f ? formatNumber(f.demandCredits, 0) : "—"}</td>
                      <td className="py-2 pr-4 text-right tabular-nums">{f ? formatNumber(f.unservedCredits, 0) : "—"}</td>
                      <td className="py-2 pr-4">{f ? (f.exhaustionDate ? formatDate(f.exhaustionDate) : "Not within the term") : "—"}</td>
                      {canEdit && (
                        <td className="py-2 text-right">
                          <button type="submit" formAction={duplicateScenarioAction.bind(null, ctx.workspace.id, contract.id, s.id)} formMethod="post" className={buttonClass("secondary")} aria-label={`Duplicate ${s.name}`}>
                            Duplicate
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
          <button type="submit" className={buttonClass("secondary")}>
            Compare selected
          </button>
        </form>
      )}
    </Card>
  );
}
