// Display helpers of the burn page (formatting only; every figure comes from SQL sums or the engine).
import { dateFormat } from "@/components/format";

/** "2026-03-19" → "19 March 2026" */
export function formatLongDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return dateFormat({ day: "numeric", month: "long", year: "numeric" }).format(Date.UTC(y, m - 1, d));
}

/** A period label or first day ("2026-03", "2026-03-01", "2026-W11") for an axis: "Mar 2026". */
export function formatPeriod(label: string, granularity: "month" | "week"): string {
  if (/^\d{4}-W\d{2}$/.test(label)) return label;
  const [y, m, d] = label.split("-").map(Number);
  if (!y || !m) return label;
  if (granularity === "week" && d) return dateFormat({ day: "numeric", month: "short" }).format(Date.UTC(y, m - 1, d));
  return dateFormat({ month: "short", year: "numeric" }).format(Date.UTC(y, m - 1, 1));
}

export const ENVIRONMENT_LABEL: Record<string, string> = { production: "Production", nonProduction: "Non-production" };
