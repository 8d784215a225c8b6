import { and, eq } from "drizzle-orm";
import { contracts } from "@/lib/db/schema/contracts";
import { isUuid, readOncePerRender, type WorkspaceCtx } from "../context";
import { notFound } from "../errors";

/** Fetch-or-throw inside the caller's workspace: another workspace's contract is "not found". */
export async function getContractOrThrow(ctx: WorkspaceCtx, contractId: string) {
  if (!isUuid(contractId)) throw notFound("Contract");
  return readOncePerRender(ctx, `contract:${contractId}`, () => readContract(ctx, contractId));
}

async function readContract(ctx: WorkspaceCtx, contractId: string) {
  const [row] = await ctx.db
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, contractId), eq(contracts.workspaceId, ctx.workspace.id)))
    .limit(1);
  if (!row) throw notFound("Contract");
  return row;
}
