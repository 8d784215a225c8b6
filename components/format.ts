// Display formatting of the engine's decimal strings. Formatting only: no arithmetic on money here;
// every figure shown was computed by the engine on the server.

// One formatter for money, dates and periods, shared with the brief and its exports
// (lib/brief/format.ts): Intl.NumberFormat from the decimal strings, one date style ("3 Sep 2026").
import Decimal from "decimal.js";
import { count, day, money, numberFormat, periodLabel, significantDecimals } from "@/lib/brief/format";
import { minorUnits } from "@/lib/engine/money";

export { numberFormat, periodLabel };

/** Money in the app's one style: the brief's formatter (lib/brief/format.ts), exact from the decimal string. */
export function formatMoney(value: string | null | undefined, currency: string, digits?: number): string {
  return money(value, currency, digits);
}

/** A price per credit or per action: its digits up to the sixth decimal, rounded half away from zero
 *  on the decimal string ("$0.005", "$0.0125", "$0.093487" for 0.0934871…). */
export function formatUnitPrice(value: string | null | undefined, currency: string): string {
  const frac = value === null || value === undefined ? null : significantDecimals(value);
  if (frac === null) return money(value, currency);
  return money(value, currency, Math.min(UNIT_PRICE_DIGITS, Math.max(minorUnits(currency), frac)));
}

const UNIT_PRICE_DIGITS = 6;

/** A count or quantity from its decimal string, rounded half up to `maxDigits` decimals, exactly: "1,040,000", "12.5". */
export function formatNumber(value: string | number | null | undefined, maxDigits = 2): string {
  if (value === null || value === undefined || value === "") return "—";
  let d: Decimal;
  try {
    d = new Decimal(value);
  } catch {
    return String(value);
  }
  if (!d.isFinite()) return String(value);
  return count(d.toDecimalPlaces(maxDigits, Decimal.ROUND_HALF_UP).toFixed());
}

/** Compact axis labels: 1.2M, 850K. */
export function formatCompact(n: number): string {
  return numberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

/** A day in the app's one date style: "3 Sep 2026". */
export function formatDate(iso: string | null | undefined): string {
  return day(iso);
}

/** A moment, in the app's one date style, to the second, in UTC: "3 Dec 2026, 17:40:05 UTC". */
export function formatDateTime(at: Date): string {
  return `${day(at.toISOString().slice(0, 10))}, ${at.toISOString().slice(11, 19)} UTC`;
}

/** A moment to the minute, in UTC: "3 Dec 2026, 17:40 UTC" (sign-offs, comments). */
export function formatDateTimeMinute(iso: string): string {
  return formatDateTime(new Date(iso)).replace(/:\d{2} UTC$/, " UTC");
}

/** For charts only: plotting needs numbers; the figures stay the engine's. */
export function plotValue(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
