import Decimal from "decimal.js";
// Formatting of a brief's figures, shared by the screen and every export so that each shows the
// same text for the same figure. Formatting only: the figures are the engine's decimal strings.
import { dayInWords } from "@/lib/engine/calendar";
import { minorUnits } from "@/lib/engine/money";
import type { Authority, BriefContent, ScenarioRole } from "./types";

// Building an Intl formatter costs far more than using one, and a page formats thousands of figures.
const numberFormats = new Map<string, Intl.NumberFormat>();

/** One cached Intl.NumberFormat per locale and options. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

const INTL_MAX_FRACTION_DIGITS = 20;

/** Intl formats a decimal string exactly (no trip through a float); TypeScript's lib predates it. */
const exact = (f: Intl.NumberFormat, value: string) => f.format(value as unknown as number);

/** Decimals a decimal string carries once trailing zeros are dropped ("0.0050" → 3); null when it is not a plain decimal. */
export function significantDecimals(value: string): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  return value.split(".")[1]?.replace(/0+$/, "").length ?? 0;
}

/**
 * Money with its currency and the currency's minor unit, as stored: "$59,410.00", "¥60,000",
 * "CA$1,000.00"; more digits only when the figure has them ("$0.005"); "—" when unknown. The one
 * money formatter of the app and every export (Intl.NumberFormat on the decimal string, exact).
 * With `digits`, rounded to that many (half away from zero), for a figure shown whole.
 */
export function money(value: string | null | undefined, currency: string, digits?: number): string {
  if (value === null || value === undefined) return "—";
  const frac = significantDecimals(value);
  if (frac === null) return value;
  // (Intl takes at most 20 fraction digits: a figure with more is rounded there, half away from zero)
  const d = Math.min(INTL_MAX_FRACTION_DIGITS, digits ?? Math.max(minorUnits(currency), frac));
  return exact(numberFormat("en-US", { style: "currency", currency, minimumFractionDigits: d, maximumFractionDigits: d }), value);
}

/** A whole count with thousands separators ("1,250"), decimals kept as given ("1,250.5"). */
export function count(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const s = String(value);
  const negative = s.startsWith("-");
  const [int = "0", frac] = (negative ? s.slice(1) : s).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const trimmed = frac?.replace(/0+$/, "");
  return `${negative ? "-" : ""}${grouped}${trimmed ? `.${trimmed}` : ""}`;
}

/** A count of estimated actions or credits shown whole (half up): "112,960", not "112,959.566…". */
export function wholeCount(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  return count(new Decimal(value).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed());
}

/** A percentage given as a decimal string or number, one decimal at most: "12.5%". */
export function percent(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return `${(Math.round(n * 10) / 10).toString()}%`;
}

/** "1 Apr 2026"; "—" when absent. */
export function day(iso: string | null | undefined): string {
  return iso ? dayInWords(iso) : "—";
}

/** A period as people read it: "2026-04" → "Apr 2026"; a label of another shape is kept as it is. */
export function periodLabel(label: string): string {
  if (!/^\d{4}-\d{2}$/.test(label)) return label;
  const words = dayInWords(`${label}-01`);
  return words === `${label}-01` ? label : words.replace(/^1 /, "");
}

/** What the money formatter writes before the figure: "$", "€", "CA$", "¥", "CHF " (a code keeps its space). */
export function currencySymbol(currency: string): string {
  const parts = numberFormat("en-US", { style: "currency", currency }).formatToParts(1);
  const before = parts.slice(0, Math.max(0, parts.findIndex((p) => p.type === "integer")));
  return before.map((p) => p.value).join("").replace(/\u00a0/g, " ") || `${currency} `;
}

export const AUTHORITY_LABELS: Record<Authority, string> = {
  none: "No discount authority needed",
  accountExecutive: "Account executive (3–7%)",
  dealDesk: "Deal desk (up to 15%)",
  vp: "VP (up to 25%)",
  beyondVp: "Beyond VP (over 25%)",
  unknown: "Unknown (no price per credit)",
};

/** The asks' value: the vendor's terms minus ours, both costed on the same demand path. */
export const AT_STAKE_LABEL = "Saving on the same demand";
export const AT_STAKE_NOTE = "vendor's terms − our asks, on the vendor's P50 / P90 demand";
/** A scenario whose balance lasts the horizon on the likely drivers. */
export const NO_EXHAUSTION = "Not on the likely drivers";

export const ROLE_LABELS: Record<ScenarioRole, string> = {
  vendor: "Vendor's terms",
  asks: "Our asks",
  walkAway: "Walk-away",
};

/** "Salesforce-brief-2026-11-22" style stem for export file names: vendor and date, safe characters only. */
export function fileStem(content: Pick<BriefContent, "vendor" | "contractName" | "preparedOn" | "version">): string {
  const safe = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 60) || "brief";
  return `${safe(content.vendor)}-${safe(content.contractName)}-brief-v${content.version}-${content.preparedOn}`;
}

/** "Signed off by Dana Lee on 3 Dec 2026 (“ready for the call”); Sam Roe on 4 Dec 2026"; null when nobody signed it off. */
export function signOffsText(signOffs: BriefContent["signOffs"]): string | null {
  if (!signOffs || signOffs.length === 0) return null;
  return `Signed off by ${signOffs.map((s) => `${s.name} on ${day(s.signedAt.slice(0, 10))}${s.note ? ` (“${s.note}”)` : ""}`).join("; ")}`;
}
