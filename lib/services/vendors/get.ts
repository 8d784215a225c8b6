import { and, eq } from "drizzle-orm";
import { vendors } from "@/lib/db/schema/vendors";
import { isUuid, readOncePerRender, type WorkspaceCtx } from "../context";
import { notFound } from "../errors";

/** Fetch-or-throw inside the caller's workspace: another workspace's vendor is "not found". */
export async function getVendorOrThrow(ctx: WorkspaceCtx, vendorId: string) {
  if (!isUuid(vendorId)) throw notFound("Vendor");
  return readOncePerRender(ctx, `vendor:${vendorId}`, () => readVendor(ctx, vendorId));
}

async function readVendor(ctx: WorkspaceCtx, vendorId: string) {
  const [row] = await ctx.db
    .select()
    .from(vendors)
    .where(and(eq(vendors.id, vendorId), eq(vendors.workspaceId, ctx.workspace.id)))
    .limit(1);
  if (!row) throw notFound("Vendor");
  return row;
}
