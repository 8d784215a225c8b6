import { and, eq } from "drizzle-orm";
import { memberships } from "@/lib/db/schema/workspaces";
import type { WorkspaceCtx } from "../context";
import { conflict } from "../errors";

/**
 * Inside a transaction: locks the workspace's owner rows and refuses a change that would leave it
 * without an owner. The lock makes two owners demoting each other at once take turns.
 */
export async function assertAnotherOwnerRemains(tx: WorkspaceCtx, leavingUserId: string, message: string) {
  const owners = await tx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, tx.workspace.id), eq(memberships.role, "owner")))
    .for("update");
  if (!owners.some((o) => o.userId !== leavingUserId)) throw conflict(message);
}
