import { describe, expect, it } from "vitest";
import {
  addMonths,
  buildPeriods,
  CalendarError,
  daysBetween,
  isoWeekLabel,
  monthIndexInTerm,
  weekday,
  weekdaysBetween,
} from "@/lib/engine/calendar";

describe("working days of real months", () => {
  it.each([
    // 2026-03-01 is a Sunday: Mon 2 … Tue 31 = 4 full weeks (20) + Mon 30, Tue 31 = 22
    ["2026-03-01", "2026-04-01", 22],
    // February 2026 starts on a Sunday and has exactly 4 weeks: 20
    ["2026-02-01", "2026-03-01", 20],
    // April 2026 starts on a Wednesday: 30 days = 4 weeks (20) + Wed 29, Thu 30 = 22
    ["2026-04-01", "2026-05-01", 22],
    // May 2026 starts on a Friday: Fri 1 + 4 weeks from Mon 4 (20) = 21 (Sat 30, Sun 31 off)
    ["2026-05-01", "2026-06-01", 21],
    // February 2028 (leap) starts on a Tuesday: 29 days = 4 weeks (20) + Tue 29 = 21
    ["2028-02-01", "2028-03-01", 21],
  ])("weekdays in [%s, %s) = %i", (start, end, expected) => {
    expect(weekdaysBetween(start, end)).toBe(expected);
  });

  it("labels months and counts their weekdays", () => {
    const periods = buildPeriods({ start: "2026-03-01", periods: 3, granularity: "month" });
    expect(periods.map((p) => [p.label, p.start, p.end, p.workingDays])).toEqual([
      ["2026-03", "2026-03-01", "2026-04-01", 22],
      ["2026-04", "2026-04-01", "2026-05-01", 22],
      ["2026-05", "2026-05-01", "2026-06-01", 21],
    ]);
  });

  it("removes holidays that fall on weekdays only", () => {
    // December 2026 has 23 weekdays (Tue 1 – Thu 31); Fri 25 is a weekday, Sat 26 is not: 22
    const [dec] = buildPeriods({ start: "2026-12-01", periods: 1, granularity: "month", holidays: ["2026-12-25", "2026-12-26"] });
    expect(dec?.workingDays).toBe(22);
  });

  it("lets a flat assumption and per-period overrides replace the weekday count", () => {
    const periods = buildPeriods({
      start: "2026-03-01",
      periods: 3,
      granularity: "month",
      workingDaysPerPeriod: 20,
      workingDaysOverrides: { "2026-04": 18 },
    });
    expect(periods.map((p) => p.workingDays)).toEqual([20, 18, 20]);
  });
});

describe("weekly periods", () => {
  it("runs seven days from the start and labels ISO weeks", () => {
    // 2026-03-02 is a Monday in ISO week 10 (week 1 starts Mon 2025-12-29: 63 days = 9 weeks later)
    const weeks = buildPeriods({ start: "2026-03-02", periods: 3, granularity: "week" });
    expect(weeks.map((w) => [w.label, w.start, w.end, w.workingDays])).toEqual([
      ["2026-W10", "2026-03-02", "2026-03-09", 5],
      ["2026-W11", "2026-03-09", "2026-03-16", 5],
      ["2026-W12", "2026-03-16", "2026-03-23", 5],
    ]);
  });

  it("counts the weekdays of a week that starts mid-week", () => {
    // Thu 2026-01-01 … Wed 2026-01-07: Thu, Fri, Mon, Tue, Wed = 5; with New Year's Day off: 4
    const [w] = buildPeriods({ start: "2026-01-01", periods: 1, granularity: "week", holidays: ["2026-01-01"] });
    expect(w?.workingDays).toBe(4);
    expect(w?.label).toBe("2026-W01");
  });

  it("knows the years with 53 ISO weeks and weeks that belong to the neighbouring year", () => {
    expect(isoWeekLabel("2026-12-31")).toBe("2026-W53"); // 2026 starts on a Thursday
    expect(isoWeekLabel("2027-01-01")).toBe("2026-W53");
    expect(isoWeekLabel("2025-12-29")).toBe("2026-W01");
    expect(isoWeekLabel("2024-12-30")).toBe("2025-W01");
  });
});

describe("date arithmetic", () => {
  it("clamps month ends and keeps every month anchored on the start date", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
    const periods = buildPeriods({ start: "2026-01-31", periods: 3, granularity: "month" });
    expect(periods.map((p) => p.start)).toEqual(["2026-01-31", "2026-02-28", "2026-03-31"]);
  });

  it("counts days and weekdays across DST changes without drift", () => {
    // 2026-03-29 is the EU DST switch; UTC civil dates are unaffected
    expect(daysBetween("2026-03-01", "2026-04-01")).toBe(31);
    expect(weekday("2026-03-29")).toBe(0);
  });

  it("places dates in term months", () => {
    expect(monthIndexInTerm("2026-03-15", "2026-03-15")).toBe(0);
    expect(monthIndexInTerm("2026-03-15", "2026-04-14")).toBe(0);
    expect(monthIndexInTerm("2026-03-15", "2026-04-15")).toBe(1);
    expect(monthIndexInTerm("2026-03-15", "2027-03-15")).toBe(12);
    expect(monthIndexInTerm("2026-03-15", "2026-03-14")).toBe(-1);
  });

  it("rejects impossible dates instead of rolling them over", () => {
    expect(() => buildPeriods({ start: "2026-02-30", periods: 1, granularity: "month" })).toThrow(CalendarError);
    expect(() => buildPeriods({ start: "2026-03-01", periods: 0, granularity: "month" })).toThrow(CalendarError);
  });
});
