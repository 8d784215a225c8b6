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
import { buttonClass } from "@/components/ui/button-class";
import { Card, EmptyState } from "@/components/ui/card";
import { listBurnCharges } from "@/lib/services/burn/charges";
import { burnChartData } from "@/lib/services/burn/chart";
import { listBurnImports } from "@/lib/services/burn/get-import";
import { BURN_ROW_SORTS, listBurnRows, type BurnRowSort } from "@/lib/services/burn/list-rows";
import { listHref, parseListParams, pickParam, type SearchParams } from "@/lib/services/list-params";
import { ListSearch, Pager } from "@/components/ui/list-controls";
import { TOTAL_DIMENSIONS, type TotalDimension } from "@/lib/services/burn/schema";
import { burnTotals } from "@/lib/services/burn/totals";
import { hasRole } from "@/lib/services/context";
import { todayIso } from "@/lib/services/forecast/inputs";
import { getVendorOrThrow } from "@/lib/services/vendors/get";
import { forecastForPage } from "../../../_lib/forecast";
import { getContractPage } from "../../_lib/data";
import { addBurnRowAction, deleteBurnRowAction, recordPurchaseAction, rollbackImportAction } from "./actions";
import { EngineText } from "@/components/ui/engine-text";

export const metadata: Metadata = { title: "Burn" };

const TAB_LABEL: Record<TotalDimension, string> = { period: "By period", agent: "By agent", unit: "By unit", environment: "By environment" };
const PAGE_SIZE = 50;

export default async function BurnPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string; contractId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { workspaceId, contractId } = await params;
  const query = await searchParams;
  const list = parseListParams(query, BURN_ROW_SORTS, { sort: "period", dir: "desc" });
  const environment = pickParam(query, "env", ["production", "nonProduction"] as const);
  const source = pickParam(query, "source", ["imported", "manual"] as const);
  const { ctx, contract } = await getContractPage(workspaceId, contractId);
  const vendor = await getVendorOrThrow(ctx, contract.vendorId);
  const by: TotalDimension = pickParam(query, "by", TOTAL_DIMENSIONS) ?? "period";
  const page = list.page;
  const canEdit = hasRole(ctx.role, "editor");
  const forecast = await forecastForPage(ctx, contract.id);
  const today = todayIso();
  const [totals, rows, chart, imports, charges] = await Promise.all([
    burnTotals(ctx, { contractId: contract.id, by }),
    listBurnRows(ctx, { contractId: contract.id, page, pageSize: PAGE_SIZE, q: list.q, environment, source, sort: list.sort, dir: list.dir }),
    burnChartData(ctx, { contractId: contract.id }, forecast),
    listBurnImports(ctx, { contractId: contract.id, limit: 20 }),
    listBurnCharges(ctx, { contractId: contract.id }),
  ]);
  const base = `/w/${ctx.workspace.id}/contracts/${contract.id}/burn`;
  const current = { by, q: list.q, env: environment, source, sort: list.sort, dir: list.dir, page };
  const defaults = { by: "period", sort: "period", dir: "desc" };
  // a link keeps the rows' search and order, and goes back to their first page unless it names one
  const href = (change: Record<string, string | number | undefined>) => listHref(base, current, { page: 1, ...change }, defaults);
  const firstDir: Record<BurnRowSort, "asc" | "desc"> = { period: "desc", agent: "asc", unit: "asc", actions: "desc", credits: "desc", cost: "desc" };
  const serverSort = Object.fromEntries(
    BURN_ROW_SORTS.map((col) => [
      col,
      { state: list.sort === col ? list.dir : null, href: href({ sort: col, dir: list.sort === col ? (list.dir === "asc" ? "desc" : "asc") : firstDir[col] }) + "#rows" },
    ]),
  );
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
            {chart.fit && (
              <p className="text-xs text-slate-500">
                <EngineText text={chart.fit.explanation} />
              </p>
            )}
          </div>
        )}
      </Card>

      {canEdit && (
        <Card title="Import a usage file" description="CSV or XLSX. FinOps FOCUS files are recognised without a mapping. The import is all or nothing, and rows already stored are not counted twice.">
          <BurnImporter workspaceId={ctx.workspace.id} contractId={contract.id} vendorName={vendor.name} currency={contract.currency} />
        </Card>
      )}

      {totals.total.rows > 0 && (
        <Card
          title="Totals"
          actions={
            // A plain link: the route checks the session and the membership (app/api/w/…/focus).
            <a href={`/api/w/${ctx.workspace.id}/contracts/${contract.id}/focus?dataset=usage`} download className={buttonClass("secondary", "px-2.5 py-1.5 text-xs")} data-testid="focus-usage-download">
              Download as FOCUS (CSV)
            </a>
          }
        >
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
        <Card title="Rows" id="rows" description={`${formatNumber(rows.total, 0)} rows stored. Sort by a column's heading.`}>
          <ListSearch
            action={`${base}#rows`}
            q={list.q}
            label="Find rows"
            placeholder="Agent or metered unit"
            filters={[
              { name: "env", label: "Environment", value: environment ?? "", options: [{ value: "", label: "Any" }, { value: "production", label: "Production" }, { value: "nonProduction", label: "Non-production" }] },
              { name: "source", label: "Source", value: source ?? "", options: [{ value: "", label: "Any" }, { value: "imported", label: "Imported" }, { value: "manual", label: "Typed in" }] },
            ]}
            keep={{ by: by === "period" ? undefined : by, sort: list.sort === "period" ? undefined : list.sort, dir: list.dir === "desc" ? undefined : list.dir }}
            clearHref={href({ q: "", env: undefined, source: undefined }) + "#rows"}
            shown={rows.matching}
            total={rows.total}
            noun="rows"
          />
          <BurnRowsTable rows={rows.rows} currency={contract.currency} serverSort={serverSort} deleteRow={canEdit ? deleteBurnRowAction.bind(null, ctx.workspace.id, contract.id) : null} />
          <Pager page={page} pageSize={PAGE_SIZE} total={rows.matching} href={(p) => href({ page: p }) + "#rows"} label="Rows pages" />
        </Card>
      )}
    </div>
  );
}
