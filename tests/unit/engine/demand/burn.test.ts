import Decimal from "@/lib/engine/decimal";
import { describe, expect, it } from "vitest";
import { buildPeriods } from "@/lib/engine/calendar";
import {
  BurnFitError,
  burnAt,
  demandFromBurn,
  fitBurn,
  projectBurn,
  runway,
  toLedgerDecimal,
  type BurnSeries,
} from "@/lib/engine/demand/burn";
import { studentTQuantile } from "@/lib/engine/demand/stats";

const d = (v: Decimal.Value) => new Decimal(v);
const series = (values: number[], granularity: "week" | "month" = "week", start = "2026-01-05", quantity: "credits" | "amount" = "amount"): BurnSeries => ({
  granularity,
  start,
  values: values.map(d),
  quantity,
});

describe("runaway burn: $50,000 burned $6,000, $11,000, $18,000 in weeks 1–3", () => {
  const runaway = series([6000, 11000, 18000]);

  it("chooses the accelerating trend and says why", () => {
    const fit = fitBurn(runaway);
    // n = 3 leaves no room for AICc (needs n ≥ parameters + 3), so AIC ranks flat, linear and
    // exponential; the quadratic would fit 3 points exactly and is not a candidate.
    expect(fit.criterion).toBe("AIC");
    expect(fit.candidates.map((c) => c.model)).toEqual(["flat", "linear", "exponential"]);
    expect(fit.chosen.model).toBe("exponential");
    expect(fit.trend).toBe("accelerating");
    // the linear fit (6,000/week slope) is more than 2 AIC points behind, so it is not kept
    expect(fit.candidates.find((c) => c.model === "linear")!.delta).toBeGreaterThan(2);
    expect(fit.explanation).toMatch(/accelerating \(exponential\) trend/);
    expect(fit.explanation).toMatch(/because it fits the observed weeks best \(fit score AIC, lower is better: \d+\.\d; flat \d+\.\d, linear \d+\.\d\)/);
    expect(fit.explanation).toMatch(/grows about \d+% each week/);
  });

  it("runs out in week 4, about 24 days in, not the 85 planned", () => {
    const fit = fitBurn(runaway);
    const r = runway(fit, { balance: d(50000), plannedEnd: "2026-03-31" });
    // $35,000 spent by day 21 leaves $15,000; week 4 projects ≈ $30,700, so the rest goes in
    // ≈ 15,000 / 30,700 × 7 ≈ 3.4 days: day ≈ 24.4, Thursday 2026-01-29
    expect(r.expected.periodNumber).toBe(4);
    expect(r.expected.withinObserved).toBe(false);
    expect(r.expected.daysFromStart).toBeGreaterThan(21);
    expect(r.expected.daysFromStart).toBeLessThanOrEqual(28);
    expect(r.expected.exhaustedOn).toBe("2026-01-29");
    expect(r.plannedDays).toBe(85); // 2026-01-05 → 2026-03-31
    expect(r.daysShort).toBeGreaterThan(55);
    // even at the optimistic edge of the 80% interval the balance is gone in week 4
    expect(r.late.periodNumber).toBe(4);
    expect(r.early.daysFromStart!).toBeLessThanOrEqual(r.expected.daysFromStart!);
    expect(r.late.daysFromStart!).toBeGreaterThanOrEqual(r.expected.daysFromStart!);
  });

  it("would also exhaust in week 4 on a linear trend, but in week 5 on a flat level", () => {
    // linear: 6,000t − 333: week 4 ≈ 23,667; cumulative 35,000 + 23,667 > 50,000
    const linear = fitBurn(runaway, { models: ["flat", "linear"] });
    expect(linear.chosen.model).toBe("linear");
    expect(runway(linear, { balance: d(50000) }).expected.periodNumber).toBe(4);
    // flat: 11,667 a week; 35,000 + 11,667 = 46,667 < 50,000 after week 4, gone in week 5
    const flat = fitBurn(runaway, { models: ["flat"] });
    expect(runway(flat, { balance: d(50000) }).expected.periodNumber).toBe(5);
  });

  it("projects with an interval that contains the point and widens with the horizon", () => {
    const fit = fitBurn(runaway);
    const [w4, w5] = projectBurn(fit, 2);
    expect(w4!.period.label).toBe("2026-W05"); // the fourth observed week starts 2026-01-26
    expect(w4!.low).toBeLessThan(w4!.point);
    expect(w4!.high).toBeGreaterThan(w4!.point);
    expect(w5!.high - w5!.low).toBeGreaterThan(w4!.high - w4!.low);
    expect(w4!.point).toBeGreaterThan(27000); // more than the quadratic's 27,000 (t² + 2t + 3, ×1000)
  });

  it("reports exhaustion inside the observations when the balance is already gone", () => {
    const fit = fitBurn(runaway);
    const r = runway(fit, { balance: d(20000) });
    // 6,000 + 11,000 = 17,000; the last 3,000 go in 3,000/18,000 × 7 = 1.17 days of week 3: day 15.2
    expect(r.expected.withinObserved).toBe(true);
    expect(r.expected.periodNumber).toBe(3);
    expect(r.expected.daysFromStart).toBe(15.2);
    expect(r.expected.exhaustedOn).toBe("2026-01-20");
  });
});

