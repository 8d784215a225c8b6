import type { z } from "zod";
import { vendors } from "@/lib/db/schema/vendors";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { vendorFields } from "./schema";

export const createVendorInput = vendorFields;

export async function createVendor(ctx: WorkspaceCtx, input: z.input<typeof createVendorInput>) {
  requireRole(ctx, "editor");
  const fields = createVendorInput.parse(input);
  return inTransaction(ctx, (tx) => createVendorIn(tx, fields));
}

/** Inside a caller's transaction (a contract created with a new vendor). */
export async function createVendorIn(tx: WorkspaceCtx, input: z.input<typeof createVendorInput>) {
  requireRole(tx, "editor");
  const fields = createVendorInput.parse(input);
  const [row] = await tx.db
    .insert(vendors)
    .values({ ...fields, workspaceId: tx.workspace.id })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await recordAudit(tx, { action: "vendor.create", targetType: "vendor", targetId: row.id, details: { name: row.name } });
  return row;
}
