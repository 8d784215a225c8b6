// From what the workbench stores (a contract, its rate card versions, saved scenarios and observed
// burn) to the engine's model document. The one translation between the database and the engine:
// pages, exports and briefs all evaluate the document this builds.
import { addDays, addMonths, daysBetween } from "@/lib/engine/calendar";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import type { Contract, Scenario } from "@/lib/db/schema/contracts";
import type { RateCardVersionRow } from "@/lib/db/schema/ratecards";

export interface BurnPoint {
  /** first day of the period (month or week) */
  periodStart: string;
  credits: string | null;
  cost: string | null;
  /** last day the period's rows cover, when known */
  through?: string;
}

export interface ContractBundle {
  contract: Pick<
    Contract,
    "id" | "name" | "product" | "currency" | "termStart" | "termEnd" | "granularity" | "clauses" | "drivers" | "perUser" | "assumptions"
  >;
  vendorName: string;
  rateCard: { id: string; versions: Pick<RateCardVersionRow, "id" | "effectiveFrom" | "effectiveTo" | "source" | "units" | "creditPrice">[] };
  scenarios: Pick<Scenario, "id" | "name" | "doc">[];
  /** observed burn aggregated per period of the contract's granularity, oldest first */
  burn: BurnPoint[];
}

/** Whole periods of the term: months (or weeks) from termStart until termEnd (exclusive). */
export function termPeriods(termStart: string, termEnd: string, granularity: "month" | "week"): number {
  if (granularity === "week") return Math.max(1, Math.ceil(daysBetween(termStart, termEnd) / 7));
  let n = 0;
  while (addMonths(termStart, n) < termEnd) n += 1;
  return Math.max(1, n);
}

/**
 * Observed burn as the document's series: credits when every period has them, else money when every
 * period has a cost. Gaps are not filled with zeros: the series stops at the first period missing both.
 */
export function observedSeries(burn: BurnPoint[], granularity: "month" | "week"): ModelDocumentInput["observedBurn"] | undefined {
  if (burn.length < 2) return undefined;
  const quantity = burn.every((b) => b.credits !== null) ? "credits" : burn.every((b) => b.cost !== null) ? "amount" : null;
  if (!quantity) return undefined;
  const values: string[] = [];
  let expected = burn[0]!.periodStart;
  for (const b of burn) {
    if (b.periodStart !== expected) break;
    values.push((quantity === "credits" ? b.credits : b.cost) as string);
    expected = granularity === "week" ? addDays(expected, 7) : addMonths(expected, 1);
  }
  if (values.length < 2) return undefined;
  return { quantity, granularity, start: burn[0]!.periodStart, values };
}

export const CURRENT_TERMS_SCENARIO = { id: "current", name: "Current terms" } as const;

export function buildModelDocument(b: ContractBundle): ModelDocumentInput {
  const c = b.contract;
  const observedBurn = observedSeries(b.burn, c.granularity);
  const doc: ModelDocumentInput = {
    version: 1,
    case: { name: c.name, vendor: b.vendorName, currency: c.currency, ...(c.product ? { description: c.product } : {}) },
    term: { start: c.termStart, periods: termPeriods(c.termStart, c.termEnd, c.granularity), granularity: c.granularity },
    rateCards: [
      {
        id: b.rateCard.id,
        vendor: b.vendorName,
        versions: b.rateCard.versions.map((v) => ({
          id: v.id,
          effectiveFrom: v.effectiveFrom,
          ...(v.effectiveTo ? { effectiveTo: v.effectiveTo } : {}),
          ...(v.source ? { source: v.source } : {}),
          units: v.units,
          creditPrice: v.creditPrice,
        })),
      },
    ],
    contract: { ...c.clauses, termStart: c.termStart },
    ...(c.perUser ? { perUser: c.perUser } : {}),
    ...(c.assumptions ? { assumptions: c.assumptions } : {}),
    ...(c.drivers ? { drivers: c.drivers } : {}),
    ...(observedBurn ? { observedBurn } : {}),
    scenarios: b.scenarios.length
      ? b.scenarios.map((s) => ({ ...s.doc, id: s.id, name: s.name }))
      : [{ ...CURRENT_TERMS_SCENARIO, demand: { source: c.drivers ? "drivers" : "observedBurn" } }],
  };
  return doc;
}
