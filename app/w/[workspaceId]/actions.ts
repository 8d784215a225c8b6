"use server";
import { revalidatePath } from "next/cache";
import { formFields, workspaceAction } from "@/lib/actions/safe-action";
import { createVendor, createVendorInput } from "@/lib/services/vendors/create";
import { deleteVendor } from "@/lib/services/vendors/delete";
import { updateVendor, updateVendorInput } from "@/lib/services/vendors/update";

type Prev = unknown;

export async function createVendorAction(workspaceId: string, _prev: Prev, form: FormData) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const v = await createVendor(ctx, createVendorInput.parse(formFields(form)));
    return { id: v.id };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result.ok ? { ...result, message: "Vendor added." } : result;
}

export async function updateVendorAction(workspaceId: string, _prev: Prev, form: FormData) {
  const result = await workspaceAction(workspaceId, "editor", async (ctx) => {
    const v = await updateVendor(ctx, updateVendorInput.parse(formFields(form)));
    return { id: v.id, version: v.version };
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result.ok ? { ...result, message: "Saved." } : result;
}

export async function deleteVendorAction(workspaceId: string, vendorId: string) {
  const result = await workspaceAction(workspaceId, "editor", (ctx) => deleteVendor(ctx, { vendorId }));
  if (result.ok) revalidatePath(`/w/${workspaceId}`, "layout");
  return result;
}
