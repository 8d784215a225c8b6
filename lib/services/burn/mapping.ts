import { and, eq, sql } from "drizzle-orm";
import { columnMappings } from "@/lib/db/schema/burn";
import { usageMappingSchema, type UsageMapping } from "@/lib/import/mapping";
import type { WorkspaceCtx } from "../context";

/** The column mapping last used for this vendor's files in this workspace, or null. */
export async function getRememberedMapping(ctx: WorkspaceCtx, vendorId: string): Promise<UsageMapping | null> {
  const [row] = await ctx.db
    .select({ mapping: columnMappings.mapping })
    .from(columnMappings)
    .where(and(eq(columnMappings.workspaceId, ctx.workspace.id), eq(columnMappings.vendorId, vendorId)))
    .limit(1);
  if (!row) return null;
  // A mapping stored by an older version that no longer validates is simply not offered.
  const parsed = usageMappingSchema.safeParse(row.mapping);
  return parsed.success ? (row.mapping as UsageMapping) : null;
}

/** Call inside the import's transaction: the mapping is remembered only when the import commits. */
export async function rememberMapping(ctx: WorkspaceCtx, vendorId: string, mapping: UsageMapping): Promise<void> {
  await ctx.db
    .insert(columnMappings)
    .values({ workspaceId: ctx.workspace.id, vendorId, mapping: mapping as Record<string, unknown> })
    .onConflictDoUpdate({ target: [columnMappings.workspaceId, columnMappings.vendorId], set: { mapping: mapping as Record<string, unknown>, updatedAt: sql`now()` } });
}
