"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, workspaceAction } from "@/lib/actions/safe-action";
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
