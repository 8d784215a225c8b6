import { and, eq } from "drizzle-orm";
import { briefVersions, briefs } from "@/lib/db/schema/briefs";
import { isUuid, type WorkspaceCtx } from "../context";
import { notFound } from "../errors";

/** The id of version `version` of a brief of the caller's workspace; another workspace's is "not found". */
export async function versionIdOf(ctx: WorkspaceCtx, briefId: string, version: number): Promise<string> {
  if (!isUuid(briefId)) throw notFound("Brief");
  if (!Number.isSafeInteger(version) || version < 1 || version > 2_147_483_647) throw notFound("Brief version");
  const [v] = await ctx.db
    .select({ id: briefVersions.id })
    .from(briefVersions)
    .innerJoin(briefs, and(eq(briefs.id, briefVersions.briefId), eq(briefs.workspaceId, briefVersions.workspaceId)))
    .where(and(eq(briefs.id, briefId), eq(briefs.workspaceId, ctx.workspace.id), eq(briefVersions.version, version)));
  if (!v) throw notFound("Brief version");
  return v.id;
}
