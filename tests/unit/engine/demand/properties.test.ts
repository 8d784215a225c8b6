import Decimal from "@/lib/engine/decimal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, buildPeriods, weekday, weekdaysBetween } from "@/lib/engine/calendar";
import { demandFromBurn, fitBurn } from "@/lib/engine/demand/burn";
import { demandFromDrivers } from "@/lib/engine/demand/drivers";

const dateArb = fc
  .integer({ min: 0, max: 365 * 30 })
  .map((n) => addDays("2000-01-01", n));

describe("calendar properties", () => {
  it("counts weekdays like a day-by-day walk", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 400 }), (start, len) => {
        let brute = 0;
        for (let i = 0; i < len; i++) {
          const wd = weekday(addDays(start, i));
          if (wd !== 0 && wd !== 6) brute++;
        }
        expect(weekdaysBetween(start, addDays(start, len))).toBe(brute);
      }),
      { numRuns: 200 },
    );
  });

  it("tiles the term: each period ends where the next starts", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 40 }), fc.constantFrom("month" as const, "week" as const), (start, n, g) => {
        const ps = buildPeriods({ start, periods: n, granularity: g });
        ps.slice(1).forEach((p, i) => expect(p.start).toBe(ps[i]!.end));
        expect(ps[0]!.start).toBe(start);
      }),
      { numRuns: 100 },
    );
  });
});

describe("driver properties", () => {
  it("keeps the non-production share of every period's total and scales with seats", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 95 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }),
        (seats, sharePct, activation) => {
          const t = { granularity: "month" as const, periods: buildPeriods({ start: "2026-01-01", periods: 6, granularity: "month" }) };
          const inputs = {
            termStart: "2026-01-01",
            activationByMonth: activation.map((a) => new Decimal(a).div(100)),
            units: [{ unitId: "a", basis: "perActiveAgentPerDay" as const, actions: new Decimal(7) }],
            nonProductionShare: new Decimal(sharePct).div(100),
          };
          const one = demandFromDrivers(t, { ...inputs, licensedSeats: new Decimal(seats) });
          const two = demandFromDrivers(t, { ...inputs, licensedSeats: new Decimal(seats * 2) });
          one.periods.forEach((p, i) => {
            const a = p.actions.a!;
            const total = a.production.plus(a.nonProduction);
            if (!total.isZero()) expect(a.nonProduction.div(total).minus(new Decimal(sharePct).div(100)).abs().lt("1e-15")).toBe(true);
            expect(two.periods[i]!.actions.a!.production.eq(a.production.times(2))).toBe(true);
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("observed burn properties", () => {
  it("hands the observed weeks to a weekly term unchanged", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 2, maxLength: 10 }), (values) => {
        const fit = fitBurn({ granularity: "week", start: "2026-01-05", values: values.map((v) => new Decimal(v)), quantity: "credits" });
        const t = { granularity: "week" as const, periods: buildPeriods({ start: "2026-01-05", periods: values.length, granularity: "week" }) };
        const path = demandFromBurn(fit, t, { creditsPerUnit: new Decimal(1) });
        expect(path.periods.map((p) => p.directCredits.toNumber())).toEqual(values);
      }),
      { numRuns: 100 },
    );
  });

  it("always chooses one of the fitted candidates, within 2 points of the best", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 2, maxLength: 12 }), (values) => {
        const fit = fitBurn({ granularity: "month", start: "2026-01-01", values: values.map((v) => new Decimal(v)), quantity: "credits" });
        expect(fit.candidates).toContain(fit.chosen);
        expect(fit.chosen.delta).toBeLessThanOrEqual(2);
        expect(Number.isFinite(fit.chosen.score)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
