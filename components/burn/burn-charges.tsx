"use client";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { formatDate, formatMoney, formatNumber } from "@/components/format";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { BurnChargeView } from "@/lib/services/burn/charges";
import { ScrollRegion } from "@/components/ui/scroll-region";

const CATEGORY_LABEL: Record<string, string> = {
  purchase: "Purchase",
  credit: "Credit",
  adjustment: "Adjustment",
  tax: "Tax",
  unusedCommitment: "Unused commitment",
  usage: "Usage left out",
  other: "Other",
};

export interface ChargeGroup {
  category: string;
  groupLabel: string;
  excluded: boolean;
  rows: number;
  credits: string | null;
  cost: string | null;
  billedCost: string | null;
}

/**
 * Rows the imports kept apart from the burn (purchases, credits, adjustments, tax, unused
 * commitments, groups left out), with their sums; never part of the burn totals. An editor can
 * record a purchase of credits in the contract's terms as a pack or an allocation.
 */
export function BurnChargesPanel({
  groups,
  purchases,
  currency,
  record,
}: {
  groups: ChargeGroup[];
  purchases: BurnChargeView[];
  currency: string;
  record: ((chargeId: number, as: "pack" | "allocation") => Promise<ActionResult<null>>) | null;
}) {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const money = (v: string | null) => (v === null ? "—" : formatMoney(v, currency));
  const showBilled = groups.some((g) => g.billedCost !== null && g.billedCost !== g.cost);
  const act = (id: number, as: "pack" | "allocation") =>
    startTransition(async () => {
      const r = await record!(id, as);
      setResult(r.ok ? { ok: true, text: r.message ?? "Recorded." } : { ok: false, text: r.error });
    });
  return (
    <div className="space-y-4">
      <ScrollRegion className="rounded-md ring-1 ring-slate-200">
        <table className="w-full text-sm tabular-nums" aria-label="Charges kept apart from the burn">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">Charge</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Rows</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">{showBilled ? "Credits · effective cost · billed" : "Credits · cost"}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 text-slate-700">
            {groups.map((g) => (
              <tr key={`${g.category}:${g.groupLabel}:${g.excluded}`} className="align-top">
                <th scope="row" className="px-3 py-1.5 text-left font-normal">
                  <span className="block text-xs font-semibold uppercase tracking-wide text-slate-500">
                    {g.category === "usage" && g.excluded ? CATEGORY_LABEL.usage : (CATEGORY_LABEL[g.category] ?? g.category)}
                  </span>
                  <span className="block break-words font-medium text-slate-800">{g.groupLabel || "—"}</span>
                </th>
                <td className="px-3 py-1.5 text-right">{formatNumber(g.rows, 0)}</td>
                <td className="px-3 py-1.5 text-right">
                  {g.credits !== null && <span className="block whitespace-nowrap">{formatNumber(g.credits, 4)} credits</span>}
                  {g.cost !== null && <span className="block whitespace-nowrap">{money(g.cost)}</span>}
                  {g.billedCost !== null && g.billedCost !== g.cost && <span className="block whitespace-nowrap text-xs font-medium">billed {money(g.billedCost)}</span>}
                  {g.credits === null && g.cost === null && "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      {purchases.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-900">Purchases</h3>
          <div aria-live="polite" data-testid="purchase-result">
            {result && <Alert kind={result.ok ? "success" : "error"}>{result.text}</Alert>}
          </div>
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Purchases">
            {purchases.map((p) => (
              <li key={p.id} className="space-y-1 py-2" data-testid="purchase-item">
                <p className="font-medium text-slate-900 break-words">{p.groupLabel || "Purchase"}</p>
                <p className="text-slate-700">
                  {p.credits !== null
                    ? `${formatNumber(p.credits, 4)} credits bought${p.billedCost !== null ? ` for ${money(p.billedCost)}` : p.cost !== null ? ` for ${money(p.cost)}` : ""}`
                    : `${money(p.billedCost ?? p.cost)}, no credits named: not offered as a pack or an allocation (enter it in the terms by hand if it grants any)`}
                  {` · ${formatDate(p.periodStart)}${p.periodEnd ? ` – ${formatDate(p.periodEnd)}` : ""}`}
                  <span className="text-xs text-slate-500"> · from {p.fileName}</span>
                </p>
                {p.recordedAs ? (
                  <p className="text-xs font-medium text-emerald-700">Recorded as {p.recordedAs === "pack" ? "a pack" : "an allocation"} in the terms.</p>
                ) : record && p.credits !== null ? (
                  <div className="flex flex-wrap gap-2 pt-1">
                    <button type="button" disabled={pending} onClick={() => act(p.id, "pack")} className={buttonClass("secondary", "px-2.5 py-1.5 text-xs")}>
                      Record as pack
                    </button>
                    <button type="button" disabled={pending} onClick={() => act(p.id, "allocation")} className={buttonClass("secondary", "px-2.5 py-1.5 text-xs")}>
                      Record as allocation
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
