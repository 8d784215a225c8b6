import { formatMoney, formatNumber } from "@/components/format";
import type { ForecastResult } from "@/lib/services/forecast/types";
import { costText, isPast, remedySentence, runOutDateText, runOutSentence, totalText } from "./when";

/**
 * The headline of a forecast of record: the run-out date read against today, the forecast cost of
 * the term with the fixed lines apart. The same words on every screen (the test ids are what the
 * end-to-end tests compare across the overview, the Burn tab and the portfolio).
 */
export function ForecastFigures({ result, today, compact = false }: { result: ForecastResult; today: string; compact?: boolean }) {
  const cur = result.currency;
  const s = result.scenario.summary;
  const past = result.runOut ? isPast(result.runOut.date, today) : false;
  const tiles: { label: string; value: string; testId: string; note?: string; tone?: "bad" }[] = [
    {
      label: result.runOut ? (past ? "Balance ran out" : "Balance runs out") : "Balance",
      value: runOutDateText(result.runOut),
      testId: "forecast-run-out-date",
      ...(compact ? {} : { note: result.runOut ? `${runOutSentence(result.runOut, today)} ${remedySentence(result.runOut, today, cur)}` : "Lasts the whole term." }),
      ...(result.runOut ? { tone: "bad" as const } : {}),
    },
    {
      label: "Forecast cost of the term (consumption)",
      value: costText(result.cost, cur),
      testId: "forecast-cost",
      ...(result.cost.consumption === null ? { note: "Set a price per credit (rate policy or committed price) under Terms to see it in money." } : {}),
    },
    { label: "Fixed lines over the term", value: formatMoney(result.cost.fixed, cur), testId: "forecast-fixed", note: result.fixedLines.lines.length ? result.fixedLines.lines.map((l) => `${l.description}: ${formatMoney(l.total, cur)}`).join("; ") : "None recorded." },
    { label: "Total with fixed lines", value: totalText(result.cost, cur), testId: "forecast-total" },
  ];
  if (!compact) {
    tiles.push(
      { label: "Credits demanded", value: formatNumber(s.demandCredits, 0), testId: "forecast-demand" },
      { label: "Unserved credits", value: formatNumber(s.unservedCredits, 0), testId: "forecast-unserved", ...(Number(s.unservedCredits) > 0 ? { note: "agents throttled or paused", tone: "bad" as const } : {}) },
    );
  }
  return (
    <dl className={`grid gap-3 ${compact ? "sm:grid-cols-2 lg:grid-cols-4" : "sm:grid-cols-2 lg:grid-cols-3"}`} data-testid="forecast-figures">
      {tiles.map((t) => (
        <div key={t.testId} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
          <dt className="text-xs text-slate-500">{t.label}</dt>
          <dd className={`mt-0.5 text-lg font-semibold tabular-nums ${t.tone === "bad" ? "text-red-700" : "text-slate-900"}`} data-testid={t.testId}>
            {t.value}
          </dd>
          {t.note && <dd className="text-xs text-slate-500">{t.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
