// File-wide format decisions taken from a sample of rows: is 4/1/25 the 1st of April or the 4th
// of January, is 1.234 one thousand or one and a bit. A file is written in one locale, so the
// decision is made once for all its date (number) columns, from the values that prove it; when
// none does, from what the data makes likelier; failing that, a stated default.
import type { Confidence, DateFormatReport, DateOrder, NumberFormatReport } from "@/lib/import/types";
import { dateShape, numericPattern, parseDateText, shown, splitCurrency, INVALID, type Cell, type DateShape } from "@/lib/import/values";

export interface CellSample {
  row: number;
  column: string;
  value: Cell;
}

interface Example {
  row: number;
  column: string;
  value: string;
}

const where = (e: Example): string => `'${e.value}' (row ${e.row}, ${e.column})`;

/**
 * How day/month dates are read. `pairs` are (start, end) cells of the same row, used to rule out a
 * reading that would end periods before they start. `preferDayFirst` breaks a tie (a file with
 * ";" delimiters or decimal commas comes from a day-first locale).
 */
export function detectDateOrder(
  values: readonly CellSample[],
  pairs: ReadonlyArray<readonly [Cell, Cell]>,
  preferDayFirst: boolean,
): DateFormatReport {
  const patterns = new Set<string>();
  const numeric: Array<{ shape: DateShape; example: Example }> = [];
  let monthFirstProof: Example | null = null;
  let dayFirstProof: Example | null = null;
  let monthFirstCount = 0;
  let dayFirstCount = 0;

  for (const { row, column, value } of values) {
    if (value === null) continue;
    if (value instanceof Date) {
      patterns.add("Excel date");
      continue;
    }
    if (typeof value === "number") {
      patterns.add("Excel serial number");
      continue;
    }
    if (typeof value !== "string") continue;
    const text = value.trim();
    if (text === "") continue;
    const shape = dateShape(text);
    if (!shape) continue;
    const example = { row, column, value: shown(text) };
    switch (shape.kind) {
      case "ymd":
        patterns.add(shape.hasTime ? "YYYY-MM-DDThh:mm:ss" : /^\d{8}$/.test(text) ? "YYYYMMDD" : "YYYY-MM-DD");
        break;
      case "named":
        patterns.add(/^\d/.test(text) ? "D-Mon-YYYY" : "Mon D, YYYY");
        break;
      case "serial":
        patterns.add("Excel serial number");
        break;
      case "numeric": {
        const a = shape.first ?? 0;
        const b = shape.second ?? 0;
        if (shape.separator === ".") {
          patterns.add(numericPattern(shape, "dmy"));
          dayFirstCount++;
          dayFirstProof ??= example;
        } else if (a > 12 && b <= 12) {
          dayFirstCount++;
          dayFirstProof ??= example;
          numeric.push({ shape, example });
        } else if (b > 12 && a <= 12) {
          monthFirstCount++;
          monthFirstProof ??= example;
          numeric.push({ shape, example });
        } else {
          numeric.push({ shape, example });
        }
      }
    }
  }

  const finish = (order: DateOrder, confidence: Confidence, reason: string): DateFormatReport => {
    if (order !== "ymd") for (const { shape } of numeric) patterns.add(numericPattern(shape, order));
    return { order, patterns: [...patterns], confidence, reason };
  };

  if (numeric.length === 0 && dayFirstCount === 0) {
    return finish("ymd", "certain", patterns.size > 0 ? "no day/month dates: every date has its year first or is a spreadsheet date" : "no dates in the sample");
  }
  if (dayFirstProof && !monthFirstProof) {
    return finish("dmy", "certain", `${where(dayFirstProof)} can only be read day first`);
  }
  if (monthFirstProof && !dayFirstProof) {
    return finish("mdy", "certain", `${where(monthFirstProof)} can only be read month first`);
  }
  if (monthFirstProof && dayFirstProof) {
    const order = dayFirstCount > monthFirstCount ? "dmy" : "mdy";
    return finish(
      order,
      "inferred",
      `the file mixes month-first ${where(monthFirstProof)} and day-first ${where(dayFirstProof)} dates; ` +
        `read ${order === "mdy" ? "month" : "day"} first as most are (${Math.max(monthFirstCount, dayFirstCount)} of ${monthFirstCount + dayFirstCount}); the others are reported`,
    );
  }

  // Every day/month date fits both readings.
  let endsBeforeStartMdy = 0;
  let endsBeforeStartDmy = 0;
  for (const [start, end] of pairs) {
    if (typeof start !== "string" || typeof end !== "string") continue;
    const s1 = parseDateText(start, "mdy");
    const e1 = parseDateText(end, "mdy");
    const s2 = parseDateText(start, "dmy");
    const e2 = parseDateText(end, "dmy");
    if (typeof s1 === "string" && typeof e1 === "string" && e1 < s1) endsBeforeStartMdy++;
    if (typeof s2 === "string" && typeof e2 === "string" && e2 < s2) endsBeforeStartDmy++;
  }
  if (endsBeforeStartMdy > 0 && endsBeforeStartDmy === 0) {
    return finish("dmy", "inferred", `read month first, ${endsBeforeStartMdy} period(s) would end before they start; read day first, none does`);
  }
  if (endsBeforeStartDmy > 0 && endsBeforeStartMdy === 0) {
    return finish("mdy", "inferred", `read day first, ${endsBeforeStartDmy} period(s) would end before they start; read month first, none does`);
  }

  // Period boundaries fall on the 1st of a month: whichever reading puts most dates on a 1st.
  let firstsMdy = 0;
  let firstsDmy = 0;
  for (const { shape } of numeric) {
    if (shape.second === 1) firstsMdy++;
    if (shape.first === 1) firstsDmy++;
  }
  const n = numeric.length;
  if (n >= 3 && firstsMdy / n >= 0.5 && firstsDmy * 3 <= firstsMdy) {
    return finish("mdy", "inferred", `no date proves the order, but read month first ${firstsMdy} of ${n} dates fall on the 1st of a month (period boundaries), read day first ${firstsDmy}`);
  }
  if (n >= 3 && firstsDmy / n >= 0.5 && firstsMdy * 3 <= firstsDmy) {
    return finish("dmy", "inferred", `no date proves the order, but read day first ${firstsDmy} of ${n} dates fall on the 1st of a month (period boundaries), read month first ${firstsMdy}`);
  }

  const order = preferDayFirst ? "dmy" : "mdy";
  const example = numeric[0]?.example;
  return finish(
    order,
    "assumed",
    `no date proves the order (${example ? `e.g. ${where(example)}` : "every day and month is 12 or less"}); ` +
      `assumed ${order === "mdy" ? "month first (US)" : "day first, as the file's separators are European"}; set dateOrder in the mapping if that is wrong`,
  );
}

