import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { memberships } from "@/lib/db/schema/workspaces";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import { recordSecurityEvent } from "../security/log";
import { assertAnotherOwnerRemains, lockMembershipChanges } from "./owners";

export const removeMemberInput = z.object({ userId: z.uuid() });

/** An owner removes a member, or any member removes themself (leaving). The last owner can do neither. */
export async function removeMember(ctx: WorkspaceCtx, input: z.infer<typeof removeMemberInput>) {
  const leaving = input.userId === ctx.actor.id;
  if (!leaving) requireRole(ctx, "owner");
  return inTransaction(ctx, async (tx) => {
    await lockMembershipChanges(tx);
    const [current] = await tx.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, tx.workspace.id), eq(memberships.userId, input.userId)))
      .for("update");
    if (!current) throw notFound("Member");
    if (current.role === "owner") {
      await assertAnotherOwnerRemains(
        tx,
        input.userId,
        leaving
          ? "You are the last owner: make another member an owner before you leave, or delete the workspace."
          : "The last owner cannot be removed.",
      );
    }
    await tx.db
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, tx.workspace.id), eq(memberships.userId, input.userId)));
    await recordAudit(tx, {
      action: leaving ? "member.leave" : "member.remove",
      targetType: "user",
      targetId: input.userId,
      details: { role: current.role },
    });
    await recordSecurityEvent(tx.db, {
      kind: "role_changed",
      userId: input.userId,
      workspaceId: tx.workspace.id,
      detail: leaving ? `left the workspace (was ${current.role})` : `${tx.actor.email} removed the member (was ${current.role})`,
    });
  });
}

export function leaveWorkspace(ctx: WorkspaceCtx) {
  return removeMember(ctx, { userId: ctx.actor.id });
}
