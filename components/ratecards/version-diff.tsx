import { buttonClass } from "@/components/ui/button-class";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { RateCardDiff } from "@/lib/ratecards/diff";

const select = "mt-1 block w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

/** Two versions of a rate card chosen by a GET form (so the view can be shared), and what changed. */
export function RateCardVersionDiff({ versions, from, to, diff, keep }: { versions: number[]; from: number; to: number; diff: RateCardDiff; keep: { v?: string } }) {
  const rows: { kind: string; unit: string; from: string; to: string; change: string }[] = [
    ...diff.added.map((u) => ({ kind: "Added", unit: u.name, from: "—", to: `${u.credits} credits`, change: "" })),
    ...diff.removed.map((u) => ({ kind: "Removed", unit: u.name, from: `${u.credits} credits`, to: "—", change: "" })),
    ...diff.changed.map((c) => ({ kind: c.what === "name" ? "Renamed" : "Credits changed", unit: c.name, from: c.what === "name" ? c.from : `${c.from} credits`, to: c.what === "name" ? c.to : `${c.to} credits`, change: c.change ?? "" })),
  ];
  return (
    <div className="space-y-4" data-testid="ratecard-diff">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Choose the versions to compare">
        {keep.v && <input type="hidden" name="v" value={keep.v} />}
        {(["from", "to"] as const).map((name) => (
          <label key={name} className="min-w-0 flex-1 text-sm text-slate-700 sm:flex-none">
            <span className="block font-medium">{name === "from" ? "From" : "To"}</span>
            <select aria-label={name === "from" ? "From" : "To"} name={name} defaultValue={String(name === "from" ? from : to)} className={select}>
              {versions.map((n) => (
                <option key={n} value={n}>
                  Version {n}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button type="submit" className={buttonClass("secondary")}>
          Compare
        </button>
      </form>
      {diff.same ? (
        <p className="text-sm text-slate-500">Versions {diff.from} and {diff.to} have the same units, credits and price.</p>
      ) : (
        <>
          {rows.length > 0 && (
            <ScrollRegion>
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Units changed from version {diff.from} to version {diff.to}</caption>
                <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">Unit</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Change</th>
                    <th scope="col" className="py-2 pr-4 font-medium">v{diff.from}</th>
                    <th scope="col" className="py-2 pr-4 font-medium">v{diff.to}</th>
                    <th scope="col" className="py-2 text-right font-medium">Difference</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rows.map((r, i) => (
                    <tr key={i} data-testid="ratecard-diff-row">
                      <th scope="row" className="py-2 pr-4 font-medium text-slate-800">
                        {r.unit}
                      </th>
                      <td className="whitespace-nowrap py-2 pr-4">{r.kind}</td>
                      <td className="whitespace-nowrap py-2 pr-4 tabular-nums">{r.from}</td>
                      <td className="whitespace-nowrap py-2 pr-4 tabular-nums">{r.to}</td>
                      <td className="whitespace-nowrap py-2 text-right tabular-nums">{r.change}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          {diff.price && (
            <p className="text-sm text-slate-700">
              <span className="font-medium">Credit price:</span> {diff.price.from} → {diff.price.to}
            </p>
          )}
          {diff.other.map((o) => (
            <p key={o.what} className="text-sm text-slate-700">
              <span className="font-medium">{o.what[0]!.toUpperCase() + o.what.slice(1)}:</span> {o.from} → {o.to}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
