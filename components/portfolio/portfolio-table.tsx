import Link from "next/link";
import { costText, relativeDay, runOutDateText, totalText } from "@/components/forecast/when";
import { formatDate, formatMoney, formatNumber } from "@/components/format";
import { BASIS_LABEL } from "@/lib/services/forecast/types";
import type { CurrencyTotal, PortfolioRow } from "@/lib/services/portfolio/get";
import { ScrollRegion } from "@/components/ui/scroll-region";

function noticeClass(days: number | null): string {
  if (days === null) return "text-slate-500";
  if (days < 0) return "text-slate-500";
  if (days <= 30) return "font-semibold text-red-700";
  if (days <= 90) return "font-semibold text-amber-700";
  return "text-slate-700";
}

const rankBadge = ["bg-red-100 text-red-800", "bg-amber-100 text-amber-800", "", ""];

function Notice({ r, today }: { r: PortfolioRow; today: string }) {
  if (!r.noticeDeadline) return <span className="text-slate-500">—</span>;
  return (
    <span className={noticeClass(r.daysToNotice)}>
      {formatDate(r.noticeDeadline)}
      <span className="block text-xs font-normal">{r.daysToNotice! < 0 ? `passed ${relativeDay(r.noticeDeadline, today)}` : relativeDay(r.noticeDeadline, today)}</span>
    </span>
  );
}

function RunOut({ r, today }: { r: PortfolioRow; today: string }) {
  if (!r.forecast) return <span className="text-slate-500">—</span>;
  const ro = r.forecast.runOut;
  return (
    <span className={ro ? "font-semibold text-red-700" : "text-slate-600"}>
      <span data-testid="portfolio-run-out">{runOutDateText(ro)}</span>
      {ro && <span className="block text-xs font-normal">{ro.date <= today ? `ran out ${relativeDay(ro.date, today)}` : relativeDay(ro.date, today)}</span>}
    </span>
  );
}

function Basis({ r }: { r: PortfolioRow }) {
  return (
    <span className="text-xs text-slate-500">
      {r.forecast ? BASIS_LABEL[r.forecast.basis] : r.problem}
      {r.recomputing && <span className="ml-1 rounded-full bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-800">recomputing</span>}
    </span>
  );
}

/** Every contract, what needs action first, with the forecast of record's run-out date and money. */
export function PortfolioTable({ rows, totals, workspaceId, today }: { rows: PortfolioRow[]; totals: CurrencyTotal[]; workspaceId: string; today: string }) {
  const link = (r: PortfolioRow) => `/w/${workspaceId}/contracts/${r.contractId}`;
  return (
    <div className="space-y-4">
      <ScrollRegion className="hidden md:block">
        <table className="w-full min-w-[52rem] text-left text-sm" data-testid="portfolio-table">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="w-56 py-2 pr-3 font-medium">Vendor · contract</th>
              <th scope="col" className="py-2 pr-3 font-medium">Notice deadline · renewal</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Latest burn (credits)</th>
              <th scope="col" className="py-2 pr-3 font-medium">Balance runs out</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Forecast cost of term</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Fixed lines</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Total</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.contractId} className="align-top" data-contract-id={r.contractId}>
                <td className="py-2 pr-3">
                  <Link href={link(r)} className="font-medium text-slate-900 hover:underline">
                    {r.vendorName} · {r.contractName}
                  </Link>
                  <div className="text-xs text-slate-500">
                    Term {formatDate(r.termStart)} – {formatDate(r.termEnd)}
                  </div>
                  <div className="mt-1 flex flex-wrap items-center gap-1">
                    {r.attention.reason && <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${rankBadge[r.attention.rank]}`}>{r.attention.reason}</span>}
                    <Basis r={r} />
                  </div>
                </td>
                <td className="whitespace-nowrap py-2 pr-3">
                  <Notice r={r} today={today} />
                  <span className="block text-xs text-slate-500">renews {formatDate(r.renewalDate)}</span>
                </td>
                <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">
                  {r.lastBurn ? (
                    <>
                      {formatNumber(r.lastBurn.credits, 0)}
                      <div className="text-xs text-slate-500">{formatDate(r.lastBurn.periodStart)}</div>
                    </>
                  ) : (
                    <Link href={`${link(r)}/burn`} className="text-indigo-600 hover:underline">
                      Import burn
                    </Link>
                  )}
                </td>
                <td className="whitespace-nowrap py-2 pr-3">
                  <RunOut r={r} today={today} />
                </td>
                <td className="max-w-[9rem] py-2 pr-3 text-right tabular-nums" data-testid="portfolio-cost">
                  {r.forecast ? costText(r.forecast.cost, r.currency) : "—"}
                </td>
                <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums">{r.forecast ? formatMoney(r.forecast.cost.fixed, r.currency) : "—"}</td>
                <td className="max-w-[9rem] py-2 pr-3 text-right font-medium tabular-nums" data-testid="portfolio-total">
                  {r.forecast ? totalText(r.forecast.cost, r.currency) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-slate-300 text-sm">
            {totals.map((t) => (
              <tr key={t.currency} data-testid={`portfolio-total-${t.currency}`}>
                <th scope="row" colSpan={4} className="py-2 pr-3 text-left font-semibold text-slate-700">
                  Total in {t.currency} ({t.contracts} contract{t.contracts === 1 ? "" : "s"}
                  {t.unpriced ? `; ${t.unpriced} with credits unpriced` : ""})
                </th>
                <td className="py-2 pr-3 text-right font-semibold tabular-nums">{formatMoney(t.consumption, t.currency)}</td>
                <td className="py-2 pr-3 text-right font-semibold tabular-nums">{formatMoney(t.fixed, t.currency)}</td>
                <td className="py-2 pr-3 text-right font-semibold tabular-nums">{formatMoney(t.total, t.currency)}</td>
              </tr>
            ))}
          </tfoot>
        </table>
      </ScrollRegion>
      <ul className="space-y-3 md:hidden" aria-label="Contracts">
        {rows.map((r) => (
          <li key={r.contractId} className="rounded-md p-3 ring-1 ring-slate-200" data-contract-card={r.contractId}>
            <Link href={link(r)} className="font-medium text-slate-900 hover:underline">
              {r.vendorName} · {r.contractName}
            </Link>
            {r.attention.reason && <span className={`ml-2 rounded-full px-2 py-0.5 text-xs font-semibold ${rankBadge[r.attention.rank]}`}>{r.attention.reason}</span>}
            <dl className="mt-2 grid grid-cols-2 gap-2 text-sm">
              <div>
                <dt className="text-xs text-slate-500">Balance runs out</dt>
                <dd>
                  <RunOut r={r} today={today} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Notice deadline</dt>
                <dd>
                  <Notice r={r} today={today} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Forecast cost of term</dt>
                <dd className="tabular-nums">{r.forecast ? costText(r.forecast.cost, r.currency) : "—"}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Total with fixed lines</dt>
                <dd className="tabular-nums">{r.forecast ? totalText(r.forecast.cost, r.currency) : "—"}</dd>
              </div>
            </dl>
            <div className="mt-1">
              <Basis r={r} />
            </div>
          </li>
        ))}
        {totals.map((t) => (
          <li key={t.currency} className="rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
            <p className="font-semibold text-slate-800">Total in {t.currency}</p>
            <p className="tabular-nums text-slate-700">
              {formatMoney(t.consumption, t.currency)} consumption + {formatMoney(t.fixed, t.currency)} fixed = {formatMoney(t.total, t.currency)}
              {t.unpriced ? ` (${t.unpriced} contract${t.unpriced === 1 ? "" : "s"} with credits unpriced)` : ""}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
