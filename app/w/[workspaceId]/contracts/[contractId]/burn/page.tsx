import type { Metadata } from "next";
import Link from "next/link";
import { BurnCharts } from "@/components/burn/burn-charts";
import { BurnChargesPanel } from "@/components/burn/burn-charges";
import { BurnImporter } from "@/components/burn/burn-importer";
import { BurnImportsList } from "@/components/burn/burn-imports";
import { BurnRowsTable, BurnTotalsTable } from "@/components/burn/burn-tables";
import { ManualEntryForm } from "@/components/burn/manual-entry-form";
import { ForecastFigures } from "@/components/forecast/forecast-figures";
import { ForecastStatus } from "@/components/forecast/forecast-status";
import { remedySentence, runOutSentence } from "@/components/forecast/when";
import { formatNumber } from "@/components/format";
import { Card, EmptyState } from "@/components/ui/card";
import { listBurnCharges } from "@/lib/services/burn/charges";
import { burnChartData } from "@/lib/services/burn/chart";
import { listBurnImports } from "@/lib/services/burn/get-import";
import { listBurnRows } from "@/lib/services/burn/list-rows";
import { TOTAL_DIMENSIONS, type TotalDimension } from "@/lib/services/burn/schema";
import { burnTotals } from "@/lib/services/burn/totals";
import { hasRole } from "@/lib/services/context";
import { todayIso } from "@/lib/services/forecast/inputs";
import { getVendorOrThrow } from "@/lib/services/vendors/get";
import { forecastForPage } from "../../../_lib/forecast";
import { getContractPage } from "../../_lib/data";
import { addBurnRowAction, deleteBurnRowAction, recordPurchaseAction, rollbackImportAction } from "./actions";

export const metadata: Metadata = { title: "Burn" };

const TAB_LABEL: Record<TotalDimension, string> = { period: "By period", agent: "By agent", unit: "By unit", environment: "By environment" };
const PAGE_SIZE = 50;

