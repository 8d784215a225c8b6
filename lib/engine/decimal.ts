// The engine's own Decimal: a clone of decimal.js with its default settings written out, so that no
// other module's Decimal.set (the app, a library, a test) can change how the engine computes or
// rounds credits and money. Every engine module imports Decimal from here, never from "decimal.js".
//
// decimal.js is pinned to an exact version in package.json: lib/engine/wordmath.ts reads its digit
// words (the instance fields d, e, s), which are not part of its public API.
import DecimalJs from "decimal.js";

const Decimal = DecimalJs.clone({
  precision: 20,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -7,
  toExpPos: 21,
  minE: -9e15,
  maxE: 9e15,
  modulo: DecimalJs.ROUND_DOWN,
  crypto: false,
});
type Decimal = DecimalJs;
// A type-only namespace, so that `Decimal.Value` reads as it does with decimal.js itself.
// eslint-disable-next-line @typescript-eslint/no-namespace
declare namespace Decimal {
  type Value = DecimalJs.Value;
}

/** x as an engine Decimal: the same object when it already is one, a copy of its digits otherwise. */
export function own(x: DecimalJs): Decimal {
  return x.constructor === Decimal ? x : new Decimal(x);
}

export default Decimal;
