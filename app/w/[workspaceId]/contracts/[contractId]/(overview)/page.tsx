import type { Metadata } from "next";
import Link from "next/link";
import { CostAndBalanceCharts, SkillMixChart } from "@/components/charts/scenario-charts";
import { ContractForm } from "@/components/contracts/contract-form";
import { DeleteContractButton } from "@/components/contracts/delete-contract-button";
import { BasisForm } from "@/components/forecast/basis-form";
import { ForecastFigures } from "@/components/forecast/forecast-figures";
import { ForecastStatus } from "@/components/forecast/forecast-status";
import { formatDate, formatMoney } from "@/components/format";
import { LedgerTable } from "@/components/scenarios/ledger-table";
import { chartRows, exhaustionLabel } from "@/components/scenarios/view-model";
import { Card, EmptyState } from "@/components/ui/card";
import { hasRole } from "@/lib/services/context";
import { listBriefs } from "@/lib/services/briefs/read";
import { basisProblem, defaultBasis } from "@/lib/services/forecast/compute";
import { todayIso } from "@/lib/services/forecast/inputs";
import { FORECAST_BASES } from "@/lib/db/schema/contracts";
import { getRateCardOrThrow, getRateCardVersionOrThrow } from "@/lib/services/ratecards/get";
import { listVendors } from "@/lib/services/vendors/list";
import { forecastForPage } from "../../../_lib/forecast";
import { getContractPage } from "../../_lib/data";
import { describeClause } from "@/lib/brief/clauses";

export const metadata: Metadata = { title: "Overview" };

