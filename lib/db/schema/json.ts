// The JSON columns hold parts of the engine's model document as written (decimals as strings or
// numbers), so a contract round-trips to a model document without translation.
import type { z } from "zod";
import type {
  ClausesDoc,
  CreditPriceDoc,
  DriversDoc,
  MeteredUnitDoc,
  PerUserDoc,
  AssumptionsDoc,
  ScenarioDoc,
} from "@/lib/engine/model/schema";

export type MeteredUnitJson = z.input<typeof MeteredUnitDoc>;
export type CreditPriceJson = z.input<typeof CreditPriceDoc>;
export type ClausesJson = z.input<typeof ClausesDoc>;
export type DriversJson = z.input<typeof DriversDoc>;
export type PerUserJson = z.input<typeof PerUserDoc>;
export type AssumptionsJson = z.input<typeof AssumptionsDoc>;
export type ScenarioJson = z.input<typeof ScenarioDoc>;

/** A fixed line of the contract: seats or licences at a price per period. */
export interface FixedLineJson {
  description: string;
  quantity: string;
  unitPrice: string;
  per: "month" | "year" | "term";
}
