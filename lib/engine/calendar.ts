// Calendar arithmetic for terms and periods.
// All dates are civil dates handled in UTC so that no host time zone or DST shift can move a
// period boundary or change a weekday count.
import type { Granularity, IsoDate, Period } from "@/lib/engine/types";

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class CalendarError extends Error {
  override name = "CalendarError";
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; throws on an impossible date such as 2026-02-30. */
export function toDayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new CalendarError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC silently rolls 2026-02-30 into March; reject instead of guessing.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new CalendarError(`no such date: ${date}`);
  }
  return Math.round(ms / DAY_MS);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const day0 = toDayNumber(date);
  const d = new Date(day0 * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const targetY = y + Math.floor(m / 12);
  const targetM = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetY, targetM + 1, 0)).getUTCDate();
  const dd = Math.min(d.getUTCDate(), lastDay);
  return fromDayNumber(Math.round(Date.UTC(targetY, targetM, dd) / DAY_MS));
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** Monday–Friday days in [start, end), minus any listed holiday that falls on one of them. */
export function weekdaysBetween(start: IsoDate, end: IsoDate, holidays: ReadonlySet<IsoDate> = new Set()): number {
  const a = toDayNumber(start);
  const b = toDayNumber(end);
  if (b <= a) return 0;
  const total = b - a;
  const fullWeeks = Math.floor(total / 7);
  let count = fullWeeks * 5;
  for (let day = a + fullWeeks * 7; day < b; day++) {
    const wd = (((day + 4) % 7) + 7) % 7;
    if (wd !== 0 && wd !== 6) count++;
  }
  for (const h of holidays) {
    const day = toDayNumber(h);
    const wd = (((day + 4) % 7) + 7) % 7;
    if (day >= a && day < b && wd !== 0 && wd !== 6) count--;
  }
  return count;
}

/** ISO-8601 week label of a date, e.g. "2026-W11" (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekLabel(date: IsoDate): string {
  const day = toDayNumber(date);
  const wd = (((day + 4) % 7) + 7) % 7 || 7; // Monday=1 … Sunday=7
  const thursday = day + (4 - wd);
  const thursdayYear = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Math.round(Date.UTC(thursdayYear, 0, 1) / DAY_MS);
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${thursdayYear}-W${String(week).padStart(2, "0")}`;
}

export interface TermSpec {
  /** first day of the term */
  start: IsoDate;
  /** number of periods */
  periods: number;
  granularity: Granularity;
  /** working days of every period, replacing the weekday count (a planning assumption such as 20) */
  workingDaysPerPeriod?: number;
  /** working days per period label ("2026-03", "2026-W11"); wins over workingDaysPerPeriod */
  workingDaysOverrides?: Readonly<Record<string, number>>;
  /** dates not worked (public holidays); only those falling on a weekday reduce the count */
  holidays?: readonly IsoDate[];
}

/**
 * Periods of a term. Months run from the start date to the same day of the next month (a term
 * starting 2026-03-01 has months labelled "2026-03", "2026-04", …; one starting on the 15th has
 * periods labelled by the month they start in). Weeks run seven days from the start date and are
 * labelled by the ISO week of their first day.
 */
export function buildPeriods(spec: TermSpec): Period[] {
  if (!Number.isInteger(spec.periods) || spec.periods < 1) {
    throw new CalendarError(`a term needs a positive whole number of periods, got ${spec.periods}`);
  }
  const holidays = new Set(spec.holidays ?? []);
  for (const h of holidays) toDayNumber(h);
  const out: Period[] = [];
  for (let i = 0; i < spec.periods; i++) {
    const start = spec.granularity === "month" ? addMonths(spec.start, i) : addDays(spec.start, 7 * i);
    const end = spec.granularity === "month" ? addMonths(spec.start, i + 1) : addDays(spec.start, 7 * (i + 1));
    const label = spec.granularity === "month" ? start.slice(0, 7) : isoWeekLabel(start);
    const override = spec.workingDaysOverrides?.[label];
    out.push({
      index: i,
      start,
      end,
      label,
      workingDays: override ?? spec.workingDaysPerPeriod ?? weekdaysBetween(start, end, holidays),
    });
  }
  return out;
}

/**
 * Month of the term (0-based) in which a date falls, counting whole calendar months from the term
 * start. Month-based schedules (activation, ramp, growth) use it so that weekly periods inherit the
 * value of the month they start in.
 */
export function monthIndexInTerm(termStart: IsoDate, date: IsoDate): number {
  let lo = 0;
  // months elapsed is at most days/28
  let hi = Math.max(0, Math.ceil(daysBetween(termStart, date) / 28) + 1);
  if (toDayNumber(date) < toDayNumber(termStart)) return -1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (toDayNumber(addMonths(termStart, mid)) <= toDayNumber(date)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
