import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { invitations } from "@/lib/db/schema/workspaces";
import { requireRole, type WorkspaceCtx } from "../context";

/** Pending invitations (not accepted, revoked or expired). Tokens are never read back. */
export async function listPendingInvitations(ctx: WorkspaceCtx, now = new Date()) {
  requireRole(ctx, "owner");
  return ctx.db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, ctx.workspace.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}
