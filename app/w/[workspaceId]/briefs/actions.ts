"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, workspaceAction, type ActionResult } from "@/lib/actions/safe-action";
import { createBrief, createBriefVersion } from "@/lib/services/briefs/create";
import { deleteBrief } from "@/lib/services/briefs/delete";
import { createBriefShare, revokeBriefShare } from "@/lib/services/briefs/share";

// Thin: authenticate → resolve the workspace from the membership → role → service verb → map errors.

function settingsFrom(form: FormData) {
  const f = formFields(form);
  return {
    vendorScenarioId: f.vendorScenarioId ?? "",
    asksScenarioId: f.asksScenarioId ?? "",
    walkAwayScenarioId: f.walkAwayScenarioId ? f.walkAwayScenarioId : null,
    ...(f.horizonStart ? { horizonStart: f.horizonStart } : {}),
    horizonPeriods: f.horizonPeriods ?? "",
    ...(f.seed ? { seed: f.seed } : {}),
    ...(f.paths ? { paths: f.paths } : {}),
  } as never;
}

/** Field errors come back as "settings.horizonPeriods": the form names them without the prefix. */
function unprefixed(fieldErrors: Record<string, string[]> | undefined) {
  return Object.fromEntries(Object.entries(fieldErrors ?? {}).map(([k, v]) => [k.replace(/^settings\./, ""), v]));
}

export async function createBriefAction(workspaceId: string, contractId: string, _prev: ActionResult<null> | null, form: FormData): Promise<ActionResult<null>> {
  const title = String(form.get("title") ?? "").trim();
  const result = await workspaceAction(workspaceId, "editor", (ctx) => createBrief(ctx, { contractId, ...(title ? { title } : {}), settings: settingsFrom(form) }));
  if (!result.ok) return { ...result, fieldErrors: unprefixed(result.fieldErrors) };
  revalidatePath(`/w/${workspaceId}/briefs`);
  redirect(`/w/${workspaceId}/briefs/${result.data.brief.id}`);
}

export async function newBriefVersionAction(workspaceId: string, briefId: string, _prev: ActionResult<null> | null, form: FormData): Promise<ActionResult<null>> {
  const note = String(form.get("note") ?? "").trim();
  const result = await workspaceAction(workspaceId, "editor", (ctx) => createBriefVersion(ctx, { briefId, ...(note ? { note } : {}), settings: settingsFrom(form) }));
  if (!result.ok) return { ...result, fieldErrors: unprefixed(result.fieldErrors) };
  revalidatePath(`/w/${workspaceId}/briefs`, "layout");
  redirect(`/w/${workspaceId}/briefs/${briefId}?v=${result.data.version.version}`);
}

export async function createShareAction(workspaceId: string, briefId: string, version: number, _prev: ActionResult<{ token: string; expiresAt: string }> | null, form: FormData): Promise<ActionResult<{ token: string; expiresAt: string }>> {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const share = await createBriefShare(ctx, { briefId, version, expiresInDays: String(form.get("expiresInDays") ?? "") as never });
    return { token: share.token, expiresAt: share.expiresAt.toISOString() };
  });
  if (result.ok) {
    revalidatePath(`/w/${workspaceId}/briefs/${briefId}`);
    return { ...result, message: "Link created. Copy it now: it is shown only once." };
  }
  return result;
}

export async function revokeShareAction(workspaceId: string, briefId: string, shareId: string): Promise<ActionResult<null>> {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    await revokeBriefShare(ctx, shareId);
    return null;
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/briefs/${briefId}`);
  return result.ok ? { ...result, message: "Link revoked." } : result;
}

export async function deleteBriefAction(workspaceId: string, briefId: string): Promise<ActionResult<null>> {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    await deleteBrief(ctx, briefId);
    return null;
  });
  if (!result.ok) return result;
  revalidatePath(`/w/${workspaceId}/briefs`);
  redirect(`/w/${workspaceId}/briefs`);
}
