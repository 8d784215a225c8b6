import { and, eq } from "drizzle-orm";
import { memberships, workspaces } from "@/lib/db/schema/workspaces";
import type { WorkspaceCtx } from "../context";
import { conflict } from "../errors";

/**
 * First statement of a transaction that changes or removes a membership: locks the workspace row, so
 * such changes in one workspace take turns. (Locking the target's row first and the owner rows
 * second let two owners demoting each other, or leaving, at once deadlock on PostgreSQL.)
 * "no key update" does not block the key-share locks taken by inserts that reference the workspace.
 */
export async function lockMembershipChanges(tx: WorkspaceCtx) {
  await tx.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, tx.workspace.id)).for("no key update");
}

/**
 * Inside a transaction (after lockMembershipChanges): locks the workspace's owner rows and refuses a
 * change that would leave it without an owner.
 */
export async function assertAnotherOwnerRemains(tx: WorkspaceCtx, leavingUserId: string, message: string) {
  const owners = await tx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, tx.workspace.id), eq(memberships.role, "owner")))
    .for("update");
  if (!owners.some((o) => o.userId !== leavingUserId)) throw conflict(message);
}
