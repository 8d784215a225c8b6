import type { Metadata } from "next";
import Link from "next/link";
import { BriefBuilderForm } from "@/components/briefs/brief-builder-form";
import { BriefList } from "@/components/briefs/brief-list";
import { Card, EmptyState } from "@/components/ui/card";
import { hasRole } from "@/lib/services/context";
import { listBriefs } from "@/lib/services/briefs/read";
import { costText, runOutSentence } from "@/components/forecast/when";
import { getComparison } from "@/lib/services/forecast/compare";
import { todayIso } from "@/lib/services/forecast/inputs";
import { BASIS_LABEL } from "@/lib/services/forecast/types";
import { listScenarios } from "@/lib/services/scenarios/list";
import { termPeriods } from "@/lib/workbench/model";
import { createBriefAction } from "../../../briefs/actions";
import { forecastForPage } from "../../../_lib/forecast";
import { getContractPage } from "../../_lib/data";

export const metadata: Metadata = { title: "Briefs" };

const pick = (list: { id: string; name: string }[], pattern: RegExp, fallback: string) => {
  const found = list.filter((s) => pattern.test(s.name));
  // "Vendor proposal at the quoted price" over "Vendor proposal, usage accelerating": the plainest name wins.
  return found.sort((a, b) => Number(/accelerat|heavy/i.test(a.name)) - Number(/accelerat|heavy/i.test(b.name)))[0]?.id ?? fallback;
};

export default async function ContractBriefsPage({ params }: { params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  const { ctx, contract } = await getContractPage(workspaceId, contractId);
  const [briefs, scenarios] = await Promise.all([listBriefs(ctx, { contractId: contract.id }), listScenarios(ctx, contract.id)]);
  const canEdit = hasRole(ctx.role, "editor");
  const list = scenarios.map((s) => ({ id: s.id, name: s.name }));
  // Prefer scenarios the engine can price: a vendor's proposal without a price per credit (Workday
  // publishes none) gives a brief with no figures. Read from the stored comparison of the saved
  // scenarios on the forecast of record (computed by a job; until it is there, names decide).
  let priced = list;
  const forecast = canEdit ? await forecastForPage(ctx, contract.id) : null;
  if (canEdit && list.length >= 2) {
    const cmp = await getComparison(ctx, { contractId: contract.id, scenarioIds: list.slice(0, 8).map((s) => s.id), demand: "forecast" });
    if (cmp.state === "ready") {
      const costs = new Map(cmp.result.comparison.map((c) => [c.id, c.totalCost]));
      priced = list.filter((s) => costs.get(s.id) != null);
    }
  }
  const vendor = pick(priced, /vendor|proposal/i, pick(list, /vendor|proposal/i, list[0]?.id ?? ""));
  const asks = pick(list.filter((s) => s.id !== vendor), /ask/i, list.find((s) => s.id !== vendor)?.id ?? "");
  const walkAway = pick(list.filter((s) => s.id !== vendor && s.id !== asks), /walk/i, "");
  const base = `/w/${ctx.workspace.id}/contracts/${contract.id}`;
  return (
    <div className="space-y-6">
      <Card title="Briefs" description="Signed-off snapshots of the case for this renewal: what you hand the CFO before the call. Each version keeps its figures.">
        {briefs.length === 0 ? (
          <EmptyState title="No brief yet">{canEdit ? "Build the first one below." : "An editor of this workspace can build briefs."}</EmptyState>
        ) : (
          <BriefList workspaceId={ctx.workspace.id} briefs={briefs} showContract={false} />
        )}
      </Card>
      {canEdit && (
        <Card title="Build a brief" description="Set the vendor's proposal, our asks and the walk-away side by side over a horizon. The engine simulates the uncertainty, values every ask and reads the risks in the burn.">
          {forecast?.result && (
            <p className="mb-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-200" data-testid="builder-forecast">
              The forecast of record ({BASIS_LABEL[forecast.result.basis].toLowerCase()}): {runOutSentence(forecast.result.runOut, todayIso())} Forecast cost of the term {costText(forecast.result.cost, contract.currency)}.{" "}
              Each scenario of the brief takes its own demand (its drivers, or the observed trend), simulated over the horizon.
            </p>
          )}
          {list.length < 2 ? (
            <EmptyState title="A brief needs at least two saved scenarios">
              Save the vendor&apos;s proposal and our asks as scenarios first.{" "}
              <Link className="text-indigo-700 underline" href={`${base}/scenarios/new`}>
                New scenario
              </Link>
            </EmptyState>
          ) : (
            <BriefBuilderForm
              action={createBriefAction.bind(null, ctx.workspace.id, contract.id)}
              workspaceId={ctx.workspace.id}
              scenarios={list}
              defaults={{
                vendor,
                asks,
                walkAway,
                horizonPeriods: termPeriods(contract.termStart, contract.termEnd, contract.granularity),
                unit: contract.granularity === "week" ? "weeks" : "months",
                termStart: contract.termStart,
                renewalDate: contract.renewalDate,
              }}
            />
          )}
        </Card>
      )}
    </div>
  );
}
