import { and, eq } from "drizzle-orm";
import { briefs } from "@/lib/db/schema/briefs";
import { inTransaction, isUuid, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";

/** Deletes a brief with all its versions and share links (which stop working at once). */
export async function deleteBrief(ctx: WorkspaceCtx, briefId: string) {
  requireRole(ctx, "editor");
  if (!isUuid(briefId)) throw notFound("Brief");
  return inTransaction(ctx, async (tx) => {
    const [gone] = await tx.db
      .delete(briefs)
      .where(and(eq(briefs.id, briefId), eq(briefs.workspaceId, tx.workspace.id)))
      .returning({ id: briefs.id, title: briefs.title });
    if (!gone) throw notFound("Brief");
    await recordAudit(tx, { action: "brief.delete", targetType: "brief", targetId: gone.id, details: { title: gone.title } });
  });
}
