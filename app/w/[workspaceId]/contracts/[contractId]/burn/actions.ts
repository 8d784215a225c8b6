"use server";
import { revalidatePath } from "next/cache";
import { formFields, workspaceAction, type ActionResult } from "@/lib/actions/safe-action";
import { addBurnRow } from "@/lib/services/burn/add-row";
import { deleteBurnRow } from "@/lib/services/burn/delete-row";
import { recordPurchase } from "@/lib/services/burn/record-purchase";
import { rollbackBurnImport, type RollbackOutcome } from "@/lib/services/burn/rollback-import";

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

export async function rollbackImportAction(workspaceId: string, contractId: string, importId: string): Promise<ActionResult<RollbackOutcome>> {
  const result = await workspaceAction(workspaceId, "editor", (ctx) => rollbackBurnImport(ctx, { contractId, importId }));
  if (result.ok) {
    revalidatePath(`/w/${workspaceId}/contracts/${contractId}`, "layout");
    return { ...result, message: `Rolled back ${result.data.fileName}: ${result.data.rowsRemoved + result.data.chargesRemoved} rows removed${result.data.rowsRestored ? `, ${result.data.rowsRestored} restored` : ""}.` };
  }
  return result;
}

export async function deleteBurnRowAction(workspaceId: string, contractId: string, rowId: number): Promise<ActionResult<null>> {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    await deleteBurnRow(ctx, { contractId, rowId });
    return null;
  });
  if (result.ok) {
    revalidatePath(`/w/${workspaceId}/contracts/${contractId}`, "layout");
    return { ...result, message: "Row deleted." };
  }
  return result;
}

export async function recordPurchaseAction(workspaceId: string, contractId: string, chargeId: number, as: "pack" | "allocation"): Promise<ActionResult<null>> {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    await recordPurchase(ctx, { contractId, chargeId, as });
    return null;
  });
  if (result.ok) {
    revalidatePath(`/w/${workspaceId}/contracts/${contractId}`, "layout");
    return { ...result, message: as === "pack" ? "Recorded as a pack in the contract's terms." : "Recorded as an allocation in the contract's terms." };
  }
  return result;
}
