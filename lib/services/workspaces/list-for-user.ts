import { asc, eq } from "drizzle-orm";
import { memberships, workspaces } from "@/lib/db/schema/workspaces";
import type { ActorCtx } from "../context";

/** The workspaces the caller belongs to, with their role in each. */
export async function listWorkspacesForUser(ctx: ActorCtx) {
  return ctx.db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, ctx.actor.id))
    .orderBy(asc(workspaces.name));
}
