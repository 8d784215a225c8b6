// Rate cards: which version applies when, what a credit costs, and how many credits a metered
// unit draws in each environment.
import { EngineInputError } from "@/lib/engine/errors";
import Decimal from "@/lib/engine/decimal";
import type { CreditPrice, Environment, IsoDate, RateCardVersion } from "@/lib/engine/types";

export class RateCardError extends EngineInputError {
  override name = "RateCardError";
}

/** Currency per credit, or null when the card does not say (Workday publishes no $/credit). */
export function pricePerCredit(price: CreditPrice): Decimal | null {
  switch (price.kind) {
    case "direct":
      return price.pricePerCredit;
    case "pack":
      if (price.packCredits.isZero()) throw new RateCardError("a pack of 0 credits gives no price per credit");
      // $500 for 100,000 credits → $0.005 per credit
      return price.packPrice.div(price.packCredits);
    case "unknown":
      return null;
  }
}

/** Versions ordered by effective date, checked for a shared currency and no duplicate start. */
export function sortVersions(versions: readonly RateCardVersion[]): RateCardVersion[] {
  if (versions.length === 0) throw new RateCardError("a rate card needs at least one version");
  const sorted = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  const currency = sorted[0]!.currency;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (v.currency !== currency) {
      throw new RateCardError(`rate card versions mix currencies (${currency}, ${v.currency})`);
    }
    if (i > 0 && sorted[i - 1]!.effectiveFrom === v.effectiveFrom) {
      throw new RateCardError(`two rate card versions take effect on ${v.effectiveFrom}`);
    }
  }
  return sorted;
}

/**
 * The version in effect on `date`: the latest whose effectiveFrom ≤ date, unless its effectiveTo
 * (exclusive) has passed. ISO dates compare correctly as strings. `sorted` must come from
 * sortVersions.
 */
export function versionAt(sorted: readonly RateCardVersion[], date: IsoDate): RateCardVersion | null {
  let found: RateCardVersion | null = null;
  for (const v of sorted) {
    if (v.effectiveFrom <= date) found = v;
    else break;
  }
  if (found && found.effectiveTo !== undefined && date >= found.effectiveTo) return null;
  return found;
}

export interface UnitCredits extends Record<Environment, Decimal> {
  /** the same values in micro-credits (× 10^6) as safe integers, or null when they have more than
   *  six decimals: whole action counts are then multiplied and summed in plain numbers, exactly,
   *  since decimal arithmetic per unit and period would dominate a 200-unit, 36-month evaluation */
  productionMicro: number | null;
  nonProductionMicro: number | null;
}

export type CreditsPerUnitTable = Map<string, UnitCredits>;

/** Micro-credits per credit. */
export const MICRO = 1_000_000;

function asMicro(x: Decimal): number | null {
  const scaled = x.mul(MICRO);
  if (!scaled.isInteger()) return null;
  const n = scaled.toNumber();
  return Number.isSafeInteger(n) ? n : null;
}

function unitCredits(production: Decimal, nonProduction: Decimal): UnitCredits {
  return { production, nonProduction, productionMicro: asMicro(production), nonProductionMicro: asMicro(nonProduction) };
}

/**
 * Credits per action of every unit of a version, per environment, computed once per version so
 * that a ledger multiplies instead of looking up overrides and multipliers per unit and period.
 * Negotiated values replace the card's; environment multipliers scale both (default 1).
 */
export function creditsPerUnitTable(
  version: RateCardVersion,
  negotiated: Readonly<Record<string, Decimal>> = {},
  multipliers: Partial<Record<Environment, Decimal>> = {},
): CreditsPerUnitTable {
  // One table per version and clauses: scenarios on the same card and per-unit clauses share it,
  // and with it the demand figures computed against it (ledger/demand.ts). Tables are never changed.
  let byClauses = tableMemo.get(version);
  if (!byClauses) tableMemo.set(version, (byClauses = new Map()));
  const key = JSON.stringify([negotiated, multipliers]);
  let table = byClauses.get(key);
  if (!table) byClauses.set(key, (table = buildTable(version, negotiated, multipliers)));
  return table;
}

const tableMemo = new WeakMap<RateCardVersion, Map<string, CreditsPerUnitTable>>();

function buildTable(version: RateCardVersion, negotiated: Readonly<Record<string, Decimal>>, multipliers: Partial<Record<Environment, Decimal>>): CreditsPerUnitTable {
  const prodMul = multipliers.production;
  const nonProdMul = multipliers.nonProduction;
  const table: CreditsPerUnitTable = new Map();
  for (const unit of version.units) {
    const base = negotiated[unit.id] ?? unit.creditsPerUnit;
    table.set(unit.id, unitCredits(prodMul ? base.mul(prodMul) : base, nonProdMul ? base.mul(nonProdMul) : base));
  }
  // A negotiated value for a unit the card lacks still meters: the contract is the authority.
  for (const [id, credits] of Object.entries(negotiated)) {
    if (!table.has(id)) {
      table.set(id, unitCredits(prodMul ? credits.mul(prodMul) : credits, nonProdMul ? credits.mul(nonProdMul) : credits));
    }
  }
  return table;
}

/** Credits drawn by a mix of actions: Σ actions × credits per unit (production environment). */
export function creditsForActions(table: CreditsPerUnitTable, actions: Readonly<Record<string, Decimal.Value>>): Decimal {
  let total = new Decimal(0);
  for (const [id, count] of Object.entries(actions)) {
    const cpu = table.get(id);
    if (!cpu) throw new RateCardError(`unit "${id}" is not on the rate card`);
    total = total.add(cpu.production.mul(count));
  }
  return total;
}
