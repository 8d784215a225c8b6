import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { vendors } from "@/lib/db/schema/vendors";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict } from "../errors";
import { getVendorOrThrow } from "./get";
import { vendorFields } from "./schema";

export const updateVendorInput = vendorFields.extend({
  vendorId: z.string(),
  /** the version the editor read; a save against an older version is a conflict, never an overwrite */
  version: z.coerce.number().int().positive(),
});

export async function updateVendor(ctx: WorkspaceCtx, input: z.input<typeof updateVendorInput>) {
  requireRole(ctx, "editor");
  const { vendorId, version, ...fields } = updateVendorInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getVendorOrThrow(tx, vendorId);
    const [row] = await tx.db
      .update(vendors)
      .set({ ...fields, version: sql`${vendors.version} + 1`, updatedAt: new Date() })
      .where(and(eq(vendors.id, vendorId), eq(vendors.workspaceId, tx.workspace.id), eq(vendors.version, version)))
      .returning();
    if (!row) {
      throw conflict("Someone else saved this vendor after you opened it. Reload to see their changes, then apply yours again.");
    }
    await recordAudit(tx, {
      action: "vendor.update",
      targetType: "vendor",
      targetId: row.id,
      details: { from: { name: before.name, product: before.product }, to: { name: row.name, product: row.product } },
    });
    return row;
  });
}
