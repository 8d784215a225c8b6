// Calendar arithmetic for the whole engine: terms and periods, contract months and years, the
// cycles (month, quarter, year, term) that allotments, ceilings and caps are measured in, and the
// day inside a period on which an event falls. One module, so the demand side and the ledger cannot
// count months differently.
// All dates are civil dates handled in UTC so that no host time zone or DST shift can move a
// period boundary or change a weekday count.
import { EngineInputError } from "@/lib/engine/errors";
import type { Cadence, ResetAnchor } from "@/lib/engine/ledger/types";
import type { Granularity, IsoDate, Period } from "@/lib/engine/types";

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class CalendarError extends EngineInputError {
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

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A day as people read it, the one style of the app, its exports and the engine's sentences: "1 Oct 2026". */
export function dayInWords(date: IsoDate): string {
  const [y, m, d] = date.split("-").map(Number);
  const month = m ? MONTH_NAMES[m - 1] : undefined;
  return y && d && month ? `${d} ${month} ${y}` : date;
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

/** "2026" for a year from 1 January, "FY2026-04" for a year from another day (April here). */
function yearLabel(start: IsoDate): string {
  return start.slice(5) === "01-01" ? start.slice(0, 4) : `FY${start.slice(0, 7)}`;
}

/**
 * The twelve months of a yearly period, for driver schedules that run by month. Their working days
 * are the weekdays of each month, scaled so that they add up to the year's (which holidays and
 * overrides may have reduced): the year's figure is spread in proportion, as a ratio of integers.
 */
export function monthsOfYear(period: Period): { period: Period; workingDays: { num: number; den: number } }[] {
  const months = buildPeriods({ start: period.start, periods: 12, granularity: "month" });
  const weekdays = months.reduce((sum, m) => sum + m.workingDays, 0);
  return months.map((m) => ({
    period: m,
    workingDays: weekdays === period.workingDays || weekdays === 0 ? { num: m.workingDays, den: 1 } : { num: m.workingDays * period.workingDays, den: weekdays },
  }));
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
    const step = (k: number) => (spec.granularity === "month" ? addMonths(spec.start, k) : spec.granularity === "year" ? addMonths(spec.start, 12 * k) : addDays(spec.start, 7 * k));
    const start = step(i);
    const end = step(i + 1);
    const label = spec.granularity === "month" ? start.slice(0, 7) : spec.granularity === "year" ? yearLabel(start) : isoWeekLabel(start);
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
 * start; -1 before the start. Month-based schedules (activation, ramp, growth) use it so that weekly
 * periods inherit the value of the month they start in.
 */
export function monthIndexInTerm(termStart: IsoDate, date: IsoDate): number {
  if (toDayNumber(date) < toDayNumber(termStart)) return -1;
  return monthsSince(termStart, date);
}

/** Whole contract months from `anchor` to `date` (negative before the anchor): the largest k with
 *  addMonths(anchor, k) ≤ date. */
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
  const start = toDayNumber(period.start);
  const end = toDayNumber(period.end);
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
  if (useCalendar) return fromDayNumber(start + k - 1);
  // k-th of `workingDays` working days, placed on the weekday list proportionally (holidays unknown here)
  const idx = Math.min(days.length, Math.max(1, Math.ceil((k * days.length) / n - 1e-12)));
  return fromDayNumber(days[idx - 1]!);
}
