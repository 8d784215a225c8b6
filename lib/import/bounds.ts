// What an import accepts at all, whatever the format: empty spellings, characters, sizes, numbers
// and dates. A value outside these bounds is refused with the row named, never stored: one
// 1,000-digit number or 9999-12-31 stored as burn would make every page of the contract fail.

/**
 * Spellings of "no value" that exports write instead of an empty cell: SQL dumps write NULL,
 * logs and some BI tools (null). They are empty in every column, numeric or text.
 */
export function isNullText(s: string): boolean {
  const n = s.length;
  if (n < 4 || n > 12) return false;
  const t = n === 4 || n === 6 ? s : s.trim();
  return t.length === 4 ? t.toLowerCase() === "null" : t.length === 6 && t.toLowerCase() === "(null)";
}

/**
 * C0 control characters other than tab and line breaks, DEL, and U+FFFD (what bytes that are not
 * UTF-8 become when the file is decoded). A cell holding one is damaged or binary data.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;

/** The first bad character of `s` as a readable name, or null when there is none. */
export function badCharacter(s: string): string | null {
  const m = CONTROL.exec(s);
  if (!m) return null;
  const c = m[0].charCodeAt(0);
  if (c === 0) return "a NUL byte (U+0000)";
  if (c === 0xfffd) return "bytes that are not UTF-8 text (shown as U+FFFD)";
  return `a control character (U+${c.toString(16).toUpperCase().padStart(4, "0")})`;
}

export const LIMITS = {
  /** agent and metered unit: as long as the manual-entry form allows */
  labelChars: 200,
  /** any other text kept with a row (descriptions, ids, tags) */
  textChars: 4_000,
  /** digits before the decimal point: a quadrillion credits is not usage */
  integerDigits: 15,
  /** significant digits of any number */
  significantDigits: 20,
  /** dates of usage */
  minDate: "2000-01-01",
  maxDate: "2100-12-31",
  /** data rows of one file (Excel's own sheet limit is 1,048,576 rows) */
  maxRows: 5_000_000,
  /** one XLSX cell: Excel's own limit */
  cellChars: 32_767,
} as const;

/**
 * Why a canonical decimal (see canonicalDecimal) is out of bounds, or null when it is fine.
 * Finite by construction; bounded here in digits, so that no value overflows a sum or a page.
 */
export function decimalProblem(d: string): string | null {
  // Most values are short: nothing to count.
  if (d.length <= 16) return null;
  const body = d.charCodeAt(0) === 45 ? d.slice(1) : d;
  const dot = body.indexOf(".");
  const int = dot < 0 ? body : body.slice(0, dot);
  if (int !== "0" && int.length > LIMITS.integerDigits) return `has ${int.length} digits before the decimal point (at most ${LIMITS.integerDigits})`;
  const digits = (int === "0" ? "" : int) + (dot < 0 ? "" : body.slice(dot + 1));
  const significant = digits.replace(/^0+/, "").length;
  if (significant > LIMITS.significantDigits) return `has ${significant} significant digits (at most ${LIMITS.significantDigits})`;
  return null;
}

/** Why an ISO date is out of bounds, or null. */
export function dateProblem(iso: string): string | null {
  if (iso < LIMITS.minDate || iso > LIMITS.maxDate) return `is outside the years ${LIMITS.minDate.slice(0, 4)}–${LIMITS.maxDate.slice(0, 4)}`;
  return null;
}
