import Decimal from "decimal.js";
// Formatting of a brief's figures, shared by the screen and every export so that each shows the
// same text for the same figure. Formatting only: the figures are the engine's decimal strings.
import { minorUnits } from "@/lib/engine/money";
import type { Authority, BriefContent, ScenarioRole } from "./types";

/**
 * Money with its currency and the currency's minor unit, as stored: "$59,410.00", "¥60,000";
 * more digits only when the figure has them ("$0.005"); "—" when unknown.
 */
export function money(value: string | null | undefined, currency: string): string {
  if (value === null || value === undefined) return "—";
  const negative = value.startsWith("-");
  const [int = "0", frac = ""] = (negative ? value.slice(1) : value).split(".");
  const symbol = currencySymbol(currency);
  const digits = Math.max(minorUnits(currency), frac.replace(/0+$/, "").length);
  const fraction = (frac + "0".repeat(digits)).slice(0, digits);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${symbol}${grouped}${digits > 0 ? `.${fraction}` : ""}`;
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

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "1 Apr 2026"; "—" when absent. */
export function day(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** A period as people read it: "2026-04" → "Apr 2026"; a label of another shape is kept as it is. */
export function periodLabel(label: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${month} ${m[1]}` : label;
}

export function currencySymbol(currency: string): string {
  switch (currency) {
    case "USD":
      return "$";
    case "EUR":
      return "€";
    case "GBP":
      return "£";
    case "JPY":
      return "¥";
    default:
      return `${currency} `;
  }
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
