import { describe, expect, it } from "vitest";
import { cycleKey, cycleStart, dayAtFraction, monthsSince } from "@/lib/engine/calendar";
import { minorUnits, quantizeCredits, roundMoney } from "@/lib/engine/money";
import { creditDemand, D, run, s } from "./factories";

describe("the rounding rule", () => {
  it("money is rounded half-up to the currency's minor unit", () => {
    expect(roundMoney(D("0.005"), "USD").toString()).toBe("0.01");
    expect(roundMoney(D("2.675"), "USD").toString()).toBe("2.68"); // a float would give 2.67
    expect(roundMoney(D("-0.005"), "USD").toString()).toBe("-0.01");
    expect(roundMoney(D("1234.5"), "JPY").toString()).toBe("1235");
    expect(minorUnits("USD")).toBe(2);
    expect(minorUnits("JPY")).toBe(0);
  });

  it("once per row component; totals are sums of the rounded rows", () => {
    // 1 credit of overage at $0.005 per month → $0.005 rounds to $0.01 in each of 3 rows;
    // the total is $0.03 (sum of rows), not round($0.015) = $0.02.
    const r = run({ demand: creditDemand([1, 1, 1]), rateCard: [{ id: "c", vendor: "V", currency: "USD", effectiveFrom: "2000-01-01", units: [], creditPrice: { kind: "direct", pricePerCredit: D("0.005") } }], terms: { onExhaustion: { kind: "overage", overage: {} } } });
    expect(r.rows.map((x) => s(x.cost.overage))).toEqual(["0.01", "0.01", "0.01"]);
    expect(s(r.summary.totalCost)).toBe("0.03");
  });

  it("credits are kept to the micro-credit: demand half-up, capacities down", () => {
    expect(quantizeCredits(D("1.0000005"), "halfUp").toString()).toBe("1.000001");
    expect(quantizeCredits(D("1.0000009"), "down").toString()).toBe("1");
    // $1 ceiling at $0.03: 33.333333 credits let through, never 33.333334
    const r = run({
      demand: creditDemand([100]),
      rateCard: [{ id: "c", vendor: "V", currency: "USD", effectiveFrom: "2000-01-01", units: [], creditPrice: { kind: "direct", pricePerCredit: D("0.03") } }],
      terms: { ceiling: { cadence: "month", limit: { kind: "amount", amount: D(1) } }, onExhaustion: { kind: "overage", overage: {} } },
    });
    expect(s(r.rows[0]!.credits.overage)).toBe("33.333333");
    expect(s(r.rows[0]!.cost.overage)).toBe("1"); // 33.333333 × 0.03 = 0.99999999 → $1.00
  });
});

describe("cycles and dates", () => {
  it("counts contract months with end-of-month anchors clamped", () => {
    expect(monthsSince("2026-01-31", "2026-02-27")).toBe(0);
    expect(monthsSince("2026-01-31", "2026-02-28")).toBe(1); // Jan 31 + 1 month = Feb 28
    expect(monthsSince("2026-03-15", "2027-03-14")).toBe(11);
    expect(monthsSince("2026-03-15", "2027-03-15")).toBe(12);
    expect(monthsSince("2026-03-15", "2026-03-01")).toBe(-1);
  });

  it("calendar and anniversary cycles", () => {
    expect(cycleKey("2026-05-10", "quarter", "calendar", "2026-03-15")).toBe(cycleKey("2026-04-01", "quarter", "calendar", "2026-03-15"));
    expect(cycleStart(cycleKey("2026-05-10", "quarter", "calendar", "x"), "quarter", "calendar", "x")).toBe("2026-04-01");
    expect(cycleStart(cycleKey("2026-05-10", "quarter", "anniversary", "2026-03-15"), "quarter", "anniversary", "2026-03-15")).toBe("2026-03-15");
    expect(cycleStart(cycleKey("2026-06-15", "quarter", "anniversary", "2026-03-15"), "quarter", "anniversary", "2026-03-15")).toBe("2026-06-15");
  });

  it("places a fraction of a period on a working day or a calendar day", () => {
    const feb = { index: 0, start: "2026-02-01", end: "2026-03-01", label: "2026-02", workingDays: 20 };
    expect(dayAtFraction(feb, 0.5, "workingDays", "reach")).toBe("2026-02-13"); // 10th weekday
    expect(dayAtFraction(feb, 0.5, "workingDays", "fail")).toBe("2026-02-16"); // 11th weekday
    expect(dayAtFraction(feb, 0.5, "calendarDays", "reach")).toBe("2026-02-14");
    expect(dayAtFraction(feb, 0, "workingDays", "fail")).toBe("2026-02-02"); // first weekday
    expect(dayAtFraction(feb, 1, "calendarDays", "reach")).toBe("2026-02-28");
  });
});
