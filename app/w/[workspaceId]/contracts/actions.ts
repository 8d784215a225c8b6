"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { workspaceAction } from "@/lib/actions/safe-action";
import { createContract, type createContractInput } from "@/lib/services/contracts/create";
import { deleteContract } from "@/lib/services/contracts/delete";
import { updateContract } from "@/lib/services/contracts/update";
import { updateContractTerms } from "@/lib/services/contracts/update-terms";
import { setForecastBasis } from "@/lib/services/forecast/set-basis";
import { createScenario } from "@/lib/services/scenarios/create";
import { deleteScenario } from "@/lib/services/scenarios/delete";
import { duplicateScenario } from "@/lib/services/scenarios/duplicate";
import { evaluateScenarios } from "@/lib/services/scenarios/evaluate";
import type { ScenarioDraftInput } from "@/lib/services/scenarios/schema";
import { updateScenario } from "@/lib/services/scenarios/update";
import type { z } from "zod";
import { contractDeletionImpact } from "@/lib/services/contracts/deletion-impact";
import { applyCommitmentTerms, previewCommitmentTerms } from "@/lib/services/focus/import-terms";

// Thin: authenticate → resolve the workspace from the membership → role → service verb → map errors.

export async function createContractAction(workspaceId: string, input: z.input<typeof createContractInput>) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => (await createContract(ctx, input)).id);
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result;
}

export async function updateContractAction(workspaceId: string, input: { contractId: string; version: number; fields: unknown }) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const c = await updateContract(ctx, input);
    return { version: c.version };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/contracts`, "layout");
  return result.ok ? { ...result, message: "Saved." } : result;
}

export async function updateTermsAction(
  workspaceId: string,
  input: { contractId: string; version: number; clauses?: unknown; drivers?: unknown; rateCardVersionId?: string },
) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const c = await updateContractTerms(ctx, input);
    return { version: c.version };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result.ok ? { ...result, message: "Terms saved." } : result;
}

/** The sets of terms a FOCUS Contract Commitment file holds, and what each would change here. */
export async function previewCommitmentTermsAction(workspaceId: string, contractId: string, csv: string) {
  return workspaceAction(workspaceId, "editor", (ctx) => previewCommitmentTerms(ctx, contractId, String(csv ?? "")));
}

/** Takes one set of a FOCUS Contract Commitment file as the contract's allotments, packs and fixed lines. */
export async function applyCommitmentTermsAction(workspaceId: string, input: { contractId: string; version: number; set: string; fileName: string }, csv: string) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const c = await applyCommitmentTerms(ctx, input, String(csv ?? ""));
    return { version: c.version };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result.ok ? { ...result, message: `Terms taken from “${input.set}”: allotments, packs and fixed lines replaced; the forecast is being recomputed.` } : result;
}

export async function setForecastBasisAction(workspaceId: string, input: { contractId: string; version: number; basis: string | null }) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const c = await setForecastBasis(ctx, input as never);
    return { version: c.version };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result.ok ? { ...result, message: "Basis saved: the forecast is being recomputed." } : result;
}

/** What deleting the contract would take with it, for the confirmation dialog. */
export async function contractDeletionImpactAction(workspaceId: string, contractId: string) {
  return workspaceAction(workspaceId, "editor", (ctx) => contractDeletionImpact(ctx, String(contractId)));
}

export async function deleteContractAction(workspaceId: string, input: { contractId: string; version: number }) {
  const result = await workspaceAction(workspaceId, "editor", (ctx) => deleteContract(ctx, input));
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result;
}

/** Recomputes a builder's draft on the server with the engine. Viewers may evaluate (it reads). */
export async function evaluateDraftAction(workspaceId: string, input: { contractId: string; draft: ScenarioDraftInput; horizon?: "term" | "renewal" }) {
  return workspaceAction(workspaceId, "viewer", async (ctx) => (await evaluateScenarios(ctx, input)).result);
}

export async function createScenarioAction(workspaceId: string, input: ScenarioDraftInput & { contractId: string }) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const s = await createScenario(ctx, input);
    return { id: s.id, version: s.version };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result.ok ? { ...result, message: "Scenario saved." } : result;
}

export async function updateScenarioAction(workspaceId: string, input: ScenarioDraftInput & { scenarioId: string; version: number }) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const s = await updateScenario(ctx, input);
    return { id: s.id, version: s.version };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result.ok ? { ...result, message: "Scenario saved." } : result;
}

export async function deleteScenarioAction(workspaceId: string, input: { scenarioId: string; version: number }) {
  const result = await workspaceAction(workspaceId, "editor", (ctx) => deleteScenario(ctx, input));
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result;
}

/** "Duplicate": saves "Copy of X" and opens it in the builder. */
export async function duplicateScenarioAction(workspaceId: string, contractId: string, scenarioId: string): Promise<void> {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => (await duplicateScenario(ctx, scenarioId)).id);
  if (!result.ok) redirect(`/w/${workspaceId}/contracts/${contractId}/scenarios?error=${encodeURIComponent(result.error)}`);
  revalidatePath(`/w/${workspaceId}`, "layout");
  redirect(`/w/${workspaceId}/contracts/${contractId}/scenarios/${result.data}?copied=1`);
}
