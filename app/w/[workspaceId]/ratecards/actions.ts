"use server";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { createRateCard, type createRateCardInput } from "@/lib/services/ratecards/create";
import { createRateCardFromTemplate } from "@/lib/services/ratecards/create-from-template";
import { discardRateCardVersion } from "@/lib/services/ratecards/delete-version";
import { saveRateCardVersion, type saveVersionInput } from "@/lib/services/ratecards/save-version";

export async function createFromTemplateAction(workspaceId: string, input: { templateId: string; vendorId?: string | null }) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => (await createRateCardFromTemplate(ctx, input)).card.id);
  if (result.ok) revalidatePath(`/w/${workspaceId}/ratecards`, "layout");
  return result;
}

export async function createRateCardAction(workspaceId: string, input: z.input<typeof createRateCardInput>) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => (await createRateCard(ctx, input)).card.id);
  if (result.ok) revalidatePath(`/w/${workspaceId}/ratecards`, "layout");
  return result;
}

export async function saveVersionAction(workspaceId: string, input: z.input<typeof saveVersionInput>) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const r = await saveRateCardVersion(ctx, input);
    return { created: r.created, versionNo: r.version.versionNo, revision: r.version.revision, id: r.version.id };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result;
}

export async function discardVersionAction(workspaceId: string, input: { versionId: string; revision: number }) {
  const result = await workspaceAction(workspaceId, "editor", (ctx) => discardRateCardVersion(ctx, input));
  if (result.ok) revalidatePath(`/w/${workspaceId}/ratecards`, "layout");
  return result;
}
