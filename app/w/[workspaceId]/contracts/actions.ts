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
export async function evaluateDraftAction(workspaceId: string, input: { contractId: string; draft: ScenarioDraftInput }) {
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
