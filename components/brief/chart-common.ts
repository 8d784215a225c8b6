// Shared by the brief's charts: plotting numbers and axis ticks only. Every figure shown as text
// (tooltips, tables, captions) is formatted from the brief's own strings with lib/brief/format.ts.
import { currencySymbol } from "@/lib/brief/format";

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

/** Colour and dash per scenario role, from the one palette the exports use too. */
export { ROLE_PALETTE as ROLE_STYLE } from "@/lib/brief/palette";
