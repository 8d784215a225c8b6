// Shared by the brief's charts: plotting numbers and axis ticks only. Every figure shown as text
// (tooltips, tables, captions) is formatted from the brief's own strings with lib/brief/format.ts.
import { currencySymbol } from "@/lib/brief/format";
import type { ScenarioRole } from "@/lib/brief/types";

/** For plotting only: the figure as a number, null when unknown or not a number. */
export { plotValue as plot } from "@/components/format";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Axis ticks: "$120K", "$1.2M". */
export function compactMoney(n: number, currency: string): string {
  const symbol = currencySymbol(currency);
  return n < 0 ? `-${symbol}${compact.format(-n)}` : `${symbol}${compact.format(n)}`;
}

/** Axis ticks for counts: "85K". */
export { formatCompact as compactCount } from "@/components/format";

export { axisTick } from "@/components/charts/style";

/** Colour and dash per scenario role: the dash keeps the lines apart without colour. */
export const ROLE_STYLE: Record<ScenarioRole, { stroke: string; fill: string; dash: string | undefined; swatch: string }> = {
  vendor: { stroke: "#dc2626", fill: "#fecaca", dash: undefined, swatch: "bg-red-600" },
  asks: { stroke: "#4f46e5", fill: "#c7d2fe", dash: "6 3", swatch: "bg-indigo-600" },
  walkAway: { stroke: "#b45309", fill: "#fde68a", dash: "2 3", swatch: "bg-amber-700" },
};