const NUMERIC_TEXT = /^[\d.,' \u00a0\u202f]+$/;

/** Decimal point or comma, from the number cells of the sample. `preferComma` breaks a tie. */
export function detectNumberFormat(values: readonly CellSample[], preferComma: boolean): NumberFormatReport {
  let pointProof: Example | null = null;
  let commaProof: Example | null = null;
  let ambiguous: Example | null = null;
  let pointCount = 0;
  let commaCount = 0;
  const groups = new Map<string, number>();
  const symbols = new Set<string>();
  const group = (c: string): void => {
    groups.set(c, (groups.get(c) ?? 0) + 1);
  };

  for (const { row, column, value } of values) {
    if (typeof value !== "string") continue;
    let s = value.trim();
    if (s === "") continue;
    if (s.startsWith("(") && s.endsWith(")")) s = s.slice(1, -1).trim();
    s = s.replace(/^[-+\u2212]\s*/, "");
    const { rest, symbol } = splitCurrency(s);
    s = rest.replace(/^[-+\u2212]\s*/, "").replace(/[eE][+-]?\d+$/, "");
    if (!NUMERIC_TEXT.test(s) || !/\d/.test(s)) continue;
    if (symbol) symbols.add(symbol);
    const example = { row, column, value: shown(value) };
    for (const c of [" ", "'", "\u00a0", "\u202f"]) if (s.includes(c)) group(c === "\u00a0" || c === "\u202f" ? " " : c);
    const lastPoint = s.lastIndexOf(".");
    const lastComma = s.lastIndexOf(",");
    if (lastPoint >= 0 && lastComma >= 0) {
      if (lastPoint > lastComma) {
        pointCount++;
        pointProof ??= example;
        group(",");
      } else {
        commaCount++;
        commaProof ??= example;
        group(".");
      }
      continue;
    }
    const sep = lastPoint >= 0 ? "." : lastComma >= 0 ? "," : null;
    if (sep === null) continue;
    const parts = s.split(sep);
    const before = (parts[0] ?? "").replace(/[' \u00a0\u202f]/g, "");
    const after = parts[parts.length - 1] ?? "";
    // Several separators can only be grouping; one followed by exactly three digits, after a
    // short non-zero integer part, could be either.
    const grouping = parts.length > 2;
    const couldGroup = parts.length === 2 && after.length === 3 && before.length >= 1 && before.length <= 3 && !before.startsWith("0");
    if (grouping) {
      if (sep === ",") {
        pointCount++;
        pointProof ??= example;
      } else {
        commaCount++;
        commaProof ??= example;
      }
      group(sep);
    } else if (couldGroup) {
      ambiguous ??= example;
    } else if (sep === ".") {
      pointCount++;
      pointProof ??= example;
    } else {
      commaCount++;
      commaProof ??= example;
    }
  }

  const decide = (decimal: "." | ",", confidence: Confidence, reason: string): NumberFormatReport => {
    let thousands: string | null = null;
    let best = 0;
    for (const [c, n] of groups) {
      if (c !== decimal && n > best) {
        thousands = c;
        best = n;
      }
    }
    if (thousands === null && ambiguous) thousands = decimal === "." ? "," : ".";
    return { decimalSeparator: decimal, thousandsSeparator: thousands, currencySymbols: [...symbols], confidence, reason };
  };

  if (pointProof && !commaProof) return decide(".", "certain", `${where(pointProof)} has a decimal point`);
  if (commaProof && !pointProof) return decide(",", "certain", `${where(commaProof)} has a decimal comma`);
  if (pointProof && commaProof) {
    const decimal = commaCount > pointCount ? "," : ".";
    return decide(
      decimal,
      "inferred",
      `the file mixes decimal points ${where(pointProof)} and decimal commas ${where(commaProof)}; read as most are; the others are reported`,
    );
  }
  const decimal = preferComma ? "," : ".";
  if (ambiguous) {
    return decide(
      decimal,
      "assumed",
      `${where(ambiguous)} could be a decimal or a grouped thousand; assumed a decimal ${decimal === "." ? "point" : "comma (the file's separators are European)"}; set decimalSeparator in the mapping if that is wrong`,
    );
  }
  return decide(decimal, "assumed", "no number in the sample has a decimal or grouping separator");
}

/** A cell that reads as a date in either order (for guessing a column's kind). */
export function isDateLike(value: Cell): boolean {
  if (value === null) return false;
  if (value instanceof Date) return true;
  if (typeof value !== "string") return false;
  const shape = dateShape(value.trim());
  // Bare five-digit numbers are dates only in a column already known to hold dates.
  if (shape === null || shape.kind === "serial") return false;
  return parseDateText(value, "mdy") !== INVALID || parseDateText(value, "dmy") !== INVALID;
}
