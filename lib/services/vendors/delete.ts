import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import { contracts } from "@/lib/db/schema/contracts";
import { vendors } from "@/lib/db/schema/vendors";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict } from "../errors";
import { getVendorOrThrow } from "./get";

export const deleteVendorInput = z.object({ vendorId: z.string() });

export async function deleteVendor(ctx: WorkspaceCtx, input: z.infer<typeof deleteVendorInput>) {
  requireRole(ctx, "editor");
  return inTransaction(ctx, async (tx) => {
    const before = await getVendorOrThrow(tx, input.vendorId);
    // Contracts cascade with their vendor: deleting them as a side effect would lose scenarios and burn.
    const [used] = await tx.db
      .select({ n: count() })
      .from(contracts)
      .where(and(eq(contracts.vendorId, before.id), eq(contracts.workspaceId, tx.workspace.id)));
    if ((used?.n ?? 0) > 0) throw conflict(`${before.name} has ${used?.n} contract(s) in this workspace; delete them first.`);
    await tx.db.delete(vendors).where(and(eq(vendors.id, before.id), eq(vendors.workspaceId, tx.workspace.id)));
    await recordAudit(tx, { action: "vendor.delete", targetType: "vendor", targetId: before.id, details: { name: before.name } });
  });
}