describe("model choice", () => {
  it("keeps a flat level for noisy stable burn", () => {
    const fit = fitBurn(series([100, 103, 97, 101, 99, 100, 102, 98]));
    expect(fit.criterion).toBe("AICc");
    expect(fit.chosen.model).toBe("flat");
    expect(fit.trend).toBe("flat");
  });

  it("prefers the linear trend over the quadratic when the curvature does not earn its parameter", () => {
    const fit = fitBurn(series([100, 205, 298, 402, 499, 603, 700, 801]));
    expect(fit.chosen.model).toBe("linear");
    expect(fit.trend).toBe("rising");
    expect(fit.explanation).toMatch(/linear trend/);
  });

  it("chooses an accelerating trend for accelerating burn", () => {
    // 1,000 + 50t² with a little noise
    const fit = fitBurn(series([1052, 1197, 1452, 1797, 2251, 2803, 3449, 4198, 5052]));
    expect(["quadratic", "exponential"]).toContain(fit.chosen.model);
    expect(fit.trend).toBe("accelerating");
  });

  it("takes an exact linear series at face value", () => {
    const fit = fitBurn(series([6000, 12000, 18000]));
    expect(fit.chosen.model).toBe("linear");
    expect(burnAt(fit, 4).point).toBeCloseTo(24000, 6);
  });

  it("needs at least two observations", () => {
    expect(() => fitBurn(series([5]))).toThrow(BurnFitError);
  });

  it("never projects negative burn", () => {
    const fit = fitBurn(series([900, 700, 500, 300, 100]), { models: ["linear"] });
    expect(projectBurn(fit, 3).every((p) => p.point >= 0 && p.low >= 0)).toBe(true);
  });
});

describe("Student t quantiles", () => {
  it.each([
    [0.975, 1, 12.7062],
    [0.9, 1, 3.0777],
    [0.975, 10, 2.2281],
    [0.95, 30, 1.6973],
    [0.9, 1000, 1.2824],
  ])("t(%f, df %i) ≈ %f", (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 3);
  });
});

describe("hand-over to the ledger", () => {
  it("rounds half-up to whole credits, or to the minor unit for money", () => {
    expect(toLedgerDecimal(30714.3692564262, "amount").toString()).toBe("30714.37");
    expect(toLedgerDecimal(0.1 + 0.2, "amount").toString()).toBe("0.3");
    expect(toLedgerDecimal(1234.5, "credits").toString()).toBe("1235");
    expect(toLedgerDecimal(1234.4999999, "credits").toString()).toBe("1234");
    expect(() => toLedgerDecimal(Number.POSITIVE_INFINITY, "credits")).toThrow(BurnFitError);
  });

  it("maps weekly burn onto monthly periods day by day, in whole credits", () => {
    // a flat 7,000 credits a week is 1,000 a day
    const fit = fitBurn(series([7000, 7000, 7000], "week", "2026-01-05", "credits"));
    const t = { granularity: "month" as const, periods: buildPeriods({ start: "2026-02-01", periods: 3, granularity: "month" }) };
    const path = demandFromBurn(fit, t, { creditsPerUnit: d(1) });
    // February 28 days, March 31, April 30
    expect(path.periods.map((p) => p.directCredits.toString())).toEqual(["28000", "31000", "30000"]);
    expect(path.periods.every((p) => Object.keys(p.actions).length === 0)).toBe(true);
  });

  it("converts spend to credits and counts days before the first observation as zero", () => {
    // $700 a week = $100 a day = 20,000 credits a day at $0.005
    const fit = fitBurn(series([700, 700], "week", "2026-01-05", "amount"));
    const t = { granularity: "month" as const, periods: buildPeriods({ start: "2026-01-01", periods: 1, granularity: "month" }) };
    const path = demandFromBurn(fit, t, { creditsPerUnit: d(200) });
    // January: days 5–31 = 27 days × $100 × 200 = 540,000 credits (1–4 January precede the data)
    expect(path.periods[0]!.directCredits.toString()).toBe("540000");
  });

  it("uses the observed values where the term overlaps them and the chosen band after", () => {
    const fit = fitBurn(series([6000, 11000, 18000], "week", "2026-01-05", "credits"));
    const weeks = { granularity: "week" as const, periods: buildPeriods({ start: "2026-01-05", periods: 4, granularity: "week" }) };
    const point = demandFromBurn(fit, weeks, { creditsPerUnit: d(1) });
    const high = demandFromBurn(fit, weeks, { creditsPerUnit: d(1), band: "high" });
    expect(point.periods.slice(0, 3).map((p) => p.directCredits.toString())).toEqual(["6000", "11000", "18000"]);
    expect(point.periods[3]!.directCredits.toString()).toBe(toLedgerDecimal(burnAt(fit, 4).point, "credits").toString());
    expect(high.periods[3]!.directCredits.gt(point.periods[3]!.directCredits)).toBe(true);
  });
});

describe("trend wording", () => {
  it("calls a decaying exponential falling and says by how much", () => {
    // 100, 60, 35, 20, 12, 8 falls ≈ 40% a month
    const fit = fitBurn(series([100, 60, 35, 20, 12, 8], "month", "2026-01-01", "credits"));
    expect(fit.chosen.model).toBe("exponential");
    expect(fit.trend).toBe("falling");
    expect(fit.explanation).toMatch(/burn falls about 4\d% each month/);
  });

  it("names the currency of a spend series when told", () => {
    const fit = fitBurn(series([1000, 2000, 3000, 4000, 5000]), { unitLabel: "USD" });
    expect(fit.chosen.model).toBe("linear");
    expect(fit.explanation).toMatch(/rises by about 1,000 USD each week/);
  });
});
