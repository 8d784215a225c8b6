import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { invitations } from "@/lib/db/schema/workspaces";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";

export const revokeInvitationInput = z.object({ invitationId: z.uuid() });

export async function revokeInvitation(ctx: WorkspaceCtx, input: z.infer<typeof revokeInvitationInput>) {
  requireRole(ctx, "owner");
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, input.invitationId),
          eq(invitations.workspaceId, tx.workspace.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id, email: invitations.email });
    if (!row) throw notFound("Invitation");
    await recordAudit(tx, { action: "invitation.revoke", targetType: "invitation", targetId: row.id, details: { email: row.email } });
  });
}
