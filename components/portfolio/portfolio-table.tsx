import Link from "next/link";
import { formatDate, formatMoney, formatNumber } from "@/components/format";
import type { PortfolioRow } from "@/lib/services/portfolio/get";

function noticeClass(days: number | null): string {
  if (days === null) return "text-slate-500";
  if (days < 0) return "text-slate-400 line-through";
  if (days <= 30) return "font-semibold text-red-700";
  if (days <= 90) return "font-semibold text-amber-700";
  return "text-slate-700";
}

export function PortfolioTable({ rows, workspaceId }: { rows: PortfolioRow[]; workspaceId: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[56rem] text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Vendor · contract</th>
            <th scope="col" className="py-2 pr-4 font-medium">Renewal</th>
            <th scope="col" className="py-2 pr-4 font-medium">Notice deadline</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Latest burn (credits)</th>
            <th scope="col" className="py-2 pr-4 font-medium">Credits run out</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Forecast cost of term</th>
            <th scope="col" className="py-2 font-medium">Basis</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.contractId} className="align-top">
              <td className="py-2 pr-4">
                <Link href={`/w/${workspaceId}/contracts/${r.contractId}`} className="font-medium text-slate-900 hover:underline">
                  {r.vendorName} · {r.contractName}
                </Link>
                <div className="text-xs text-slate-500">
                  Term {formatDate(r.termStart)} – {formatDate(r.termEnd)}
                </div>
              </td>
              <td className="whitespace-nowrap py-2 pr-4">{formatDate(r.renewalDate)}</td>
              <td className={`whitespace-nowrap py-2 pr-4 ${noticeClass(r.daysToNotice)}`}>
                {formatDate(r.noticeDeadline)}
                {r.daysToNotice !== null && r.daysToNotice >= 0 && <span className="ml-1 text-xs font-normal">({r.daysToNotice} days)</span>}
              </td>
              <td className="whitespace-nowrap py-2 pr-4 text-right tabular-nums">
                {r.lastBurn ? (
                  <>
                    {formatNumber(r.lastBurn.credits, 0)}
                    <div className="text-xs text-slate-500">{formatDate(r.lastBurn.periodStart)}</div>
                  </>
                ) : (
                  <Link href={`/w/${workspaceId}/contracts/${r.contractId}/burn`} className="text-indigo-600 hover:underline">
                    Import burn
                  </Link>
                )}
              </td>
              <td className={`whitespace-nowrap py-2 pr-4 ${r.exhaustionDate ? "font-semibold text-red-700" : "text-slate-500"}`}>
                {r.problem ? "—" : r.exhaustionDate ? formatDate(r.exhaustionDate) : "Not within the term"}
              </td>
              <td className="whitespace-nowrap py-2 pr-4 text-right tabular-nums">
                {r.problem ? "—" : r.priceUnpinned ? <span title="The price of a credit is not pinned">{formatNumber(r.demandCredits, 0)} credits</span> : formatMoney(r.forecastCost, r.currency)}
              </td>
              <td className="py-2 text-xs text-slate-500">
                {r.problem ?? (r.basis === "observedBurn" ? "Trend of observed burn" : "Forecast drivers")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
