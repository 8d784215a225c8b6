"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { formatMoney, formatNumber } from "@/components/format";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { BurnImportListItem } from "@/lib/services/burn/get-import";
import type { RollbackOutcome } from "@/lib/services/burn/rollback-import";

const CATEGORY_NAME: Record<string, string> = {
  purchase: "purchases",
  credit: "credits",
  adjustment: "adjustments",
  tax: "tax",
  unusedCommitment: "unused commitment",
  usage: "left out",
  other: "other charges",
};

function figures(f: { credits: string | null; cost: string | null }, currency: string): string {
  const parts = [f.credits !== null ? `${formatNumber(f.credits, 4)} credits` : null, f.cost !== null ? formatMoney(f.cost, currency) : null].filter((p) => p !== null);
  return parts.length > 0 ? parts.join(", ") : "nothing";
}

function when(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

function statusOf(i: BurnImportListItem): { text: string; tone: string } {
  switch (i.status) {
    case "succeeded":
      return { text: "Imported", tone: "bg-emerald-50 text-emerald-700 ring-emerald-200" };
    case "rolled_back":
      return { text: "Rolled back", tone: "bg-slate-100 text-slate-600 ring-slate-200" };
    case "running":
      return { text: "Running", tone: "bg-sky-50 text-sky-700 ring-sky-200" };
    case "stalled":
      return { text: "Interrupted", tone: "bg-amber-50 text-amber-800 ring-amber-200" };
    default:
      return { text: "Refused", tone: "bg-red-50 text-red-700 ring-red-200" };
  }
}

/**
 * The contract's imports, newest first: file, when, who, rows, what they added, status; editors can
 * roll a stored import back (after a confirmation), viewers only read.
 */
export function BurnImportsList({ imports, currency, rollback }: { imports: BurnImportListItem[]; currency: string; rollback: ((importId: string) => Promise<ActionResult<RollbackOutcome>>) | null }) {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="space-y-3">
      <div aria-live="polite" data-testid="rollback-result">
        {result && <Alert kind={result.ok ? "success" : "error"}>{result.text}</Alert>}
      </div>
      <ul className="divide-y divide-slate-100 text-sm" aria-label="Imports">
        {imports.map((i) => {
          const status = statusOf(i);
          const c = i.totals?.consumption;
          const apart = (i.totals?.keptApart ?? []).filter((k) => k.rows > 0);
          return (
            <li key={i.id} className="space-y-1 py-3" data-testid="import-item">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="min-w-0 max-w-full truncate font-medium text-slate-900" title={i.fileName}>
                  {i.fileName}
                </span>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${status.tone}`}>{status.text}</span>
              </div>
              <p className="text-xs text-slate-500">
                {when(i.createdAt)}
                {i.createdByName ? ` · by ${i.createdByName}` : ""}
                {i.status === "rolled_back" && i.rolledBackAt ? ` · rolled back ${when(i.rolledBackAt)}${i.rolledBackByName ? ` by ${i.rolledBackByName}` : ""}` : ""}
              </p>
              <p className="text-slate-700">
                {i.status === "succeeded" || i.status === "rolled_back" ? (
                  <>
                    {formatNumber(i.rowsRead, 0)} {i.rowsRead === 1 ? "row" : "rows"} read, {formatNumber(i.rowsInserted, 0)} stored
                    {i.rowsDuplicate > 0 ? `, ${formatNumber(i.rowsDuplicate, 0)} already stored` : ""}
                    {c ? ` · ${c.credits === null && c.cost === null ? "no burn added" : `added ${figures(c, currency)} to the burn`}` : ""}
                    {i.restated.map((r) => ` · restated ${r.label.split(" (")[0]}, ${figures(r.before, currency)} → ${figures(r.after, currency)}`).join("")}
                    {apart.length > 0 ? ` · kept apart: ${apart.map((k) => `${CATEGORY_NAME[k.category] ?? k.category} ${k.cost !== null ? formatMoney(k.cost, currency) : `${formatNumber(k.rows, 0)} rows`}${k.billedCost !== null && k.billedCost !== k.cost ? ` (billed ${formatMoney(k.billedCost, currency)})` : ""}`).join(", ")}` : ""}
                  </>
                ) : i.status === "running" ? (
                  `${formatNumber(i.rowsRead, 0)} rows read so far`
                ) : i.status === "stalled" ? (
                  "Nothing stored."
                ) : (
                  `${formatNumber(i.errorCount, 0)} ${i.errorCount === 1 ? "problem" : "problems"}: nothing stored.${i.errors[0] ? ` ${i.errors[0].message}` : ""}`
                )}
              </p>
              {rollback && i.status === "succeeded" && (
                <div className="pt-1">
                  <ConfirmButton
                    label="Roll back"
                    ariaLabel={`Roll back ${i.fileName}`}
                    title={`Roll back ${i.fileName}?`}
                    confirmLabel="Roll back"
                    pendingLabel="Rolling back…"
                    onConfirm={async () => {
                      const r = await rollback(i.id);
                      setResult(r.ok ? { ok: true, text: r.message ?? "Rolled back." } : { ok: false, text: r.error });
                    }}
                  >
                    <p>
                      Every row this import stored is removed ({formatNumber(i.rowsInserted, 0)}), and rows it replaced in a restated period are put back. The roll-back is recorded in the
                      workspace&apos;s audit log.
                    </p>
                  </ConfirmButton>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
