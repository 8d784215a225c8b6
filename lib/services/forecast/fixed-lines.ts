// The contract's fixed lines (seats, subscriptions) over its term, in exact decimals with the
// engine's rounding rule: one half-up rounding to the currency's minor unit per line, totals are sums
// of rounded lines. The consumption engine prices credits only; these are shown apart from it.
// (A candidate to move into lib/engine beside the ledger.)
import Decimal from "decimal.js";
import type { FixedLineJson } from "@/lib/db/schema/json";
import { addMonths, daysBetween } from "@/lib/engine/calendar";
import { minorUnits, roundMoney } from "@/lib/engine/money";
import type { FixedLineCost } from "./types";

/**
 * Calendar months from termStart to termEnd (exclusive): whole months, plus the last partial month
 * as its share of days (1 Jan – 16 Jan of a 31-day month is 15/31).
 */
export function termMonths(termStart: string, termEnd: string): Decimal {
  let whole = 0;
  while (addMonths(termStart, whole + 1) <= termEnd) whole += 1;
  const from = addMonths(termStart, whole);
  if (from >= termEnd) return new Decimal(whole);
  const monthDays = daysBetween(from, addMonths(from, 1));
  return new Decimal(whole).plus(new Decimal(daysBetween(from, termEnd)).div(monthDays));
}

export function fixedLinesCost(lines: FixedLineJson[], termStart: string, termEnd: string, currency: string): { lines: FixedLineCost[]; total: string } {
  const months = termMonths(termStart, termEnd);
  const digits = minorUnits(currency);
  let total = new Decimal(0);
  const out = lines.map((l) => {
    const count = l.per === "month" ? months : l.per === "year" ? months.div(12) : new Decimal(1);
    const amount = roundMoney(new Decimal(l.quantity).times(l.unitPrice).times(count), currency);
    total = total.plus(amount);
    return { description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, per: l.per, count: count.toDecimalPlaces(6).toFixed(), total: amount.toFixed(digits) };
  });
  return { lines: out, total: total.toFixed(digits) };
}

/** a + b, null when a is null (an unknown consumption cost keeps the total unknown). */
export function plusOrNull(a: string | null, b: string, currency: string): string | null {
  return a === null ? null : new Decimal(a).plus(b).toFixed(minorUnits(currency));
}

/** An engine money string in the currency's minor unit ("7200" → "7200.00"); the value is unchanged. */
export function inMinorUnits(amount: string | null, currency: string): string | null {
  return amount === null ? null : new Decimal(amount).toFixed(minorUnits(currency));
}
