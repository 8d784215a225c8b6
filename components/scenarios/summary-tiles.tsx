import { formatDate, formatMoney, formatNumber, formatUnitPrice } from "@/components/format";
import type { ComparisonRow, ScenarioResult } from "./view-model";

/** The scenario's headline figures, as the engine computed them. */
export function SummaryTiles({ scenario, currency, comparison, baselineName }: { scenario: ScenarioResult; currency: string; comparison?: ComparisonRow | undefined; baselineName?: string }) {
  const s = scenario.summary;
  const tiles: { label: string; value: string; testId: string; note?: string }[] = [
    { label: "Total cost", value: s.priceUnpinned && s.totalCost === null ? "Price unpinned" : formatMoney(s.totalCost, currency), testId: "total-cost" },
    ...(comparison && baselineName
      ? [{ label: `vs ${baselineName}`, value: comparison.costVsFirst === null ? "—" : `${comparison.costVsFirst.startsWith("-") ? "" : "+"}${formatMoney(comparison.costVsFirst, currency)}`, testId: "cost-vs-baseline" }]
      : []),
    { label: "Credits demanded", value: formatNumber(s.demandCredits, 0), testId: "demand-credits" },
    { label: "Unserved credits", value: formatNumber(s.unservedCredits, 0), testId: "unserved-credits", ...(Number(s.unservedCredits) > 0 ? { note: "agents throttled or paused" } : {}) },
    { label: "Balance runs out", value: s.exhaustion ? formatDate(s.exhaustion.date) : "Not within the term", testId: "exhaustion-date" },
    { label: "Effective price per action", value: formatUnitPrice(s.effectivePricePerAction, currency), testId: "price-per-action" },
    { label: "Overage", value: formatMoney(s.costByComponent.overage, currency), testId: "overage-cost" },
    { label: "True-up", value: formatMoney(s.costByComponent.trueUp, currency), testId: "trueup-cost", ...(s.trueUpWaived && Number(s.trueUpWaived) > 0 ? { note: `${formatMoney(s.trueUpWaived, currency)} waived by the cap` } : {}) },
  ];
  return (
    <div className="space-y-2">
      {s.priceUnpinned && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-inset ring-amber-200">
          The price of a credit is not pinned for some periods: money figures there are unknown and shown as —. Pin a price or set a committed price to see them.
        </p>
      )}
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {tiles.map((t) => (
          <div key={t.label} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
            <dt className="text-xs text-slate-500">{t.label}</dt>
            <dd className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900" data-testid={t.testId}>
              {t.value}
            </dd>
            {t.note && <dd className="text-xs text-slate-500">{t.note}</dd>}
          </div>
        ))}
      </dl>
    </div>
  );
}
