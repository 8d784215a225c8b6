"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, workspaceAction, type ActionResult } from "@/lib/actions/safe-action";
import { createCalendarFeed, revokeCalendarFeed } from "@/lib/services/calendar/feed";
import { deleteWorkspace, deleteWorkspaceInput } from "@/lib/services/workspaces/delete";
import { renameWorkspace, renameWorkspaceInput } from "@/lib/services/workspaces/rename";

export async function renameWorkspaceAction(workspaceId: string, _prev: unknown, form: FormData) {
  const result = await workspaceAction(workspaceId, "owner", (ctx) => renameWorkspace(ctx, renameWorkspaceInput.parse(formFields(form))));
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result.ok ? { ...result, message: "Workspace renamed." } : result;
}

export async function deleteWorkspaceAction(workspaceId: string, _prev: unknown, form: FormData) {
  const result = await workspaceAction(workspaceId, "owner", (ctx) => deleteWorkspace(ctx, deleteWorkspaceInput.parse(formFields(form))));
  if (result.ok) redirect("/w");
  return result;
}

/** A new secret calendar URL (the previous one stops working); the token is in this answer only. */
export async function createCalendarFeedAction(workspaceId: string): Promise<ActionResult<{ path: string }>> {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const feed = await createCalendarFeed(ctx);
    return { path: `/calendar/${feed.token}.ics` };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/settings`);
  return result.ok ? { ...result, message: "Calendar URL created. Copy it now: it is shown only once." } : result;
}

export async function revokeCalendarFeedAction(workspaceId: string): Promise<ActionResult<null>> {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    await revokeCalendarFeed(ctx);
    return null;
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/settings`);
  return result.ok ? { ...result, message: "Calendar URL revoked: calendars subscribed to it stop updating." } : result;
}
