"use client";
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { useState } from "react";
import { formatDate, formatNumber, formatUnitPrice } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { SortHeader } from "@/components/ui/list-controls";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { BurnTotal } from "@/lib/services/burn/totals";
import { ENVIRONMENT_LABEL, formatPeriod } from "./format";

type Dimension = "period" | "agent" | "unit" | "environment";

const GROUP_HEADER: Record<Dimension, string> = { period: "Period", agent: "Agent", unit: "Metered unit", environment: "Environment" };

/** Sort decimal strings by value with missing values last, whatever the direction. */
function byDecimal(a: string | null, b: string | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return Number(a) - Number(b);
}

/** `textColumns` leading columns hold text (left-aligned); the rest are figures (right-aligned). */
function SortableTable<T>({
  data,
  columns,
  label,
  footer,
  empty,
  textColumns = 1,
  minWidth = "min-w-[40rem]",
  serverSort,
}: {
  data: T[];
  columns: ColumnDef<T>[];
  label: string;
  footer?: React.ReactNode;
  empty: string;
  textColumns?: number;
  /** wide tables scroll sideways on a phone from this width; narrow ones fit the screen */
  minWidth?: string;
  /** the rows come sorted by the server: these columns' headers are links to the other orders */
  serverSort?: Record<string, { href: string; state: "asc" | "desc" | null }>;
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the table instance is used in this component only
  const table = useReactTable({ data, columns, state: { sorting }, onSortingChange: setSorting, manualSorting: !!serverSort, enableSorting: !serverSort, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel() });
  return (
    <div tabIndex={0} className="max-h-[32rem] overflow-auto rounded-md ring-1 ring-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
      <table className={`w-full ${minWidth} text-right text-sm tabular-nums`} aria-label={label}>
        <thead className="sticky top-0 z-10 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h, i) => {
                const server = serverSort?.[h.column.id];
                const sorted = server ? (server.state ?? false) : h.column.getIsSorted();
                return (
                  <th key={h.id} scope="col" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined} className={`px-2 py-2 font-medium sm:px-3 ${i < textColumns ? "text-left" : ""}`}>
                    {server ? (
                      <SortHeader label={String(h.column.columnDef.header)} href={server.href} state={server.state} />
                    ) : h.column.getCanSort() ? (
                      <button type="button" onClick={h.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 uppercase hover:text-slate-800">
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden="true">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}</span>
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-500">
                {empty}
              </td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                {row.getVisibleCells().map((cell, i) => (
                  <td key={cell.id} className={`px-2 py-1.5 sm:px-3 ${i === 0 ? "max-w-[18rem] truncate text-left font-medium text-slate-800" : i < textColumns ? "max-w-[16rem] truncate text-left text-slate-700" : "text-slate-700"}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
        {footer}
      </table>
    </div>
  );
}

export function BurnTotalsTable({ groups, total, by, granularity, currency }: { groups: BurnTotal[]; total: BurnTotal; by: Dimension; granularity: "month" | "week"; currency: string }) {
  const keyLabel = (k: string | null) => (k === null ? "(not given)" : by === "period" ? formatPeriod(k, granularity) : by === "environment" ? (ENVIRONMENT_LABEL[k] ?? k) : k);
  const columns: ColumnDef<BurnTotal>[] = [
    { id: "key", header: GROUP_HEADER[by], accessorFn: (r) => r.key ?? "", cell: (c) => <span title={c.row.original.key ?? undefined}>{keyLabel(c.row.original.key)}</span> },
    { id: "rows", header: "Rows", accessorKey: "rows", cell: (c) => formatNumber(c.row.original.rows, 0) },
    { id: "actions", header: "Actions", accessorFn: (r) => r.actions, sortingFn: (a, b) => byDecimal(a.original.actions, b.original.actions), cell: (c) => formatNumber(c.row.original.actions, 4) },
    { id: "credits", header: "Credits", accessorFn: (r) => r.credits, sortingFn: (a, b) => byDecimal(a.original.credits, b.original.credits), cell: (c) => formatNumber(c.row.original.credits, 4) },
    { id: "cost", header: `Cost (${currency})`, accessorFn: (r) => r.cost, sortingFn: (a, b) => byDecimal(a.original.cost, b.original.cost), cell: (c) => formatUnitPrice(c.row.original.cost, currency) },
  ];
  const footer = (
    <tfoot className="sticky bottom-0 bg-slate-50 font-semibold text-slate-900">
      <tr>
        <th scope="row" className="px-2 py-2 sm:px-3 text-left">
          Total
        </th>
        <td className="px-2 py-2 sm:px-3" data-testid="burn-total-rows">{formatNumber(total.rows, 0)}</td>
        <td className="px-2 py-2 sm:px-3">{formatNumber(total.actions, 4)}</td>
        <td className="px-2 py-2 sm:px-3" data-testid="burn-total-credits">{formatNumber(total.credits, 4)}</td>
        <td className="px-2 py-2 sm:px-3">{formatUnitPrice(total.cost, currency)}</td>
      </tr>
    </tfoot>
  );
  return <SortableTable data={groups} columns={columns} label={`Burn totals by ${by}`} footer={footer} empty="No burn yet." minWidth="min-w-[22rem]" />;
}

export interface BurnRowView {
  id: number;
  periodStart: string;
  periodEnd: string | null;
  agent: string | null;
  unit: string | null;
  environment: string | null;
  actions: string | null;
  credits: string | null;
  cost: string | null;
  currency: string | null;
  manual: boolean;
}

export function BurnRowsTable({
  rows,
  currency,
  deleteRow,
  serverSort,
}: {
  rows: BurnRowView[];
  currency: string;
  deleteRow?: ((rowId: number) => Promise<ActionResult<null>>) | null;
  serverSort?: Record<string, { href: string; state: "asc" | "desc" | null }>;
}) {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const missing = <span className="text-slate-500">—</span>;
  const columns: ColumnDef<BurnRowView>[] = [
    { id: "period", header: "Period start", accessorKey: "periodStart" },
    { id: "agent", header: "Agent", accessorFn: (r) => r.agent ?? "", cell: (c) => c.row.original.agent ?? missing },
    { id: "unit", header: "Metered unit", accessorFn: (r) => r.unit ?? "", cell: (c) => <span title={c.row.original.unit ?? undefined}>{c.row.original.unit ?? missing}</span> },
    { id: "environment", header: "Environment", accessorFn: (r) => r.environment ?? "", cell: (c) => (c.row.original.environment ? ENVIRONMENT_LABEL[c.row.original.environment] : missing) },
    { id: "actions", header: "Actions", accessorFn: (r) => r.actions, sortingFn: (a, b) => byDecimal(a.original.actions, b.original.actions), cell: (c) => (c.row.original.actions === null ? missing : formatNumber(c.row.original.actions, 4)) },
    { id: "credits", header: "Credits", accessorFn: (r) => r.credits, sortingFn: (a, b) => byDecimal(a.original.credits, b.original.credits), cell: (c) => (c.row.original.credits === null ? missing : formatNumber(c.row.original.credits, 4)) },
    { id: "cost", header: "Cost", accessorFn: (r) => r.cost, sortingFn: (a, b) => byDecimal(a.original.cost, b.original.cost), cell: (c) => (c.row.original.cost === null ? missing : formatUnitPrice(c.row.original.cost, c.row.original.currency ?? currency)) },
    { id: "source", header: "Source", accessorFn: (r) => (r.manual ? "manual" : "import"), cell: (c) => <span className="text-xs text-slate-500">{c.row.original.manual ? "typed in" : "imported"}</span> },
  ];
  if (deleteRow) {
    columns.push({
      id: "delete",
      header: () => <span className="sr-only">Delete</span>,
      enableSorting: false,
      cell: (c) => {
        const r = c.row.original;
        if (!r.manual) return null;
        return (
          <ConfirmButton
            label="Delete"
            ariaLabel={`Delete the row of ${formatDate(r.periodStart)}${r.agent ? ` for ${r.agent}` : ""}`}
            title="Delete this row?"
            confirmLabel="Delete row"
            pendingLabel="Deleting…"
            variant="ghost"
            onConfirm={async () => {
              const out = await deleteRow(r.id);
              setResult(out.ok ? { ok: true, text: out.message ?? "Row deleted." } : { ok: false, text: out.error });
            }}
          >
            <p>
              The row typed in for {formatDate(r.periodStart)}
              {r.agent ? ` (${r.agent})` : ""} is removed from the burn; the deletion is recorded in the audit log.
            </p>
          </ConfirmButton>
        );
      },
    });
  }
  return (
    <div className="space-y-2">
      <div aria-live="polite" data-testid="row-delete-result">
        {result && <Alert kind={result.ok ? "success" : "error"}>{result.text}</Alert>}
      </div>
      <SortableTable data={rows} columns={columns} label="Burn rows" empty="No burn row matches." textColumns={4} serverSort={serverSort} />
    </div>
  );
}
