import { and, eq } from "drizzle-orm";
import { scenarios } from "@/lib/db/schema/contracts";
import { isUuid, type WorkspaceCtx } from "../context";
import { notFound } from "../errors";

/** Fetch-or-throw inside the caller's workspace: another workspace's scenario is "not found". */
export async function getScenarioOrThrow(ctx: WorkspaceCtx, scenarioId: string) {
  if (!isUuid(scenarioId)) throw notFound("Scenario");
  const [row] = await ctx.db
    .select()
    .from(scenarios)
    .where(and(eq(scenarios.id, scenarioId), eq(scenarios.workspaceId, ctx.workspace.id)))
    .limit(1);
  if (!row) throw notFound("Scenario");
  return row;
}