export default async function ContractPage({ params }: { params: Promise<{ workspaceId: string; contractId: string }> }) {
  const { workspaceId, contractId } = await params;
  const { ctx, contract } = await getContractPage(workspaceId, contractId);
  const rcv = await getRateCardVersionOrThrow(ctx, contract.rateCardVersionId);
  const canEdit = hasRole(ctx.role, "editor");
  const base = `/w/${ctx.workspace.id}/contracts/${contract.id}`;
  const today = todayIso();
  const [rateCard, forecast, vendors, briefs] = await Promise.all([
    getRateCardOrThrow(ctx, rcv.rateCardId),
    forecastForPage(ctx, contract.id),
    canEdit ? listVendors(ctx) : Promise.resolve([]),
    listBriefs(ctx, { contractId: contract.id }),
  ]);
  const latestBrief = briefs[0];
  const result = forecast.result;
  const availability = result?.availability;
  const problems = availability ? Object.fromEntries(FORECAST_BASES.flatMap((b) => { const p = basisProblem(b, availability); return p ? [[b, p]] : []; })) : {};
  return (
    <div className="space-y-6">
      <Card
        title="Forecast of record"
        description="The one forecast every screen reads (this overview, Burn, the portfolio, alerts, Compare and briefs): the contract's terms as they stand today on one demand, computed by the engine off the request."
      >
        <div className="space-y-4">
          <ForecastStatus view={forecast} />
          <BasisForm
            key={contract.version}
            workspaceId={ctx.workspace.id}
            contractId={contract.id}
            version={contract.version}
            chosen={contract.forecastBasis}
            defaultBasis={availability ? defaultBasis(availability) : null}
            problems={problems}
            canEdit={canEdit}
          />
          {result ? (
            <div className="space-y-4" data-testid="scenario-results">
              <ForecastFigures result={result} today={today} />
              <CostAndBalanceCharts rows={chartRows(result.scenario)} currency={contract.currency} exhaustion={exhaustionLabel(result.scenario)} today={today} />
              <SkillMixChart rows={chartRows(result.scenario)} units={result.units} />
              <details className="rounded-md ring-1 ring-slate-200">
                <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-slate-800">Ledger by period</summary>
                <div className="p-2">
                  <LedgerTable scenario={result.scenario} currency={contract.currency} />
                </div>
              </details>
            </div>
          ) : (
            <EmptyState title={forecast.state === "unavailable" ? "No forecast yet" : "Computing the forecast…"}>
              {forecast.state === "unavailable" ? <p>{forecast.message}</p> : <p>The engine is computing this contract&apos;s forecast; this page updates when it is ready.</p>}
              <p className="mt-1">
                Add demand drivers on the <Link href={`${base}/terms`} className="text-indigo-700 underline">Terms</Link> page, or import observed burn under <Link href={`${base}/burn`} className="text-indigo-700 underline">Burn</Link>.
              </p>
            </EmptyState>
          )}
        </div>
      </Card>
      <Card title="Negotiation brief">
        {latestBrief ? (
          <p className="text-sm text-slate-700">
            <Link href={`/w/${ctx.workspace.id}/briefs/${latestBrief.id}`} className="font-medium text-indigo-700 hover:underline">
              {latestBrief.title}
            </Link>{" "}
            · version {latestBrief.latestVersion} · updated {formatDate(latestBrief.updatedAt.toISOString().slice(0, 10))} ·{" "}
            <Link href={`${base}/briefs`} className="text-indigo-700 hover:underline">
              all briefs
            </Link>
          </p>
        ) : (
          <p className="text-sm text-slate-600">
            No brief yet.{" "}
            <Link href={`${base}/briefs`} className="font-medium text-indigo-700 hover:underline">
              {canEdit ? "Build one" : "Briefs"}
            </Link>
            : the vendor&apos;s proposal, our asks and the walk-away side by side, with exports for the executives.
          </p>
        )}
      </Card>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Rate card">
          <p className="text-sm">
            <Link href={`/w/${ctx.workspace.id}/ratecards/${rateCard.id}?v=${rcv.versionNo}`} className="font-medium text-indigo-700 hover:underline">
              {rateCard.name} — version {rcv.versionNo}
            </Link>
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {rcv.lockedAt ? "Locked" : "Draft"} · effective {formatDate(rcv.effectiveFrom)} · {rcv.units.length} unit(s)
          </p>
          <ul className="mt-2 space-y-0.5 text-sm text-slate-600">
            {rcv.units.slice(0, 6).map((u) => (
              <li key={u.id}>
                {u.name}: {String(u.creditsPerUnit)} credits
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Fixed lines">
          {contract.fixedLines.length === 0 ? (
            <p className="text-sm text-slate-500">None.</p>
          ) : (
            <ul className="space-y-1 text-sm text-slate-700">
              {contract.fixedLines.map((l, i) => (
                <li key={i}>
                  {l.description}: {l.quantity} × {formatMoney(l.unitPrice, contract.currency)} per {l.per}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-xs text-slate-500">Priced over the term beside the consumption forecast, never mixed into it.</p>
        </Card>
        <Card title="Consumption terms">
          <ul className="space-y-1 text-sm text-slate-600" data-testid="consumption-terms">
            <li>{(contract.clauses.allotments ?? []).length > 0 ? describeClause("allotments", contract.clauses.allotments, contract.currency).clause : "No allotment: every credit is bought."}</li>
            {(contract.clauses.packs ?? []).length > 0 && <li>{describeClause("packs", contract.clauses.packs, contract.currency).clause}</li>}
            <li>{describeClause("onExhaustion", contract.clauses.onExhaustion ?? { kind: "pause" }, contract.currency).clause}</li>
          </ul>
          <Link href={`${base}/terms`} className="mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline">
            {canEdit ? "Edit terms" : "View terms"}
          </Link>
        </Card>
      </div>
      {canEdit ? (
        <Card title="Contract details" actions={<DeleteContractButton workspaceId={ctx.workspace.id} contractId={contract.id} version={contract.version} name={contract.name} />}>
          <ContractForm
            key={contract.version}
            mode="edit"
            workspaceId={ctx.workspace.id}
            contractId={contract.id}
            version={contract.version}
            vendors={vendors.map((v) => ({ id: v.id, name: v.name }))}
            initial={{
              name: contract.name,
              vendorId: contract.vendorId,
              product: contract.product,
              currency: contract.currency,
              termStart: contract.termStart,
              termEnd: contract.termEnd,
              renewalDate: contract.renewalDate ?? "",
              noticeDays: contract.noticeDays === null ? "" : String(contract.noticeDays),
              granularity: contract.granularity,
              fixedLines: contract.fixedLines,
            }}
          />
        </Card>
      ) : (
        <Card title="Contract details">
          <p className="text-sm text-slate-500">You have read-only access to this workspace.</p>
        </Card>
      )}
    </div>
  );
}
