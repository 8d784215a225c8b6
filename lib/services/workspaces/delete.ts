import { eq } from "drizzle-orm";
import { z } from "zod";
import { workspaces } from "@/lib/db/schema/workspaces";
import { requireRole, type WorkspaceCtx } from "../context";
import { invalid } from "../errors";

export const deleteWorkspaceInput = z.object({ confirmName: z.string() });

/**
 * Deletes the workspace and, through foreign keys, everything in it (its audit log included, so the
 * deletion itself is logged on the server). The caller must type the workspace's name to confirm.
 */
export async function deleteWorkspace(ctx: WorkspaceCtx, input: z.infer<typeof deleteWorkspaceInput>) {
  requireRole(ctx, "owner");
  if (input.confirmName.trim() !== ctx.workspace.name) {
    throw invalid("Type the workspace's name exactly to confirm deletion.", {
      confirmName: ["Does not match the workspace's name."],
    });
  }
  await ctx.db.delete(workspaces).where(eq(workspaces.id, ctx.workspace.id));
  console.info(
    JSON.stringify({ event: "workspace.delete", workspaceId: ctx.workspace.id, actorId: ctx.actor.id, at: new Date() }),
  );
}
