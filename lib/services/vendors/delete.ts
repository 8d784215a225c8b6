import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { vendors } from "@/lib/db/schema/vendors";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { getVendorOrThrow } from "./get";

export const deleteVendorInput = z.object({ vendorId: z.string() });

export async function deleteVendor(ctx: WorkspaceCtx, input: z.infer<typeof deleteVendorInput>) {
  requireRole(ctx, "editor");
  return inTransaction(ctx, async (tx) => {
    const before = await getVendorOrThrow(tx, input.vendorId);
    await tx.db.delete(vendors).where(and(eq(vendors.id, before.id), eq(vendors.workspaceId, tx.workspace.id)));
    await recordAudit(tx, { action: "vendor.delete", targetType: "vendor", targetId: before.id, details: { name: before.name } });
  });
}
