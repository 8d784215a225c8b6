// The word-level decimal kernel (lib/engine/wordmath.ts) against decimal.js on random values: the
// engine's fast paths are only allowed to exist because these agree digit for digit.
import Decimal from "@/lib/engine/decimal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add, load, loadInt, loadMicro, mul, Reg, roundDp, roundSig, toDecimal, toMicro, toMicroHalfUp, toSafeInteger, WORDS_OK } from "@/lib/engine/wordmath";

/** Non-negative decimals from 1 to 30 significant digits over a wide range of exponents, with
 *  runs of 9s and 0s (the carries and ties that rounding gets wrong first). */
const digitString = fc.array(fc.constantFrom("0", "1", "4", "5", "6", "9", "9", "9", "0", "3"), { minLength: 1, maxLength: 30 });
const decimalArb = fc.tuple(digitString, fc.integer({ min: -40, max: 30 })).map(([ds, exp]) => new Decimal(`${ds.join("")}e${exp}`));

function same(actual: Decimal, expected: Decimal): void {
  expect(actual.toFixed()).toBe(expected.toFixed());
  expect(actual.e).toBe(expected.e);
  expect([...actual.d]).toEqual([...expected.d]);
}

describe("word-level decimal kernel", () => {
  it("recognises decimal.js's layout", () => {
    expect(WORDS_OK).toBe(true);
  });

  it("round-trips a Decimal through a register", () => {
    const r = new Reg();
    fc.assert(
      fc.property(decimalArb, (x) => {
        if (!load(r, x)) return;
        same(toDecimal(r), x);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses negative values, -0 and NaN", () => {
    const r = new Reg();
    expect(load(r, new Decimal(-1))).toBe(false);
    expect(load(r, new Decimal("-0"))).toBe(false);
    expect(load(r, new Decimal(NaN))).toBe(false);
    expect(load(r, new Decimal(Infinity))).toBe(false);
    expect(load(r, new Decimal(0))).toBe(true);
  });

  it("multiplies and rounds to 20 significant digits as Decimal#times", () => {
    const a = new Reg();
    const b = new Reg();
    const p = new Reg();
    fc.assert(
      fc.property(decimalArb, decimalArb, (x, y) => {
        if (!load(a, x) || !load(b, y) || !mul(p, a, b)) return;
        roundSig(p, 20);
        same(toDecimal(p), x.times(y));
      }),
      { numRuns: 3000 },
    );
  });

  it("adds and rounds to 20 significant digits as Decimal#plus", () => {
    const a = new Reg();
    const b = new Reg();
    const s = new Reg();
    fc.assert(
      fc.property(decimalArb, decimalArb, (x, y) => {
        if (!load(a, x) || !load(b, y) || !add(s, a, b)) return;
        roundSig(s, 20);
        same(toDecimal(s), x.plus(y));
        // in place, both ways round
        if (!add(a, a, b)) return;
        roundSig(a, 20);
        same(toDecimal(a), x.plus(y));
      }),
      { numRuns: 3000 },
    );
  });

  it("quantizes to six places half-up after a 20-digit product, as the ledger does", () => {
    const a = new Reg();
    const b = new Reg();
    const p = new Reg();
    fc.assert(
      fc.property(decimalArb, decimalArb, (x, y) => {
        if (!load(a, x) || !load(b, y) || !mul(p, a, b)) return;
        roundSig(p, 20);
        roundDp(p, 6);
        same(toDecimal(p), x.times(y).toDecimalPlaces(6, Decimal.ROUND_HALF_UP));
      }),
      { numRuns: 3000 },
    );
  });

  it("multiplies by a one-limb value (a credit per unit, a round rate) as Decimal#times", () => {
    const a = new Reg();
    const b = new Reg();
    const p = new Reg();
    const oneLimb = fc.tuple(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: -14, max: 14 })).map(([v, e]) => new Decimal(`${v}e${7 * Math.floor(e / 2)}`));
    fc.assert(
      fc.property(decimalArb, oneLimb, fc.boolean(), (x, y, swap) => {
        if (!load(a, x) || !load(b, y)) return;
        expect(b.n).toBe(1);
        if (!(swap ? mul(p, b, a) : mul(p, a, b))) return;
        roundSig(p, 20);
        same(toDecimal(p), x.times(y));
        // in place
        if (!mul(a, a, b)) return;
        roundSig(a, 20);
        same(toDecimal(a), x.times(y));
      }),
      { numRuns: 3000 },
    );
  });

  it("reads micro-units rounded half-up to six places without changing the register", () => {
    const a = new Reg();
    fc.assert(
      fc.property(decimalArb, (x) => {
        if (!load(a, x)) return;
        const before = toDecimal(a);
        const micro = toMicroHalfUp(a, 2 ** 52);
        same(toDecimal(a), before);
        roundDp(a, 6);
        expect(micro).toBe(toMicro(a, 2 ** 52));
        const expected = x.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).times(1e6);
        if (expected.lte(2 ** 52)) expect(micro).toBe(expected.toNumber());
      }),
      { numRuns: 3000 },
    );
  });

  it("reads whole numbers below 2^53 as Decimal#toNumber does, and nothing else", () => {
    const r = new Reg();
    const near = fc.constantFrom("9007199254740991", "9007199254740992", "9007199254740993", "4503599627370496", "9999999999999999", "10000000000000000", "0", "70000000", "1e14");
    fc.assert(
      fc.property(fc.oneof(decimalArb, near.map((s) => new Decimal(s))), (x) => {
        if (!load(r, x)) return;
        const whole = x.isInteger() && x.lt(2 ** 53);
        const v = toSafeInteger(r);
        if (whole) expect(v).toBe(x.toNumber());
        else expect(v).toBeNaN();
      }),
      { numRuns: 2000 },
    );
  });

  it("rounds to any number of places and digits", () => {
    const a = new Reg();
    fc.assert(
      fc.property(decimalArb, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 25 }), (x, dp, sig) => {
        if (!load(a, x)) return;
        roundDp(a, dp);
        same(toDecimal(a), x.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP));
        if (!load(a, x)) return;
        roundSig(a, sig);
        same(toDecimal(a), x.toSignificantDigits(sig, Decimal.ROUND_HALF_UP));
      }),
      { numRuns: 3000 },
    );
  });

  it("loads safe integers and micro-units", () => {
    const r = new Reg();
    fc.assert(
      fc.property(fc.maxSafeNat(), (v) => {
        expect(loadInt(r, v)).toBe(true);
        same(toDecimal(r), new Decimal(v));
        expect(loadMicro(r, v)).toBe(true);
        same(toDecimal(r), new Decimal(v).div(1_000_000));
      }),
      { numRuns: 2000 },
    );
    expect(loadInt(r, -1)).toBe(false);
    expect(loadInt(r, 0.5)).toBe(false);
  });
});
