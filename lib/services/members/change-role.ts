import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { memberships, roleEnum } from "@/lib/db/schema/workspaces";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import { recordSecurityEvent } from "../security/log";
import { assertAnotherOwnerRemains, lockMembershipChanges } from "./owners";

export const changeRoleInput = z.object({ userId: z.uuid(), role: z.enum(roleEnum.enumValues) });

export async function changeMemberRole(ctx: WorkspaceCtx, input: z.infer<typeof changeRoleInput>) {
  requireRole(ctx, "owner");
  return inTransaction(ctx, async (tx) => {
    await lockMembershipChanges(tx);
    const [current] = await tx.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, tx.workspace.id), eq(memberships.userId, input.userId)))
      .for("update");
    if (!current) throw notFound("Member");
    if (current.role === input.role) return;
    if (current.role === "owner") {
      await assertAnotherOwnerRemains(tx, input.userId, "The last owner cannot be demoted. Make another member an owner first.");
    }
    await tx.db
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.workspaceId, tx.workspace.id), eq(memberships.userId, input.userId)));
    await recordAudit(tx, {
      action: "member.role_change",
      targetType: "user",
      targetId: input.userId,
      details: { from: current.role, to: input.role },
    });
    await recordSecurityEvent(tx.db, {
      kind: "role_changed",
      userId: input.userId,
      workspaceId: tx.workspace.id,
      detail: `${tx.actor.email} changed the role from ${current.role} to ${input.role}`,
    });
  });
}
