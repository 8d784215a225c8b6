// THE ROUNDING RULE (one rule for the whole engine):
//
//   Credits are kept to the micro-credit (6 decimal places, CREDIT_DP). Inputs and every credit
//   quantity derived by a product or a division (actions × credits per unit, a rollover share,
//   credits bought with money, room left under a ceiling or cap, a prorated top-up) are quantized
//   once where they arise: demand half-up, capacities (room, carried, credits bought) down, so
//   that a limit is never exceeded. After that credits are only added and subtracted, which is
//   exact, so a ledger conserves them exactly (opening + granted + purchased = drawn + expired +
//   closing, in every period) for balances up to 10^13 credits.
//   Money is rounded half-up (away from zero on a tie) to the currency's minor unit (the cent for
//   USD/EUR, none for JPY), ONCE per ledger row and cost component (fixed, packs, auto packs,
//   overage, true-up), after the component's exact sum for the row. Row totals, cumulative costs
//   and term totals are sums of those rounded components, so every total reconciles to the cent
//   with the rows a reader sees. Rates (price per credit, per action) are not money amounts and
//   are never rounded.
//
// Everything uses decimal.js values without touching its global configuration, so another module
// calling Decimal.set cannot change how this module rounds.
import Decimal from "@/lib/engine/decimal";

export const ZERO = new Decimal(0);

/** Decimal places kept on credits: a millionth of a credit. */
export const CREDIT_DP = 6;

// Money products and sums run at 64 significant digits, so that the only rounding a reader sees
// is the stated one (the default 20 digits could round a product before it is rounded to the cent).
const Exact = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });
export const EXACT_ZERO: Decimal = new Exact(0);

/** The same value as a 64-digit decimal; operations on it keep 64 digits. */
export function exact(x: Decimal.Value): Decimal {
  return new Exact(x);
}

/** Quantize credits to the micro-credit: "halfUp" for demand, "down" for capacities. */
export function quantizeCredits(x: Decimal, mode: "halfUp" | "down"): Decimal {
  return x.toDecimalPlaces(CREDIT_DP, mode === "down" ? Decimal.ROUND_DOWN : Decimal.ROUND_HALF_UP);
}
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

const minorUnitCache = new Map<string, number>();

/** Digits after the decimal point of a currency's minor unit (USD 2, JPY 0, KWD 3). */
export function minorUnits(currency: string): number {
  const cached = minorUnitCache.get(currency);
  if (cached !== undefined) return cached;
  let digits = 2;
  try {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown code (a test currency, "CREDITS") keeps two digits rather than failing a model run.
    digits = 2;
  }
  minorUnitCache.set(currency, digits);
  return digits;
}

/** Round an exact amount to the currency's minor unit, half-up. */
export function roundMoney(amount: Decimal, currency: string): Decimal {
  return amount.toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_UP);
}

/** `pct` on a 0–100 scale as a fraction. */
export function pctToFraction(pct: Decimal.Value): Decimal {
  return new Decimal(pct).div(HUNDRED);
}

/** Sum that stays null when any term is null: a missing price must not read as 0. */
export function addOrNull(a: Decimal | null, b: Decimal | null): Decimal | null {
  return a === null || b === null ? null : a.add(b);
}

export function mulOrNull(a: Decimal | null, b: Decimal): Decimal | null {
  return a === null ? null : a.mul(b);
}

export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}

export function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}

/** a ÷ b, or null when either is unknown or b is 0. */
export function divOrNull(a: Decimal | null, b: Decimal | null): Decimal | null {
  if (a === null || b === null || b.isZero()) return null;
  return a.div(b);
}
