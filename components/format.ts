// Display formatting of the engine's decimal strings. Formatting only: no arithmetic on money here;
// every figure shown was computed by the engine on the server.

// Building an Intl formatter costs far more than using one, and a page formats thousands of
// figures: each formatter is made once per set of options and kept.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** Dates always in en-GB, in UTC: "3 Dec 2026". */
export function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" })));
  return f;
}

export function formatMoney(value: string | null | undefined, currency: string, digits?: number): string {
  if (value === null || value === undefined) return "—";
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  return numberFormat("en-US", {
    style: "currency",
    currency,
    ...(digits !== undefined ? { minimumFractionDigits: digits, maximumFractionDigits: digits } : {}),
  }).format(n);
}

/** A price per credit or per action: enough digits to see $0.005. */
export function formatUnitPrice(value: string | null | undefined, currency: string): string {
  if (value === null || value === undefined) return "—";
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  return numberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(n);
}

export function formatNumber(value: string | number | null | undefined, maxDigits = 2): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return numberFormat("en-US", { maximumFractionDigits: maxDigits }).format(n);
}

/** Compact axis labels: 1.2M, 850K. */
export function formatCompact(n: number): string {
  return numberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return dateFormat({ day: "numeric", month: "short", year: "numeric" }).format(Date.UTC(y, m - 1, d));
}

/** A moment, in the app's one date style, to the second, in UTC: "3 Dec 2026, 17:40:05 UTC". */
export function formatDateTime(at: Date): string {
  const date = dateFormat({ day: "numeric", month: "short", year: "numeric" }).format(at);
  return `${date}, ${at.toISOString().slice(11, 19)} UTC`;
}

/** For charts only: plotting needs numbers; the figures stay the engine's. */
export function plotValue(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
