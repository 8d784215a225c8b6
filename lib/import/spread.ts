// A row whose charge period spans several periods (a 12-month charge, a quarter) is spread over
// them by days, so that each month (or ISO week) gets the share of the days it holds, rather than
// the first month getting all of it. FOCUS's ChargePeriodEnd is exclusive: 2025-04-01 → 2025-05-01
// is April alone.
import Decimal from "decimal.js";
import type { IsoDate, UsageRow } from "@/lib/import/types";

export type Granularity = "month" | "week";

const DAY_MS = 86_400_000;

function toDay(iso: IsoDate): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

function fromDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** First day of the period holding `day` (days since the epoch). */
export function periodStartDay(day: number, granularity: Granularity): number {
  if (granularity === "week") {
    // 1970-01-01 was a Thursday; ISO weeks start on Monday.
    const weekday = (day + 3) % 7;
    return day - (weekday < 0 ? weekday + 7 : weekday);
  }
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
}

function nextPeriodDay(start: number, granularity: Granularity): number {
  if (granularity === "week") return start + 7;
  const d = new Date(start * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
}

/** The first day of the period of an ISO date, as an ISO date. */
export function periodOf(iso: IsoDate, granularity: Granularity): IsoDate {
  if (granularity === "month") return `${iso.slice(0, 7)}-01`;
  return fromDay(periodStartDay(toDay(iso), granularity));
}

/** "2025-04" for a month, "2025-W14" for an ISO week. */
export function periodLabel(start: IsoDate, granularity: Granularity): string {
  if (granularity === "month") return start.slice(0, 7);
  const day = toDay(start);
  // The ISO year is the year of the week's Thursday.
  const thursday = new Date((day + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() / DAY_MS - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The pieces [start, end) of `start`–`end` (end exclusive) in each period it touches. */
export function periodPieces(start: IsoDate, end: IsoDate, granularity: Granularity): Array<{ start: IsoDate; end: IsoDate; days: number }> {
  const s = toDay(start);
  const e = toDay(end);
  if (e <= s) return [{ start, end, days: 0 }];
  const pieces: Array<{ start: IsoDate; end: IsoDate; days: number }> = [];
  let from = s;
  while (from < e) {
    const next = Math.min(nextPeriodDay(periodStartDay(from, granularity), granularity), e);
    pieces.push({ start: fromDay(from), end: fromDay(next), days: next - from });
    from = next;
  }
  return pieces;
}

/** True when a row's period reaches past the end of the period it starts in. */
export function spansPeriods(row: Pick<UsageRow, "periodStart" | "periodEnd">, granularity: Granularity): boolean {
  if (row.periodEnd === null || row.periodEnd <= row.periodStart) return false;
  // Same month (or a month-end boundary): one period. Cheap string test for the common case.
  if (granularity === "month") {
    if (row.periodEnd.slice(0, 7) === row.periodStart.slice(0, 7)) return false;
    return !(row.periodEnd.endsWith("-01") && nextMonth(row.periodStart) === row.periodEnd.slice(0, 7));
  }
  return toDay(row.periodEnd) > nextPeriodDay(periodStartDay(toDay(row.periodStart), granularity), granularity);
}

function nextMonth(iso: IsoDate): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * Shares of `total` in proportion to `days`, exact: each piece is rounded at the value's own scale
 * (at least 6 decimals) on the running total, so the pieces add up to `total` to the last digit.
 */
export function shareByDays(total: string, days: readonly number[]): string[] {
  const all = days.reduce((a, b) => a + b, 0);
  const value = new Decimal(total);
  const scale = Math.max(6, value.decimalPlaces());
  const out: string[] = [];
  let before = new Decimal(0);
  let cumulative = 0;
  for (let i = 0; i < days.length; i++) {
    cumulative += days[i] ?? 0;
    const upTo = i === days.length - 1 ? value : value.times(cumulative).dividedBy(all).toDecimalPlaces(scale, Decimal.ROUND_HALF_EVEN);
    out.push(canonical(upTo.minus(before)));
    before = upTo;
  }
  return out;
}

function canonical(d: Decimal): string {
  const s = d.toFixed();
  if (!s.includes(".")) return s === "-0" ? "0" : s;
  const t = s.replace(/0+$/, "").replace(/\.$/, "");
  return t === "-0" ? "0" : t;
}

/** The row cut into one row per period it spans, its measures shared by days; keys suffixed "/1", "/2"… */
export function spreadRow(row: UsageRow, granularity: Granularity): UsageRow[] {
  if (row.periodEnd === null) return [row];
  const pieces = periodPieces(row.periodStart, row.periodEnd, granularity);
  if (pieces.length < 2) return [row];
  const days = pieces.map((p) => p.days);
  const totalDays = days.reduce((a, b) => a + b, 0);
  const share = (v: string | null): Array<string | null> => (v === null ? pieces.map(() => null) : shareByDays(v, days));
  const actions = share(row.actions);
  const credits = share(row.credits);
  const cost = share(row.cost);
  const quantity = share(row.quantity);
  const billed = share(row.billedCost);
  return pieces.map((p, i) => ({
    ...row,
    rowKey: `${row.rowKey}/${i + 1}`,
    periodStart: p.start,
    periodEnd: p.end,
    actions: actions[i] ?? null,
    credits: credits[i] ?? null,
    cost: cost[i] ?? null,
    quantity: quantity[i] ?? null,
    billedCost: billed[i] ?? null,
    spread: { part: i + 1, of: pieces.length, days: p.days, totalDays, sourceStart: row.periodStart, sourceEnd: row.periodEnd ?? p.end },
  }));
}