export default async function BurnPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string; contractId: string }>;
  searchParams: Promise<{ by?: string; page?: string }>;
}) {
  const { workspaceId, contractId } = await params;
  const query = await searchParams;
  const { ctx, contract } = await getContractPage(workspaceId, contractId);
  const vendor = await getVendorOrThrow(ctx, contract.vendorId);
  const by: TotalDimension = (TOTAL_DIMENSIONS as readonly string[]).includes(query.by ?? "") ? (query.by as TotalDimension) : "period";
  const page = Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1);
  const canEdit = hasRole(ctx.role, "editor");
  const forecast = await forecastForPage(ctx, contract.id);
  const today = todayIso();
  const [totals, rows, chart, imports, charges] = await Promise.all([
    burnTotals(ctx, { contractId: contract.id, by }),
    listBurnRows(ctx, { contractId: contract.id, page, pageSize: PAGE_SIZE }),
    burnChartData(ctx, { contractId: contract.id }, forecast),
    listBurnImports(ctx, { contractId: contract.id, limit: 20 }),
    listBurnCharges(ctx, { contractId: contract.id }),
  ]);
  const base = `/w/${ctx.workspace.id}/contracts/${contract.id}/burn`;
  const href = (q: { by?: string; page?: number }) => {
    const s = new URLSearchParams();
    if ((q.by ?? by) !== "period") s.set("by", q.by ?? by);
    if ((q.page ?? 1) > 1) s.set("page", String(q.page));
    const qs = s.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const pages = Math.max(1, Math.ceil(rows.total / PAGE_SIZE));
  const result = forecast.result;
  const sentence = !result
    ? ""
    : !chart.hasAllotment && chart.quantity === "credits"
      ? "The contract grants no allotment, so there is nothing to run out; add one under Terms."
      : result.runOut
        ? `${runOutSentence(result.runOut, today)} ${remedySentence(result.runOut, today, contract.currency)}`
        : "On the forecast of record the balance lasts the whole term.";

  return (
    <div className="space-y-6">
      <Card title="Observed burn" description="Consumption as the vendor reported it, against what the contract grants, with the contract's forecast of record.">
        {totals.total.rows === 0 ? (
          <EmptyState title="No burn yet">
            <p>{canEdit ? "Import a usage file or add rows by hand below." : "An editor of this workspace can import usage files."}</p>
          </EmptyState>
        ) : (
          <div className="space-y-4">
            <ForecastStatus view={forecast} />
            {sentence && (
              <p className="text-base font-medium text-slate-900" data-testid="exhaustion-sentence">
                {sentence}
              </p>
            )}
            {result && <ForecastFigures result={result} today={today} compact />}
            <BurnCharts data={chart} currency={contract.currency} granularity={contract.granularity} today={today} />
            {chart.fit && <p className="text-xs text-slate-500">{chart.fit.explanation}</p>}
          </div>
        )}
      </Card>

      {canEdit && (
        <Card title="Import a usage file" description="CSV or XLSX. FinOps FOCUS files are recognised without a mapping. The import is all or nothing, and rows already stored are not counted twice.">
          <BurnImporter workspaceId={ctx.workspace.id} contractId={contract.id} vendorName={vendor.name} currency={contract.currency} />
        </Card>
      )}

      {totals.total.rows > 0 && (
        <Card title="Totals">
          <nav aria-label="Group totals" className="mb-3 flex flex-wrap gap-1">
            {TOTAL_DIMENSIONS.map((d) => (
              <Link
                key={d}
                href={href({ by: d })}
                aria-current={d === by ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 text-sm font-medium ${d === by ? "bg-indigo-50 text-indigo-700 ring-1 ring-indigo-200" : "text-slate-600 hover:bg-slate-100"}`}
                scroll={false}
              >
                {TAB_LABEL[d]}
              </Link>
            ))}
          </nav>
          <BurnTotalsTable groups={totals.groups} total={totals.total} by={by} granularity={totals.granularity} currency={contract.currency} />
        </Card>
      )}

      {charges.groups.length > 0 && (
        <Card
          title="Kept apart from the burn"
          description="Purchases, credits, adjustments, tax, unused commitments and groups left out at import: stored with their import, never counted in the burn totals above."
        >
          <BurnChargesPanel
            groups={charges.groups}
            purchases={charges.purchases}
            currency={contract.currency}
            record={canEdit ? recordPurchaseAction.bind(null, ctx.workspace.id, contract.id) : null}
          />
        </Card>
      )}

      {imports.length > 0 && (
        <Card title="Imports" description={canEdit ? "Newest first. Rolling an import back removes every row it stored, in one step, and is audited." : "Newest first."}>
          <BurnImportsList imports={imports} currency={contract.currency} rollback={canEdit ? rollbackImportAction.bind(null, ctx.workspace.id, contract.id) : null} />
        </Card>
      )}
      {canEdit && (
        <Card title="Add a row by hand" description="For usage you have from an invoice or a console screen rather than a file.">
          <ManualEntryForm action={addBurnRowAction.bind(null, ctx.workspace.id, contract.id)} currency={contract.currency} />
        </Card>
      )}

      {rows.total > 0 && (
        <Card title="Rows" description={`${formatNumber(rows.total, 0)} rows stored, newest period first.`}>
          <BurnRowsTable rows={rows.rows} currency={contract.currency} deleteRow={canEdit ? deleteBurnRowAction.bind(null, ctx.workspace.id, contract.id) : null} />
          {pages > 1 && (
            <nav aria-label="Rows pages" className="mt-3 flex items-center justify-between text-sm">
              {page > 1 ? (
                <Link href={href({ page: page - 1 })} className="font-medium text-indigo-700 hover:underline" scroll={false}>
                  ← Newer
                </Link>
              ) : (
                <span />
              )}
              <span className="text-slate-500">
                Page {page} of {formatNumber(pages, 0)}
              </span>
              {page < pages ? (
                <Link href={href({ page: page + 1 })} className="font-medium text-indigo-700 hover:underline" scroll={false}>
                  Older →
                </Link>
              ) : (
                <span />
              )}
            </nav>
          )}
        </Card>
      )}

    </div>
  );
}
