import { auditLog } from "@/lib/db/schema/workspaces";
import type { WorkspaceCtx } from "../context";

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/** Call inside the write's transaction (ctx.db is the transaction), never after it. */
export async function recordAudit(ctx: WorkspaceCtx, input: AuditInput): Promise<void> {
  await ctx.db.insert(auditLog).values({
    workspaceId: ctx.workspace.id,
    actorId: ctx.actor.id,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    details: input.details ?? null,
  });
}
