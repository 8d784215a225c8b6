// Display helpers of the burn page (formatting only; every figure comes from SQL sums or the engine).
import { formatDate, periodLabel } from "@/components/format";

/** A period label or first day ("2026-03", "2026-03-01", "2026-W11") for an axis: "Mar 2026". */
export function formatPeriod(label: string, granularity: "month" | "week"): string {
  if (/^\d{4}-W\d{2}$/.test(label)) return label;
  const [y, m, d] = label.split("-").map(Number);
  if (!y || !m) return label;
  if (granularity === "week" && d) return formatDate(label).replace(/ \d{4}$/, "");
  return periodLabel(`${y}-${String(m).padStart(2, "0")}`);
}

export const ENVIRONMENT_LABEL: Record<string, string> = { production: "Production", nonProduction: "Non-production" };
