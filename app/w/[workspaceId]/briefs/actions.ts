"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, workspaceAction, type ActionResult } from "@/lib/actions/safe-action";
import { deleteBrief } from "@/lib/services/briefs/delete";
import { requestBrief, requestBriefVersion } from "@/lib/services/briefs/job";
import { createBriefShare, revokeBriefShare } from "@/lib/services/briefs/share";
import { signOffBriefVersion, withdrawBriefSignOff } from "@/lib/services/briefs/signoff";
import { addBriefComment, deleteBriefComment } from "@/lib/services/briefs/comments";

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

/** Asks for a brief; the job computes it and the builder follows its progress (GET /api/w/…/briefs/jobs/:id). */
export async function createBriefAction(workspaceId: string, contractId: string, _prev: ActionResult<{ jobId: string }> | null, form: FormData): Promise<ActionResult<{ jobId: string }>> {
  const title = String(form.get("title") ?? "").trim();
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => ({ jobId: (await requestBrief(ctx, { contractId, ...(title ? { title } : {}), settings: settingsFrom(form) })).id }));
  if (!result.ok) return { ...result, fieldErrors: unprefixed(result.fieldErrors) };
  return result;
}

export async function newBriefVersionAction(workspaceId: string, briefId: string, _prev: ActionResult<{ jobId: string }> | null, form: FormData): Promise<ActionResult<{ jobId: string }>> {
  const note = String(form.get("note") ?? "").trim();
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => ({ jobId: (await requestBriefVersion(ctx, { briefId, ...(note ? { note } : {}), settings: settingsFrom(form) })).id }));
  if (!result.ok) return { ...result, fieldErrors: unprefixed(result.fieldErrors) };
  return result;
}

/** After a brief job succeeded: the lists show the new brief or version. */
export async function briefComputedAction(workspaceId: string): Promise<void> {
  revalidatePath(`/w/${workspaceId}/briefs`, "layout");
  revalidatePath(`/w/${workspaceId}/contracts`, "layout");
}

export async function createShareAction(workspaceId: string, briefId: string, version: number, _prev: ActionResult<{ token: string; expiresAt: string }> | null, form: FormData): Promise<ActionResult<{ token: string; expiresAt: string }>> {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const share = await createBriefShare(ctx, { briefId, version, expiresInDays: String(form.get("expiresInDays") ?? "") as never, kind: String(form.get("kind") ?? "internal") as never });
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

export async function signOffAction(workspaceId: string, briefId: string, version: number, _prev: ActionResult<null> | null, form: FormData): Promise<ActionResult<null>> {
  const note = String(form.get("note") ?? "").trim();
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    await signOffBriefVersion(ctx, { briefId, version, ...(note ? { note } : {}) });
    return null;
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/briefs/${briefId}`);
  return result.ok ? { ...result, message: `You signed off version ${version}.` } : result;
}

export async function withdrawSignOffAction(workspaceId: string, briefId: string, version: number): Promise<ActionResult<null>> {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    await withdrawBriefSignOff(ctx, { briefId, version });
    return null;
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/briefs/${briefId}`);
  return result.ok ? { ...result, message: "Your sign-off was withdrawn." } : result;
}

export async function addCommentAction(workspaceId: string, briefId: string, version: number, _prev: ActionResult<null> | null, form: FormData): Promise<ActionResult<null>> {
  const result = await workspaceAction(workspaceId, "viewer", async (ctx) => {
    await addBriefComment(ctx, { briefId, version, body: String(form.get("body") ?? "") });
    return null;
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/briefs/${briefId}`);
  return result.ok ? { ...result, message: "Comment added." } : result;
}

export async function deleteCommentAction(workspaceId: string, briefId: string, commentId: string): Promise<ActionResult<null>> {
  const result = await workspaceAction(workspaceId, "viewer", async (ctx) => {
    await deleteBriefComment(ctx, commentId);
    return null;
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/briefs/${briefId}`);
  return result.ok ? { ...result, message: "Comment deleted." } : result;
}
