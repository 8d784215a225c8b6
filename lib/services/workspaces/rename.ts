import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { workspaces } from "@/lib/db/schema/workspaces";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import { workspaceName } from "./create";

export const renameWorkspaceInput = z.object({ name: workspaceName });

export async function renameWorkspace(ctx: WorkspaceCtx, input: z.infer<typeof renameWorkspaceInput>) {
  requireRole(ctx, "owner");
  return inTransaction(ctx, async (tx) => {
    const [ws] = await tx.db
      .update(workspaces)
      .set({ name: input.name, updatedAt: new Date(), version: sql`${workspaces.version} + 1` })
      .where(and(eq(workspaces.id, tx.workspace.id)))
      .returning({ id: workspaces.id, name: workspaces.name });
    if (!ws) throw notFound("Workspace");
    await recordAudit(tx, {
      action: "workspace.rename",
      targetType: "workspace",
      targetId: ws.id,
      details: { from: tx.workspace.name, to: ws.name },
    });
    return ws;
  });
}
