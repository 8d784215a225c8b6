import { and, eq, gt, isNull } from "drizzle-orm";
import { users } from "@/lib/db/schema/auth";
import { invitations, memberships, workspaces } from "@/lib/db/schema/workspaces";
import type { Db } from "@/lib/db/client";
import { inTransaction, type ActorCtx } from "../context";
import { recordAudit } from "../audit/record";
import { DomainError, notFound } from "../errors";
import { hashLinkToken } from "../link-token";

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

/** What the invite page shows before the invitee accepts. Unknown tokens are "not found". */
export async function previewInvitation(db: Db, token: string, now = new Date()) {
  const [row] = await db
    .select({
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      workspaceName: workspaces.name,
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashLinkToken(token)))
    .limit(1);
  if (!row) return null;
  const state: InvitationState = row.acceptedAt
    ? "accepted"
    : row.revokedAt
      ? "revoked"
      : row.expiresAt <= now
        ? "expired"
        : "pending";
  return { email: row.email, role: row.role, expiresAt: row.expiresAt, workspaceName: row.workspaceName, inviterName: row.inviterName, state };
}

/**
 * Accepts an invitation for the signed-in user. The token works once: the update that marks it
 * accepted only matches a pending, unexpired row, so two concurrent accepts cannot both succeed.
 */
export async function acceptInvitation(ctx: ActorCtx, token: string, now = new Date()): Promise<{ workspaceId: string }> {
  return inTransaction(ctx, async (tx) => {
    const [inv] = await tx.db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashLinkToken(token)))
      .limit(1)
      .for("update");
    if (!inv) throw notFound("Invitation");
    if (inv.acceptedAt) throw new DomainError("conflict", "This invitation has already been used.");
    if (inv.revokedAt) throw new DomainError("conflict", "This invitation was withdrawn. Ask for a new one.");
    if (inv.expiresAt <= now) throw new DomainError("conflict", "This invitation has expired. Ask for a new one.");
    if (inv.email !== tx.actor.email.toLowerCase()) {
      throw new DomainError("forbidden", `This invitation is for ${inv.email}. Sign in with that address to accept it.`);
    }
    const [claimed] = await tx.db
      .update(invitations)
      .set({ acceptedAt: now, acceptedBy: tx.actor.id })
      .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
      .returning({ id: invitations.id });
    if (!claimed) throw new DomainError("conflict", "This invitation has already been used.");
    await tx.db
      .insert(memberships)
      .values({ workspaceId: inv.workspaceId, userId: tx.actor.id, role: inv.role })
      .onConflictDoNothing();
    const [ws] = await tx.db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, inv.workspaceId));
    await recordAudit(
      { ...tx, workspace: { id: inv.workspaceId, name: ws?.name ?? "" }, role: inv.role },
      { action: "invitation.accept", targetType: "invitation", targetId: inv.id, details: { email: inv.email, role: inv.role } },
    );
    return { workspaceId: inv.workspaceId };
  });
}
