// The word-kernel fast paths of demandFromDrivers and the ledger against their decimal.js paths.
// Values built with a clone of Decimal (same precision and rounding) are refused by the kernel,
// so the same inputs in the two constructors run the two paths; every figure must agree.
import Decimal from "@/lib/engine/decimal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPeriods } from "@/lib/engine/calendar";
import { demandFromDrivers, type DriverInputs, type UnitDriver } from "@/lib/engine/demand/drivers";
import { evaluateLedger } from "@/lib/engine/ledger/evaluate";
import type { ContractTerms } from "@/lib/engine/ledger/types";
import { serialise } from "@/lib/engine/model/serialise";
import type { DemandPath, RateCardVersion } from "@/lib/engine/types";
import { selectPercentiles, percentilesOf } from "@/lib/engine/analysis/quantiles";

/** Same configuration as the default Decimal, but another constructor: the kernel declines it. */
const Reference = Decimal.clone({ precision: Decimal.precision, rounding: Decimal.rounding });

const digitsArb = (max: number) => fc.array(fc.constantFrom("0", "1", "3", "5", "9", "9", "4", "6"), { minLength: 1, maxLength: max }).map((d) => d.join(""));
/** A non-negative decimal as a string, 1–24 digits, from whole numbers to many decimals. */
const valueArb = fc.tuple(digitsArb(24), fc.integer({ min: -12, max: 6 })).map(([ds, e]) => new Decimal(`${ds}e${e}`).toFixed());

const term = (granularity: "month" | "week") => ({ granularity, periods: buildPeriods({ start: "2026-01-01", periods: 14, granularity }) });

function inputsIn(ctor: typeof Decimal, raw: { rates: string[]; perAgent: boolean[]; share: string | null; growth: string | null; mult: string | null }): DriverInputs {
  const units: UnitDriver[] = raw.rates.map((r, j) => ({ unitId: `u${j}`, basis: raw.perAgent[j] ? "perActiveAgentPerDay" : "perMonth", actions: new ctor(r) }));
  return {
    termStart: "2026-01-01",
    licensedSeats: new ctor(37),
    activationByMonth: [new ctor("0.5"), new ctor("0.6"), new ctor("0.75")],
    units,
    rampBelowSteadyStateByMonth: [new ctor("0.35")],
    ...(raw.growth ? { monthlyGrowth: new ctor(raw.growth) } : {}),
    ...(raw.share ? { nonProductionShare: new ctor(raw.share) } : {}),
    ...(raw.mult ? { unitMultipliers: { u0: new ctor(raw.mult) } } : {}),
  };
}

const driversArb = fc.record({
  rates: fc.array(valueArb, { minLength: 1, maxLength: 6 }),
  perAgent: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  share: fc.option(fc.constantFrom("0.15", "0.2", "0.333", "0.05"), { nil: null }),
  growth: fc.option(fc.constantFrom("0.02", "0.017", "-0.01", "0.1234567"), { nil: null }),
  mult: fc.option(fc.constantFrom("3", "0.5", "1.25"), { nil: null }),
});

function card(ctor: typeof Decimal, credits: string[], nonProdMultiplier: boolean): { versions: RateCardVersion[]; terms: ContractTerms } {
  return {
    versions: [
      {
        id: "v1",
        vendor: "T",
        currency: "USD",
        effectiveFrom: "2025-01-01",
        units: credits.map((c, j) => ({ id: `u${j}`, name: `u${j}`, creditsPerUnit: new ctor(c) })),
        creditPrice: { kind: "direct", pricePerCredit: new ctor("0.01") },
      },
    ],
    terms: {
      allotments: [{ id: "a", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: new ctor(100000) }, rollover: { sharePct: new ctor(50) } }],
      onExhaustion: { kind: "overage", overage: { price: { kind: "contract" } } },
      ...(nonProdMultiplier ? { environmentMultipliers: { nonProduction: new ctor("0.5") } } : {}),
    },
  };
}

const creditsArb = fc.array(fc.constantFrom("1", "2", "9", "0.5", "1.25", "0.123456", "20", "0.0000015", "3.1415926535"), { minLength: 6, maxLength: 6 });

