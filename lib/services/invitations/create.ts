import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/lib/db/schema/auth";
import { invitations, memberships, roleEnum } from "@/lib/db/schema/workspaces";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict } from "../errors";
import { hashLinkToken, newLinkToken } from "../link-token";
import { INVITE_TTL_DAYS } from "./token";

export const createInvitationInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address.")),
  role: z.enum(roleEnum.enumValues),
});

/**
 * Creates a one-time invitation and returns its token. There is no mailer: the caller shows the link
 * to the inviter (never in a log). The token is returned once and only its hash is stored.
 */
export async function createInvitation(ctx: WorkspaceCtx, input: z.infer<typeof createInvitationInput>, now = new Date()) {
  requireRole(ctx, "owner");
  return inTransaction(ctx, async (tx) => {
    const [existingMember] = await tx.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, tx.workspace.id), eq(users.email, input.email)))
      .limit(1);
    if (existingMember) throw conflict(`${input.email} is already a member of this workspace.`);
    // A new invitation replaces any pending one for the same address.
    await tx.db
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.workspaceId, tx.workspace.id),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      );
    const token = newLinkToken();
    const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
    const [inv] = await tx.db
      .insert(invitations)
      .values({
        workspaceId: tx.workspace.id,
        email: input.email,
        role: input.role,
        tokenHash: hashLinkToken(token),
        invitedBy: tx.actor.id,
        expiresAt,
      })
      .returning({ id: invitations.id });
    if (!inv) throw new Error("insert returned no row");
    await recordAudit(tx, {
      action: "invitation.create",
      targetType: "invitation",
      targetId: inv.id,
      details: { email: input.email, role: input.role, expiresAt: expiresAt.toISOString() },
    });
    return { id: inv.id, token, expiresAt };
  });
}
