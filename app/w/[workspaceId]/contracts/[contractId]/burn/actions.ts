"use server";
import { revalidatePath } from "next/cache";
import { formFields, workspaceAction, type ActionResult } from "@/lib/actions/safe-action";
import { addBurnRow } from "@/lib/services/burn/add-row";

// Thin: authenticate → resolve the workspace from the membership → role → service verb → map errors.

export async function addBurnRowAction(workspaceId: string, contractId: string, _prev: ActionResult<null> | null, form: FormData): Promise<ActionResult<null>> {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    // The form's strings are validated by the service's zod schema.
    await addBurnRow(ctx, { ...formFields(form), contractId } as Parameters<typeof addBurnRow>[1]);
    return null;
  });
  if (result.ok) {
    revalidatePath(`/w/${workspaceId}/contracts/${contractId}`, "layout");
    return { ...result, message: "Row added." };
  }
  return result;
}
