// Reading one cell: decimals, dates, environments. The file-wide choices (decimal comma or point,
// day or month first) are made in detect.ts; these functions apply them.
import Decimal from "decimal.js";
import { isNullText } from "@/lib/import/bounds";
import type { DateOrder, DecimalString, Environment, IsoDate } from "@/lib/import/types";

/** Returned for a cell that has text but cannot be read as the wanted kind. */
export const INVALID: unique symbol = Symbol("invalid");
export type Invalid = typeof INVALID;

export type DecimalSeparator = "." | ",";

/** A cell as a reader hands it over: CSV gives strings, XLSX typed values. */
export type Cell = string | number | boolean | Date | null;

// ---------------------------------------------------------------------------------------------
// Decimals

const PLAIN_POINT = /^-?\d+(?:\.\d+)?$/;
const PLAIN_COMMA = /^-?\d+(?:,\d+)?$/;
// Currency marks written around amounts in exports: "$10,000.00", "1.234,56 €", "USD 12", "US$5".
const CURRENCY = "(?:[A-Z]{0,3}[$€£¥₹₩₽₺₪₫₴₦₱฿]|[A-Z]{3})";
const CURRENCY_PREFIX = new RegExp(`^${CURRENCY}\\s*`);
const CURRENCY_SUFFIX = new RegExp(`\\s*${CURRENCY}$`);
// Grouped integer part: the same grouping character between every group of three digits.
const GROUPED_POINT = /^(?:\d{1,3}([,' \u00a0\u202f])\d{3}(?:\1\d{3})*|\d+)(?:\.\d*)?$|^\.\d+$/;
const GROUPED_COMMA = /^(?:\d{1,3}([.' \u00a0\u202f])\d{3}(?:\1\d{3})*|\d+)(?:,\d*)?$|^,\d+$/;
const SCIENTIFIC = /^(\d+(?:[.,]\d+)?)[eE]([+-]?\d+)$/;
const GROUP_CHARS = /[,.' \u00a0\u202f]/g;

/**
 * "0012.3400" → "12.34", "-0" → "0": one spelling per value, so that equal amounts hash alike.
 * The input is an optional "-", digits, and an optional "." with digits.
 */
export function canonicalDecimal(s: string): DecimalString {
  let negative = false;
  let body = s;
  if (body.charCodeAt(0) === 45 /* - */) {
    negative = true;
    body = body.slice(1);
  }
  const dot = body.indexOf(".");
  let int = dot < 0 ? body : body.slice(0, dot);
  let frac = dot < 0 ? "" : body.slice(dot + 1);
  if (int.length > 1 && int.charCodeAt(0) === 48 /* 0 */) int = int.replace(/^0+(?=\d)/, "");
  if (int === "") int = "0";
  if (frac.length > 0 && frac.charCodeAt(frac.length - 1) === 48) frac = frac.replace(/0+$/, "");
  const text = frac === "" ? int : `${int}.${frac}`;
  if (negative && text !== "0") return `-${text}`;
  return text;
}

/** A currency mark around an amount, and the amount without it. */
export function splitCurrency(s: string): { rest: string; symbol: string | null } {
  const prefix = CURRENCY_PREFIX.exec(s);
  if (prefix) return { rest: s.slice(prefix[0].length), symbol: prefix[0].trim() };
  const suffix = CURRENCY_SUFFIX.exec(s);
  if (suffix) return { rest: s.slice(0, s.length - suffix[0].length), symbol: suffix[0].trim() };
  return { rest: s, symbol: null };
}

/**
 * A decimal written with the given decimal separator, with or without grouping, currency marks,
 * surrounding spaces, a leading sign or accounting parentheses. Empty → null; not a number → INVALID.
 */
export function parseDecimalText(raw: string, decimal: DecimalSeparator): DecimalString | null | Invalid {
  // Most cells in machine exports are plain; skip the general path for them.
  if (decimal === "." ? PLAIN_POINT.test(raw) : PLAIN_COMMA.test(raw)) {
    return canonicalDecimal(decimal === "." ? raw : raw.replace(",", "."));
  }
  let s = raw.trim();
  if (s === "") return null;
  // Grouped numbers without sign or currency ("1,234.50") are next most common.
  const c0 = s.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57 && (decimal === "." ? GROUPED_POINT : GROUPED_COMMA).test(s)) return ungroup(s, decimal, false);
  let negative = false;
  if (s.charCodeAt(0) === 40 /* ( */ && s.charCodeAt(s.length - 1) === 41 /* ) */) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // The sign may stand before or after a currency mark: "-$5.00", "$-5.00".
  let sign = signOf(s);
  if (sign !== 0) s = s.slice(1).trimStart();
  s = splitCurrency(s).rest;
  if (sign === 0) {
    sign = signOf(s);
    if (sign !== 0) s = s.slice(1).trimStart();
  }
  if (sign < 0) negative = !negative;
  if (s === "") return INVALID;
  const sci = SCIENTIFIC.exec(s);
  if (sci) {
    const mantissa = (sci[1] ?? "").replace(",", ".");
    if (decimal === "." && mantissa !== sci[1]) return INVALID;
    const plain = new Decimal(`${mantissa}e${sci[2] ?? "0"}`).toFixed();
    return canonicalDecimal(negative ? `-${plain}` : plain);
  }
  if (!(decimal === "." ? GROUPED_POINT : GROUPED_COMMA).test(s)) return INVALID;
  return ungroup(s, decimal, negative);
}

/** A number matching GROUPED_POINT / GROUPED_COMMA, without its grouping, canonical. */
function ungroup(s: string, decimal: DecimalSeparator, negative: boolean): DecimalString {
  const cut = s.lastIndexOf(decimal);
  let plain = cut < 0 ? s.replace(GROUP_CHARS, "") : `${s.slice(0, cut).replace(GROUP_CHARS, "")}.${s.slice(cut + 1)}`;
  if (plain.endsWith(".")) plain = plain.slice(0, -1);
  if (plain.startsWith(".")) plain = `0${plain}`;
  return canonicalDecimal(negative ? `-${plain}` : plain);
}

/** -1 for a leading minus sign, 1 for a plus, 0 for none. */
function signOf(s: string): number {
  const c = s.charCodeAt(0);
  if (c === 45 /* - */ || c === 0x2212 /* − */) return -1;
  return c === 43 /* + */ ? 1 : 0;
}

/** A spreadsheet number as the spreadsheet shows it: Excel keeps 15 significant digits. */
export function decimalFromNumber(n: number): DecimalString | Invalid {
  if (!Number.isFinite(n)) return INVALID;
  const rounded = Number(n.toPrecision(15));
  const text = String(rounded);
  return canonicalDecimal(text.includes("e") ? new Decimal(text).toFixed() : text);
}

// ---------------------------------------------------------------------------------------------
// Dates

const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=$|[T\s])/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC_DATE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?=$|[T\s,])/;
const DAY_MONTH_NAME = /^(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s,]+(\d{4}|\d{2})(?=$|[T\s])/;
const MONTH_NAME_DAY = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?=$|[T\s])/;
// What may follow a date: a time, with optional seconds, fraction, AM/PM and zone.
const TIME_TAIL = /^(?:,?[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?\s*$/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;
// A month on its own ("2026-01", "2026/01", "Jan 2026", "January 2026"): its first day.
const YEAR_MONTH = /^(\d{4})[-/](\d{1,2})$/;
const MONTH_NAME_YEAR = /^([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/;
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fullYear(y: string): number {
  const n = Number(y);
  // Two-digit years in usage exports are this century's; 70–99 covers old archives.
  if (y.length === 2) return n < 70 ? 2000 + n : 1900 + n;
  return n;
}

function isoOf(year: number, month: number, day: number): IsoDate | Invalid {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return INVALID;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** An Excel serial day number (1900 date system) as a date; the time of day is dropped. */
export function dateFromSerial(serial: number): IsoDate | Invalid {
  // Below 61 Excel counts a 29 February 1900 that never was; usage data is never that old.
  if (!Number.isFinite(serial) || serial < 61 || serial >= 2958466) return INVALID;
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function dateFromDate(d: Date): IsoDate | Invalid {
  const t = d.getTime();
  if (Number.isNaN(t)) return INVALID;
  // Spreadsheet dates arrive as UTC midnights; a time of day only comes from datetime cells.
  return d.toISOString().slice(0, 10);
}

/** The shape of a date text, for the format report ("M/D/YY", "YYYY-MM-DD"…); null if not a date shape. */
export interface DateShape {
  kind: "ymd" | "numeric" | "named" | "serial";
  /** For "numeric": the two leading numbers and the separator. */
  first?: number;
  second?: number;
  separator?: string;
  year?: number;
  yearDigits?: number;
  hasTime?: boolean;
}

export function dateShape(s: string): DateShape | null {
  if (YEAR_MONTH.test(s)) return { kind: "ymd" };
  const named = MONTH_NAME_YEAR.exec(s);
  if (named && MONTHS[(named[1] ?? "").toLowerCase()] !== undefined) return { kind: "named" };
  let m = ISO_DATE.exec(s);
  if (m) return TIME_TAIL.test(s.slice(m[0].length)) ? { kind: "ymd", hasTime: s.length > m[0].length } : null;
  if (COMPACT_DATE.test(s)) return { kind: "ymd" };
  m = NUMERIC_DATE.exec(s);
  if (m) {
    if (!TIME_TAIL.test(s.slice(m[0].length))) return null;
    const y = m[4] ?? "";
    return {
      kind: "numeric",
      first: Number(m[1]),
      second: Number(m[3]),
      separator: m[2] ?? "/",
      year: fullYear(y),
      yearDigits: y.length,
      hasTime: s.length > m[0].length,
    };
  }
  m = DAY_MONTH_NAME.exec(s) ?? MONTH_NAME_DAY.exec(s);
  if (m && TIME_TAIL.test(s.slice(m[0].length))) return { kind: "named" };
  if (SERIAL.test(s)) return { kind: "serial" };
  return null;
}

/**
 * A date text as an ISO date. Day/month dates with "/" or "-" are read in `order`; with "." they
 * are always day-first (D.M.YYYY is a European spelling). Empty → null; not a date → INVALID.
 */
export function parseDateText(raw: string, order: DateOrder): IsoDate | null | Invalid {
  const s = raw.trim();
  if (s === "") return null;
  const ym = YEAR_MONTH.exec(s);
  if (ym) return isoOf(Number(ym[1]), Number(ym[2]), 1);
  const named = MONTH_NAME_YEAR.exec(s);
  if (named) {
    const month = MONTHS[(named[1] ?? "").toLowerCase()];
    return month === undefined ? INVALID : isoOf(Number(named[2]), month, 1);
  }
  let m = ISO_DATE.exec(s);
  if (m) {
    if (!TIME_TAIL.test(s.slice(m[0].length))) return INVALID;
    return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  m = COMPACT_DATE.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC_DATE.exec(s);
  if (m) {
    if (!TIME_TAIL.test(s.slice(m[0].length))) return INVALID;
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = fullYear(m[4] ?? "");
    const dayFirst = m[2] === "." || order === "dmy";
    return dayFirst ? isoOf(year, b, a) : isoOf(year, a, b);
  }
  m = DAY_MONTH_NAME.exec(s);
  if (m) {
    const month = MONTHS[(m[2] ?? "").toLowerCase()];
    if (month === undefined || !TIME_TAIL.test(s.slice(m[0].length))) return INVALID;
    return isoOf(fullYear(m[3] ?? ""), month, Number(m[1]));
  }
  m = MONTH_NAME_DAY.exec(s);
  if (m) {
    const month = MONTHS[(m[1] ?? "").toLowerCase()];
    if (month === undefined || !TIME_TAIL.test(s.slice(m[0].length))) return INVALID;
    return isoOf(Number(m[3]), month, Number(m[2]));
  }
  // A date column saved from a spreadsheet without its date format keeps Excel's day numbers.
  if (SERIAL.test(s)) return dateFromSerial(Number(s));
  return INVALID;
}

/** Label of a numeric date's shape for the report, e.g. "M/D/YY" or "D.M.YYYY". */
export function numericPattern(shape: DateShape, order: "mdy" | "dmy"): string {
  const sep = shape.separator ?? "/";
  const year = (shape.yearDigits ?? 4) === 2 ? "YY" : "YYYY";
  const dayFirst = sep === "." || order === "dmy";
  const base = dayFirst ? `D${sep}M${sep}${year}` : `M${sep}D${sep}${year}`;
  return shape.hasTime ? `${base} hh:mm` : base;
}

// ---------------------------------------------------------------------------------------------
// Environments

const PRODUCTION_WORDS = new Set(["prod", "production", "prd", "live", "prodorg"]);
const NON_PRODUCTION_WORDS = new Set([
  "sandbox", "sbx", "dev", "development", "developer", "test", "testing", "tst", "uat", "staging", "stage", "stg",
  "qa", "preprod", "preproduction", "nonprod", "nonproduction", "scratch", "fullcopy", "partialcopy",
]);

/**
 * production / nonProduction from a label such as "prod", "Full Copy Sandbox", "acme-uat"; null when
 * the label names neither. A label with words of both kinds ("prod-sandbox") is non-production:
 * the qualifier is the more specific word.
 */
export function environmentOf(label: string): Environment | null {
  const lower = label.trim().toLowerCase();
  if (lower === "") return null;
  const squashed = lower.replace(/[^a-z0-9]+/g, "");
  if (NON_PRODUCTION_WORDS.has(squashed)) return "nonProduction";
  if (PRODUCTION_WORDS.has(squashed)) return "production";
  let production = false;
  for (const word of lower.split(/[^a-z0-9]+/)) {
    if (word === "") continue;
    if (NON_PRODUCTION_WORDS.has(word)) return "nonProduction";
    if (PRODUCTION_WORDS.has(word)) production = true;
  }
  return production ? "production" : null;
}

/** Words recognised, for messages. */
export const ENVIRONMENT_HINT = "production: prod, production, prd, live; non-production: sandbox, dev, test, uat, staging, qa, preprod…";

// ---------------------------------------------------------------------------------------------
// Text

/** A cell as display text, trimmed; null when empty or a null spelling (NULL, null, (null)). */
export function textOf(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === "string") {
    const t = cell.trim();
    return t === "" || isNullText(t) ? null : t;
  }
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  const iso = dateFromDate(cell);
  return iso === INVALID ? null : iso;
}

/** A cell quoted for a message, shortened so one monstrous cell cannot flood a report. */
export function shown(cell: Cell): string {
  const t = cell === null ? "" : cell instanceof Date ? (textOf(cell) ?? "") : String(cell);
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}
