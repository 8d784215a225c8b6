// Civil-date arithmetic the ledger needs (UTC, so no host time zone moves a boundary), and the
// cycles (month, quarter, year, term) that allotments, ceilings and caps are measured in.
// Kept here rather than shared so that the ledger does not move when the demand side's calendar does.
import type { IsoDate, Period } from "@/lib/engine/types";
import type { Cadence, ResetAnchor } from "@/lib/engine/ledger/types";

const DAY_MS = 86_400_000;

export function toDay(date: IsoDate): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar months, clamping the day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return fromDay(Math.round(Date.UTC(ty, tm, Math.min(d, last)) / DAY_MS));
}

/** Whole contract months from `anchor` to `date` (negative before the anchor). */
export function monthsSince(anchor: IsoDate, date: IsoDate): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  let k = (y - Number(anchor.slice(0, 4))) * 12 + (m - Number(anchor.slice(5, 7)));
  // addMonths(anchor, k) falls on min(anchor's day, last day of date's month); the estimate is one
  // ahead when that day has not been reached yet. Computed without building dates: it runs per
  // period and per clause.
  if (Math.min(Number(anchor.slice(8, 10)), daysInMonth(y, m)) > Number(date.slice(8, 10))) k -= 1;
  return k;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const MONTHS_PER: Record<Exclude<Cadence, "term">, number> = { month: 1, quarter: 3, year: 12 };

/** Index of the cycle containing `date`. Cycles of one cadence and anchor are consecutive integers. */
export function cycleKey(date: IsoDate, cadence: Cadence, anchor: ResetAnchor, termStart: IsoDate): number {
  if (cadence === "term") return 0;
  const n = MONTHS_PER[cadence];
  if (anchor === "calendar") {
    const months = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
    return Math.floor(months / n);
  }
  return Math.floor(monthsSince(termStart, date) / n);
}

/** First day of the cycle with index `key` (inverse of cycleKey). */
export function cycleStart(key: number, cadence: Cadence, anchor: ResetAnchor, termStart: IsoDate): IsoDate {
  if (cadence === "term") return termStart;
  const n = MONTHS_PER[cadence];
  if (anchor === "calendar") {
    const months = key * n;
    const y = Math.floor(months / 12);
    const m = months - y * 12 + 1;
    return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01`;
  }
  return addMonths(termStart, key * n);
}

/** Contract year (0-based, anniversaries of termStart) of a date; dates before the term count as year 0. */
export function contractYear(termStart: IsoDate, date: IsoDate): number {
  return Math.max(0, Math.floor(monthsSince(termStart, date) / 12));
}

/**
 * The day of a period by which a fraction `f` (0–1) of its demand has been consumed, demand being
 * spread evenly over working days (Monday–Friday, scaled to the period's `workingDays` when
 * holidays reduce it) or over calendar days.
 *  - mode "reach": the day on which cumulative consumption reaches f (an alert threshold);
 *  - mode "fail": the first day that cannot be fully served when only f of the demand can be.
 */
export function dayAtFraction(period: Period, f: number, basis: "workingDays" | "calendarDays", mode: "reach" | "fail"): IsoDate {
  const start = toDay(period.start);
  const end = toDay(period.end);
  const days: number[] = [];
  if (basis === "workingDays") {
    for (let d = start; d < end; d++) {
      const wd = (((d + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
      if (wd !== 0 && wd !== 6) days.push(d);
    }
  }
  const useCalendar = basis === "calendarDays" || days.length === 0 || period.workingDays <= 0;
  const n = useCalendar ? end - start : period.workingDays;
  const x = Math.min(Math.max(f, 0), 1) * n;
  let k = mode === "reach" ? Math.ceil(x - 1e-12) : Math.floor(x + 1e-12) + 1;
  k = Math.min(Math.max(k, 1), n);
  if (useCalendar) return fromDay(start + k - 1);
  // k-th of `workingDays` working days, placed on the weekday list proportionally (holidays unknown here)
  const idx = Math.min(days.length, Math.max(1, Math.ceil((k * days.length) / n - 1e-12)));
  return fromDay(days[idx - 1]!);
}
