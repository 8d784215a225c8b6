import { z } from "zod";
import { text } from "@/lib/services/validation";
import { memberships, workspaces } from "@/lib/db/schema/workspaces";
import { inTransaction, type ActorCtx } from "../context";
import { recordAudit } from "../audit/record";

export const workspaceName = text().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");
export const createWorkspaceInput = z.object({ name: workspaceName });

/** Creates a workspace with the caller as its owner. */
export async function createWorkspace(ctx: ActorCtx, input: z.infer<typeof createWorkspaceInput>) {
  return inTransaction(ctx, async (tx) => {
    const [ws] = await tx.db.insert(workspaces).values({ name: input.name }).returning();
    if (!ws) throw new Error("insert returned no row");
    await tx.db.insert(memberships).values({ workspaceId: ws.id, userId: tx.actor.id, role: "owner" });
    await recordAudit(
      { ...tx, workspace: { id: ws.id, name: ws.name }, role: "owner" },
      { action: "workspace.create", targetType: "workspace", targetId: ws.id, details: { name: ws.name } },
    );
    return { id: ws.id, name: ws.name };
  });
}
