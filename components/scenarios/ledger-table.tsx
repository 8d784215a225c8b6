import { formatMoney, formatNumber, periodLabel } from "@/components/format";
import type { ScenarioResult } from "./view-model";

/** The engine's ledger, one row per period. */
export function LedgerTable({ scenario, currency }: { scenario: ScenarioResult; currency: string }) {
  const head = ["Period", "Demand", "Granted", "Bought", "Drawn", "Closing balance", "Overage", "Arrears", "Unserved", "Cost", "Cumulative"];
  return (
    <div tabIndex={0} className="max-h-[28rem] overflow-auto rounded-md ring-1 ring-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
      <table className="w-full min-w-[56rem] text-right text-xs tabular-nums" aria-label={`Ledger of ${scenario.name}`}>
        <thead className="sticky top-0 bg-slate-50 text-[11px] uppercase tracking-wide text-slate-500">
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={`px-2 py-2 font-medium ${i === 0 ? "sticky left-0 bg-slate-50 text-left" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {scenario.rows.map((r) => (
            <tr key={r.period.index}>
              <th scope="row" className="sticky left-0 bg-white px-2 py-1.5 text-left font-medium text-slate-700">
                {periodLabel(r.period.label)}
              </th>
              <td className="px-2 py-1.5">{formatNumber(r.demand.credits, 0)}</td>
              <td className="px-2 py-1.5">{formatNumber(r.credits.granted, 0)}</td>
              <td className="px-2 py-1.5">{formatNumber(r.credits.purchased, 0)}</td>
              <td className="px-2 py-1.5">{formatNumber(r.credits.drawn, 0)}</td>
              <td className="px-2 py-1.5">{formatNumber(r.credits.closing, 0)}</td>
              <td className="px-2 py-1.5">{formatNumber(r.credits.overage, 0)}</td>
              <td className="px-2 py-1.5">{formatNumber(r.credits.arrears, 0)}</td>
              <td className={`px-2 py-1.5 ${Number(r.credits.unserved) > 0 ? "font-semibold text-red-700" : ""}`}>{formatNumber(r.credits.unserved, 0)}</td>
              <td className="px-2 py-1.5">{formatMoney(r.cost.total, currency)}</td>
              <td className="px-2 py-1.5 font-medium text-slate-900">{formatMoney(r.cumulativeCost, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
