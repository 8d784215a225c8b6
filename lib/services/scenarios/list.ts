import { and, asc, eq } from "drizzle-orm";
import { scenarios } from "@/lib/db/schema/contracts";
import type { WorkspaceCtx } from "../context";
import { getContractOrThrow } from "../contracts/get";

export async function listScenarios(ctx: WorkspaceCtx, contractId: string) {
  const contract = await getContractOrThrow(ctx, contractId);
  return ctx.db
    .select()
    .from(scenarios)
    .where(and(eq(scenarios.workspaceId, ctx.workspace.id), eq(scenarios.contractId, contract.id)))
    .orderBy(asc(scenarios.sortOrder), asc(scenarios.createdAt));
}
