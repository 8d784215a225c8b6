import { z } from "zod";
import { evaluateModel, ModelDocumentError, ModelEvaluationError, type ModelResult } from "@/lib/engine/model/evaluate";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { buildModelDocument, CURRENT_TERMS_SCENARIO, type ContractBundle } from "@/lib/workbench/model";
import { bundleForHorizon, documentOnLaterTerm } from "@/lib/workbench/horizon";
import type { WorkspaceCtx } from "../context";
import { invalid, notFound } from "../errors";
import { loadContractBundle } from "../contracts/load-bundle";
import { renewalStartOf } from "../contracts/renewal";
import { scenarioDraft, toScenarioDoc } from "./schema";

export const DRAFT_SCENARIO_ID = "draft";

export const evaluateInput = z.object({
  contractId: z.string(),
  /** saved scenarios to evaluate side by side, in this order; absent = every saved scenario */
  scenarioIds: z.array(z.string()).max(8, "Compare at most 8 scenarios.").optional(),
  /** an unsaved scenario from the builder, evaluated after "Current terms" on the same demand */
  draft: scenarioDraft.optional(),
  /** the term the scenarios are priced over: the current one (default), or the renewal term that
   *  starts on the contract's renewal date, with the current clauses moved to it (lib/workbench/horizon.ts) */
  horizon: z.enum(["term", "renewal"]).default("term"),
});

/** Evaluates a built document; the engine's complaints become "invalid" errors that name the field. */
export function evaluateDocument(doc: ModelDocumentInput): ModelResult {
  try {
    return evaluateModel(doc);
  } catch (e) {
    if (e instanceof ModelDocumentError) {
      const fieldErrors: Record<string, string[]> = {};
      for (const i of e.issues) (fieldErrors[i.path] ??= []).push(i.message);
      const first = e.issues[0];
      throw invalid(first ? `The model cannot be evaluated: ${first.path}: ${first.message}` : "The model cannot be evaluated.", fieldErrors);
    }
    if (e instanceof ModelEvaluationError) throw invalid(`The model cannot be evaluated: ${e.path}: ${e.detail}`, { [e.path]: [e.detail] });
    throw e;
  }
}

/**
 * Builds the contract's model document (buildModelDocument) and evaluates it with the engine, on the
 * server. Pages show what this returns; they never compute money themselves. Readable by viewers.
 */
export async function evaluateScenarios(ctx: WorkspaceCtx, input: z.input<typeof evaluateInput>) {
  const parsed = evaluateInput.parse(input);
  const loaded = await loadContractBundle(ctx, parsed.contractId, { scenarios: parsed.draft ? "none" : (parsed.scenarioIds ?? "all") });
  if (parsed.scenarioIds && loaded.scenarios.length !== new Set(parsed.scenarioIds).size) throw notFound("Scenario");
  let bundle: ContractBundle = loaded.bundle;
  if (parsed.draft) {
    const doc = toScenarioDoc(DRAFT_SCENARIO_ID, parsed.draft);
    // "Current terms" on the same demand isolates what the draft's clauses change.
    const baseline = { id: CURRENT_TERMS_SCENARIO.id, name: CURRENT_TERMS_SCENARIO.name, doc: { ...CURRENT_TERMS_SCENARIO, ...(doc.demand ? { demand: doc.demand } : {}) } };
    bundle = { ...bundle, scenarios: [baseline, { id: DRAFT_SCENARIO_ID, name: doc.name, doc }] };
  }
  // (the draft's own name in an error: "Current terms" before it has the draft's demand)
  const startsOn = parsed.horizon === "renewal" ? renewalStartOf(loaded.contract, parsed.draft ? bundle.scenarios.slice(1) : bundle.scenarios, "horizon", "price it over the current term") : null;
  const doc = startsOn ? documentOnLaterTerm(buildModelDocument(bundleForHorizon(bundle, startsOn)), bundle.contract.termStart, startsOn) : buildModelDocument(bundle);
  const result = evaluateDocument(doc);
  return { doc, result, startsOn, contract: loaded.contract, rateCardVersion: loaded.rateCardVersion, rateCard: loaded.rateCard, vendor: loaded.vendor, scenarios: loaded.scenarios, hasBurn: doc.observedBurn !== undefined };
}
