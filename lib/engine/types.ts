// Shared vocabulary of the consumption and clause engine.
// Pure TypeScript: no React, database or Next.js import anywhere under lib/engine/.
//
// Units are named in identifiers: `credits`, `actions`, `usdPerCredit` (read "currency per credit"),
// `amount` is money in the rate card's currency. Every numeric quantity that feeds money or credits
// is a decimal.js `Decimal` inside the engine; documents (JSON) carry them as strings or numbers.
import type Decimal from "@/lib/engine/decimal";

/** ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Length of a ledger period. Yearly periods take month-based driver schedules (activation, ramp,
 *  growth) month by month inside the year and add the months up. */
export type Granularity = "month" | "week" | "year";

/** One period of a term. `start` inclusive, `end` exclusive. */
export interface Period {
  index: number;
  start: IsoDate;
  end: IsoDate;
  /** e.g. "2026-03" for a month, "2026-W11" for a week, "2026" for a calendar year, "FY2026-04" for a year from April */
  label: string;
  /** working days (weekdays unless overridden) inside the period */
  workingDays: number;
}

export type Environment = "production" | "nonProduction";

/** Demand of one period: actions by metered unit and environment, and/or credits demanded directly
 *  (observed-burn projections come as credits, with no unit breakdown). */
export interface DemandPeriod {
  period: Period;
  /** actions per metered unit id, split by environment */
  actions: Record<string, { production: Decimal; nonProduction: Decimal }>;
  /** credits demanded directly, on top of what `actions` imply (0 when none) */
  directCredits: Decimal;
}

export interface DemandPath {
  granularity: Granularity;
  periods: DemandPeriod[];
}

/** Where the price of a credit comes from. */
export type CreditPrice =
  | { kind: "direct"; pricePerCredit: Decimal }
  | { kind: "pack"; packPrice: Decimal; packCredits: Decimal }
  | { kind: "unknown" };

export interface MeteredUnit {
  id: string;
  name: string;
  creditsPerUnit: Decimal;
}

export interface RateCardVersion {
  id: string;
  vendor: string;
  currency: string; // ISO 4217, e.g. "USD"
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate;
  source?: string;
  units: MeteredUnit[];
  creditPrice: CreditPrice;
}
