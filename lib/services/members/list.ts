import { asc, eq } from "drizzle-orm";
import { users } from "@/lib/db/schema/auth";
import { memberships } from "@/lib/db/schema/workspaces";
import type { WorkspaceCtx } from "../context";

export async function listMembers(ctx: WorkspaceCtx) {
  return ctx.db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspace.id))
    .orderBy(asc(users.email));
}