describe("word-kernel fast paths", () => {
  it("demand from drivers: the same cells as decimal.js, monthly and weekly", () => {
    fc.assert(
      fc.property(driversArb, fc.constantFrom("month" as const, "week" as const), (raw, granularity) => {
        const fast = demandFromDrivers(term(granularity), inputsIn(Decimal, raw));
        const reference = demandFromDrivers(term(granularity), inputsIn(Reference, raw));
        expect(JSON.stringify(serialise(fast))).toBe(JSON.stringify(serialise(reference)));
      }),
      { numRuns: 150 },
    );
  });

  it("the ledger: the same rows and summary as decimal.js, with and without the unit breakdown", () => {
    fc.assert(
      fc.property(driversArb, creditsArb, fc.boolean(), (raw, credits, nonProdMultiplier) => {
        const demand = demandFromDrivers(term("month"), inputsIn(Decimal, raw));
        // The same demand in the reference constructor sends every period to the decimal.js path.
        const asReference: DemandPath = {
          granularity: demand.granularity,
          periods: demand.periods.map((p) => ({
            period: p.period,
            directCredits: new Reference(p.directCredits),
            actions: Object.fromEntries(
              Object.entries(p.actions).map(([id, a]) => [id, { production: new Reference(a.production), nonProduction: new Reference(a.nonProduction) }]),
            ),
          })),
        };
        const fastCard = card(Decimal, credits, nonProdMultiplier);
        const fast = evaluateLedger({ demand, rateCard: fastCard.versions, terms: fastCard.terms });
        const reference = evaluateLedger({ demand: asReference, rateCard: fastCard.versions, terms: fastCard.terms });
        expect(JSON.stringify(serialise(fast))).toBe(JSON.stringify(serialise(reference)));
        const lean = evaluateLedger({ demand, rateCard: fastCard.versions, terms: fastCard.terms, options: { unitBreakdown: false } });
        expect(JSON.stringify(serialise(lean.summary))).toBe(JSON.stringify(serialise(fast.summary)));
        expect(lean.rows.every((r) => Object.keys(r.demand.byUnit).length === 0)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it("lazy driver cells (Monte Carlo's re-runs): the same cells once read, and the same ledger read straight from the drivers", () => {
    // integer-like ids ("7", "10") come first in a record's key order: the ledger must add the
    // units in that order either way; "whole" makes cells whole numbers (the integer path)
    const idsArb = fc.constantFrom(["u0", "u1", "u2", "u3", "u4", "u5"], ["u0", "10", "u2", "7", "u4", "u5"]);
    fc.assert(
      fc.property(driversArb, creditsArb, fc.boolean(), idsArb, fc.boolean(), (raw, credits, nonProdMultiplier, ids, whole) => {
        const base = inputsIn(Decimal, whole ? { ...raw, rates: raw.rates.map((r) => new Decimal(r).ceil().toFixed()), share: null, growth: null } : raw);
        const inputs: DriverInputs = {
          ...base,
          ...(whole ? { activationByMonth: [new Decimal(1)], rampBelowSteadyStateByMonth: [] } : {}),
          units: base.units.map((u, j) => ({ ...u, unitId: ids[j]! })),
          ...(base.unitMultipliers ? { unitMultipliers: { [ids[0]!]: base.unitMultipliers.u0! } } : {}),
        };
        const c = card(Decimal, credits, nonProdMultiplier);
        const rateCard = c.versions.map((v) => ({ ...v, units: v.units.map((u, j) => ({ ...u, id: ids[j]! })) }));
        const eager = demandFromDrivers(term("month"), inputs);
        const lazy = demandFromDrivers(term("month"), inputs, { lazyCells: true });
        const lean = { rateCard, terms: c.terms, options: { unitBreakdown: false } };
        const fromSource = evaluateLedger({ demand: lazy, ...lean });
        const fromCells = evaluateLedger({ demand: eager, ...lean });
        expect(JSON.stringify(serialise(fromSource))).toBe(JSON.stringify(serialise(fromCells)));
        // the decimal.js reference, as in the test above
        const reference = evaluateLedger({ demand: { granularity: "month", periods: eager.periods.map((p) => ({ period: p.period, directCredits: new Reference(0), actions: Object.fromEntries(Object.entries(p.actions).map(([id, a]) => [id, { production: new Reference(a.production), nonProduction: new Reference(a.nonProduction) }])) })) }, ...lean });
        expect(JSON.stringify(serialise(fromSource))).toBe(JSON.stringify(serialise(reference)));
        // with the per-unit rows too, on a lazy demand whose cells are never built
        const lazyAgain = demandFromDrivers(term("month"), inputs, { lazyCells: true });
        expect(JSON.stringify(serialise(evaluateLedger({ demand: lazyAgain, rateCard, terms: c.terms })))).toBe(JSON.stringify(serialise(evaluateLedger({ demand: eager, rateCard, terms: c.terms }))));
        // read afterwards, the lazy cells are the eager ones
        expect(JSON.stringify(serialise(lazy))).toBe(JSON.stringify(serialise(eager)));
      }),
      { numRuns: 150 },
    );
  });

  it("the ledger on whole-number and mixed demand: the integer path and the kernel agree with decimal.js", () => {
    const cell = fc.oneof(fc.integer({ min: 0, max: 5_000_000 }).map(String), valueArb);
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(cell, cell), { minLength: 6, maxLength: 6 }), { minLength: 3, maxLength: 3 }), creditsArb, (cells, credits) => {
        const periods = buildPeriods({ start: "2026-01-01", periods: 3, granularity: "month" });
        const path = (ctor: typeof Decimal): DemandPath => ({
          granularity: "month",
          periods: periods.map((period, i) => ({
            period,
            directCredits: new ctor(i === 1 ? "12.3456789" : 0),
            actions: Object.fromEntries(cells[i]!.map(([p, n], j) => [`u${j}`, { production: new ctor(p), nonProduction: new ctor(n) }])),
          })),
        });
        const c = card(Decimal, credits, true);
        const fast = evaluateLedger({ demand: path(Decimal), rateCard: c.versions, terms: c.terms });
        const reference = evaluateLedger({ demand: path(Reference), rateCard: c.versions, terms: c.terms });
        expect(JSON.stringify(serialise(fast))).toBe(JSON.stringify(serialise(reference)));
      }),
      { numRuns: 120 },
    );
  });
});

describe("selectPercentiles", () => {
  it("picks what percentilesOf's sort picks, ties, NaN and signed zeros included", () => {
    const valueArbF = fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(0, -0, 1, 1, 2, Number.NaN, -5));
    fc.assert(
      fc.property(fc.array(valueArbF, { minLength: 1, maxLength: 300 }), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }), (values, pcts) => {
        const a = Float64Array.from(values);
        const b = Float64Array.from(values);
        const selected = selectPercentiles(a, pcts);
        const sorted = percentilesOf(b, pcts);
        expect(selected.map((v) => Object.is(v, -0) ? "-0" : String(v))).toEqual(sorted.map((v) => Object.is(v, -0) ? "-0" : String(v)));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 2000 }), (values) => {
        const pcts = [10, 50, 90];
        expect(selectPercentiles(Float64Array.from(values), pcts)).toEqual(percentilesOf(Float64Array.from(values), pcts));
      }),
      { numRuns: 200 },
    );
  });

  it("picks the sort's values on columns large enough for the buckets: heavy tails, clusters, ties, infinities", () => {
    // 512 values and more take the histogram path; these shapes put several ranks in one bucket,
    // most values in one bucket, or a span no bucket scale can hold
    const shapeArb = fc.constantFrom("uniform", "clustered", "heavyTail", "ties", "withInfinity", "hugeSpan", "tinySpan");
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 512, max: 12_000 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }), (shape, n, seed, pcts) => {
        let x = seed;
        const rnd = () => ((x = (Math.imul(x, 48271) >>> 0) % 2147483647) / 2147483647);
        const values = Float64Array.from({ length: n }, (_, i) => {
          const u = rnd();
          switch (shape) {
            case "uniform": return 1_000_000 + u * 250_000;
            case "clustered": return i % 97 === 0 ? 1e9 * u : 5_000 + Math.round(u * 20) / 100;
            case "heavyTail": return 100 / Math.max(1e-9, 1 - u) ** 3;
            case "ties": return Math.floor(u * 4);
            case "withInfinity": return u < 0.05 ? Infinity : u * 36;
            case "hugeSpan": return u < 0.5 ? -1e308 * u : 1e308 * u;
            default: return 1 + u * 1e-300;
          }
        });
        const expected = percentilesOf(Float64Array.from(values), pcts);
        expect(selectPercentiles(values, pcts)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
