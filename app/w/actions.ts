"use server";
import { redirect } from "next/navigation";
import { actorAction, formFields, type ActionResult } from "@/lib/actions/safe-action";
import { createWorkspace, createWorkspaceInput } from "@/lib/services/workspaces/create";

export async function createWorkspaceAction(_prev: ActionResult<{ id: string }> | null, form: FormData) {
  const result = await actorAction((ctx) => createWorkspace(ctx, createWorkspaceInput.parse(formFields(form))));
  if (result.ok) redirect(`/w/${result.data.id}`);
  return result;
}
