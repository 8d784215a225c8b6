import { and, desc, eq, lt, or } from "drizzle-orm";
import { users } from "@/lib/db/schema/auth";
import { auditLog } from "@/lib/db/schema/workspaces";
import { requireRole, type WorkspaceCtx } from "../context";

export interface AuditRow {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown> | null;
  createdAt: Date;
  actorEmail: string | null;
}

export interface AuditCursor {
  createdAt: Date;
  id: string;
}

/**
 * Owners browse the audit log, newest first, a page at a time. The cursor is the (time, id) of the
 * last row shown: rows written in one transaction share their time, so time alone could skip some.
 */
export async function listAudit(ctx: WorkspaceCtx, input: { before?: AuditCursor; limit?: number } = {}): Promise<AuditRow[]> {
  requireRole(ctx, "owner");
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  return ctx.db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.workspaceId, ctx.workspace.id),
        input.before
          ? or(lt(auditLog.createdAt, input.before.createdAt), and(eq(auditLog.createdAt, input.before.createdAt), lt(auditLog.id, input.before.id)))
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}
