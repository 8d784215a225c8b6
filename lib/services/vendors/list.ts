import { asc, eq } from "drizzle-orm";
import { vendors } from "@/lib/db/schema/vendors";
import type { WorkspaceCtx } from "../context";

export async function listVendors(ctx: WorkspaceCtx) {
  return ctx.db.select().from(vendors).where(eq(vendors.workspaceId, ctx.workspace.id)).orderBy(asc(vendors.name));
}
