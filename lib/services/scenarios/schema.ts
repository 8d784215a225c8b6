import { z } from "zod";
import { ScenarioDoc } from "@/lib/engine/model/schema";
import type { ScenarioJson } from "@/lib/db/schema/json";
import { parseOrInvalid, text } from "../validation";

export const scenarioName = text().trim().min(1, "Name the scenario, e.g. Ask: rollover + true-up cap.").max(120, "Use at most 120 characters.");

/** What the builder edits: the parts of the engine's ScenarioDoc besides its id and name. */
export const scenarioDraft = z.object({
  name: scenarioName,
  description: text().trim().max(2000).optional(),
  demand: z.unknown().optional(),
  clauses: z.unknown().optional(),
});
export type ScenarioDraftInput = z.input<typeof scenarioDraft>;

/** The draft as a ScenarioDoc, validated by the engine's schema; problems are named "demand.…", "clauses.…". */
export function toScenarioDoc(id: string, draft: z.output<typeof scenarioDraft>): ScenarioJson {
  const raw = {
    id,
    name: draft.name,
    ...(draft.description ? { description: draft.description } : {}),
    ...(draft.demand !== undefined ? { demand: draft.demand } : {}),
    ...(draft.clauses !== undefined ? { clauses: draft.clauses } : {}),
  };
  return parseOrInvalid(ScenarioDoc, raw, "Scenario") as ScenarioJson;
}
